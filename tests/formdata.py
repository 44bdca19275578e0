"""Read a rendered HTML form's fields and current values, as a browser would submit them.

Lets tests post Oscar's own forms (with their formsets' management fields) without
copying their field lists, so a test changes one value and keeps the rest as served.
"""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, containing: str):
        super().__init__(convert_charrefs=True)
        self.containing = containing
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"fields": {}, "names": set()}
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            self._form["names"].add(name)
            kind = a.get("type", "text")
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self._form["fields"][name] = a.get("value", "on")
                return
            self._form["fields"][name] = a.get("value", "")
        elif tag == "select" and name:
            self._form["names"].add(name)
            self._select, self._select_first = name, None
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self._form["fields"][self._select] = value
        elif tag == "textarea" and name:
            self._form["names"].add(name)
            self._textarea = name
            self._form["fields"][name] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if self._form is None:
            return
        if tag == "select" and self._select:
            self._form["fields"].setdefault(self._select, self._select_first or "")
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self.forms.append(self._form)
            self._form = None


def form_data(html: str, containing: str) -> dict[str, str]:
    """The submit data of the first form in ``html`` with a field named ``containing``."""
    parser = _FormParser(containing)
    parser.feed(html)
    for form in parser.forms:
        if containing in form["names"]:
            return {k: v.strip() if "\n" in v else v for k, v in form["fields"].items()}
    raise AssertionError(f"no form with a field {containing!r}")

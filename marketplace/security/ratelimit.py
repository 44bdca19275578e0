"""Fixed-window rate limits counted in the shared Django cache.

Rules live in ``settings.RATE_LIMITS`` (name -> rate, methods, url_names, paths). They
apply in two ways: ``RateLimitMiddleware`` matches every request's URL name or path
against the rules, so existing Oscar views need no change; ``@rate_limit("rule")``
applies one rule to a view directly. Either way an over-limit request never reaches
the view (nothing is written) and is answered 429 with ``Retry-After``.

Counting uses ``cache.add`` + ``cache.incr`` on a key per rule, client IP and window,
so with Redis (``REDIS_URL``) every worker shares the same counters.
"""

from __future__ import annotations

import functools
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .client_ip import client_ip

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


def parse_rate(rate: str) -> tuple[int, int]:
    """``"30/m"`` -> (30, 60); ``"20/10m"`` -> (20, 600)."""
    match = _RATE.match(rate)
    if not match:
        raise ValueError(f"Rate {rate!r} is not of the form '<count>/<n><s|m|h|d>'")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


@dataclass(frozen=True)
class Rule:
    name: str
    limit: int
    window: int
    methods: frozenset[str] = frozenset({"POST"})
    url_names: frozenset[str] = frozenset()
    paths: tuple[re.Pattern, ...] = field(default_factory=tuple)

    @classmethod
    def from_settings(cls, name: str) -> Rule:
        conf = settings.RATE_LIMITS[name]
        limit, window = parse_rate(conf["rate"])
        scale = getattr(settings, "RATE_LIMIT_SCALE", 1.0)
        return cls(
            name=name,
            limit=max(1, int(limit * scale)),
            window=window,
            methods=frozenset(m.upper() for m in conf.get("methods", ["POST"])),
            url_names=frozenset(conf.get("url_names", ())),
            paths=tuple(re.compile(p) for p in conf.get("paths", ())),
        )

    def matches(self, request: HttpRequest) -> bool:
        if request.method not in self.methods:
            return False
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in self.url_names:
            return True
        return any(p.search(request.path_info) for p in self.paths)


def all_rules() -> list[Rule]:
    return [Rule.from_settings(name) for name in getattr(settings, "RATE_LIMITS", {})]


def hit(rule: Rule, key: str, *, now: float | None = None) -> int | None:
    """Count one request; return seconds until the window ends if over the limit."""
    now = time.time() if now is None else now
    window_start = int(now // rule.window) * rule.window
    cache_key = f"ratelimit:{rule.name}:{key}:{window_start}"
    # add() is atomic: only the first request of a window creates the counter.
    cache.add(cache_key, 0, timeout=rule.window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: start again
        cache.set(cache_key, 1, timeout=rule.window + 1)
        count = 1
    if count > rule.limit:
        return max(1, int(window_start + rule.window - now))
    return None


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 answer: JSON for JSON clients, a short page for people."""
    message = _("Too many requests. Please wait %(seconds)s seconds and try again.") % {
        "seconds": retry_after
    }
    wants_json = request.path_info.endswith(".json") or "application/json" in request.headers.get(
        "Accept", ""
    )
    if wants_json:
        response = JsonResponse({"error": "rate_limited", "detail": message}, status=429)
    else:
        response = HttpResponse(
            render_to_string("security/rate_limited.html", {"message": message}, request=request),
            status=429,
        )
    response["Retry-After"] = str(retry_after)
    return response


def check_request(request: HttpRequest, rules: list[Rule]) -> HttpResponse | None:
    if not getattr(settings, "RATE_LIMITS_ENABLED", True):
        return None
    ip = client_ip(request) or "unknown"
    for rule in rules:
        if rule.matches(request):
            retry_after = hit(rule, ip)
            if retry_after is not None:
                return too_many_requests(request, retry_after)
    return None


def rate_limit(rule_name: str):
    """Decorate a view so ``settings.RATE_LIMITS[rule_name]`` applies to it.

    The rule's methods still filter; its url_names/paths are not needed here.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if getattr(settings, "RATE_LIMITS_ENABLED", True):
                rule = Rule.from_settings(rule_name)
                if request.method in rule.methods:
                    retry_after = hit(rule, client_ip(request) or "unknown")
                    if retry_after is not None:
                        return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        wrapped.rate_limit_rule = rule_name
        return wrapped

    return decorator

"""``{% rendition image.original "thumb" as thumb %}``: a stored rendition's URLs.

Use it with a ``<picture>`` so browsers that take WebP get it::

    {% rendition image.original "thumb" as thumb %}
    <picture>
      {% if thumb.webp_url %}<source type="image/webp" srcset="{{ thumb.webp_url }}">{% endif %}
      <img src="{{ thumb.url }}" alt="…">
    </picture>

Labels: ``thumb`` (lists) and ``medium`` (product pages). Builds names only: no
storage or database access per image (one cache read each when a worker makes
the renditions, to show the original until they exist).
"""

from django import template

from ..renditions import Rendition, rendition_for

register = template.Library()


@register.simple_tag
def rendition(source, label: str) -> Rendition:
    return rendition_for(source, label)

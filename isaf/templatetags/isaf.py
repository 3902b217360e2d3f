"""Template filters for numbers, money and dates, in the page's language.

They are builtins (see settings), so every template can write {{ amount|riel }}.
"""

from django import template
from django.utils.html import format_html

from isaf import formatting

register = template.Library()


@register.filter
def number(value, decimals=0):
    return formatting.format_number(value, decimals=int(decimals))


@register.filter
def digits(value):
    return formatting.format_digits(value)


@register.filter
def riel(value):
    return formatting.format_riel(value)


@register.filter
def percent(value, decimals=0):
    return formatting.format_percent(value, decimals=int(decimals))


@register.filter
def longdate(value):
    return formatting.format_date(value)


@register.simple_tag
def colon():
    """After a label: «ស្ថានភាព៖», «Status:» (Khmer punctuation on Khmer pages)."""
    return formatting.label_colon()


@register.filter
def code(value):
    """An official code, a username or another identifier: ASCII on every page.

    `translate="no"` tells browsers' translators, screen readers and the Khmer
    page checks (tests/khmer_text.py) that this is not text to put in Khmer.
    """
    if value is None or value == "":
        return ""
    return format_html('<span class="code" translate="no">{}</span>', value)


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, kwargs):
        self.nodelist = nodelist
        self.kwargs = kwargs

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        if "rows" in values and not values["rows"]:
            return format_html('<p class="muted">{}</p>', values.get("empty", ""))
        table_class = caption = ""
        if values.get("class"):
            table_class = format_html(' class="{}"', values["class"])
        if values.get("caption"):
            caption = format_html("<caption>{}</caption>", values["caption"])
        return format_html(
            '<div class="table-scroll">\n<table{}>\n  {}{}</table>\n</div>',
            table_class,
            caption,
            self.nodelist.render(context),
        )


@register.tag
def scrolltable(parser, token):
    """One home for a table that scrolls sideways on a phone, with its caption.

    {% scrolltable rows=actions caption=_("...") empty=_("...") class="jaap-table" %}
      <thead>...</thead><tbody>...</tbody>
    {% endscrolltable %}

    Every argument is optional. Given `rows`, an empty list shows the muted `empty`
    sentence in place of the table.
    """
    bits = token.split_contents()[1:]
    kwargs = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"scrolltable takes key=value only: {bits}")
    nodelist = parser.parse(("endscrolltable",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, kwargs)

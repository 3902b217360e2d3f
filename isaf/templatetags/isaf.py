"""Template filters for numbers, money and dates, in the page's language.

They are builtins (see settings), so every template can write {{ amount|riel }}.
"""

import re
from html import unescape

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext, gettext_lazy

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


# A table that scrolls sideways is a region a keyboard can reach (tabindex, named by
# its caption) with a visible hint; below about 480 px a table marked `cards` is
# laid out as one card per row instead (static/css/site.css, "Tables").
SCROLL_HINT = gettext_lazy("Slide the table sideways to see every column.")
CAPTION = re.compile(r"<caption[^>]*>(.*?)</caption>", re.DOTALL)


def wrap_scroller(content, *, label="", cards=False):
    """Wrap rendered `<table>...</table>` markup in its scroller, named by `label`
    or else by the table's caption (as text)."""
    if not label:
        caption = CAPTION.search(str(content))
        text = unescape(strip_tags(caption.group(1))) if caption else ""
        label = " ".join(text.split())
    return format_html(
        '<div class="table-scroll{}" role="region" tabindex="0" aria-label="{}">\n'
        '<p class="scroll-hint" aria-hidden="true">{}</p>\n{}</div>',
        " table-cards" if cards else "",
        label or gettext("Table"),
        SCROLL_HINT,
        content,
    )


class ScrollTableNode(template.Node):
    def __init__(self, nodelist, kwargs, *, wrap_table=True):
        self.nodelist = nodelist
        self.kwargs = kwargs
        self.wrap_table = wrap_table

    def render(self, context):
        values = {key: value.resolve(context) for key, value in self.kwargs.items()}
        if "rows" in values and not values["rows"]:
            return format_html('<p class="muted">{}</p>', values.get("empty", ""))
        inner = self.nodelist.render(context)
        if self.wrap_table:
            table_class = caption = ""
            if values.get("class"):
                table_class = format_html(' class="{}"', values["class"])
            if values.get("caption"):
                caption = format_html("<caption>{}</caption>", values["caption"])
            inner = format_html(
                "<table{}>\n  {}{}</table>\n", table_class, caption, inner
            )
        return wrap_scroller(
            inner, label=values.get("label", ""), cards=bool(values.get("cards"))
        )


def _scroll_node(parser, token, end, *, wrap_table):
    bits = token.split_contents()[1:]
    kwargs = template.base.token_kwargs(bits, parser)
    if bits:
        raise template.TemplateSyntaxError(f"{end[3:]} takes key=value only: {bits}")
    nodelist = parser.parse((end,))
    parser.delete_first_token()
    return ScrollTableNode(nodelist, kwargs, wrap_table=wrap_table)


@register.tag
def scrolltable(parser, token):
    """One home for a table that scrolls sideways on a phone, with its caption.

    {% scrolltable rows=actions caption=_("...") empty=_("...") class="jaap-table" %}
      <thead>...</thead><tbody>...</tbody>
    {% endscrolltable %}

    Every argument is optional. Given `rows`, an empty list shows the muted `empty`
    sentence in place of the table. `cards=True` lays each row out as a card on a
    phone (its cells then carry `data-label`, the column's heading); `label` names
    a table that has no caption.
    """
    return _scroll_node(parser, token, "endscrolltable", wrap_table=True)


@register.tag("scroller")
def scroller_tag(parser, token):
    """The same scroller around a `<table>` written out in full, for tables whose
    caption or attributes are more than a string:

    {% scroller cards=True %}<table><caption>...</caption>...</table>{% endscroller %}
    """
    return _scroll_node(parser, token, "endscroller", wrap_table=False)

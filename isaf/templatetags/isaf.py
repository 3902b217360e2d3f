"""Template filters for numbers, money and dates, in the page's language.

They are builtins (see settings), so every template can write {{ amount|riel }}.
"""

from django import template

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

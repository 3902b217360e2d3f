"""Every route of the URL resolver, and the concrete address of each for a set
of records.

A route is keyed by its namespaced URL name (`i4c:package-detail`); a route
without a name by its pattern, written as an address with `{lang}` for the
language prefix (`/{lang}/printing/batches/`, `/admin/(?P<url>.*)$`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

LANG = "km"
_ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


@dataclass(frozen=True)
class ResolvedRoute:
    key: str
    name: str | None
    pattern: str  # "/" + the joined patterns, language prefix as {lang}
    arguments: tuple[str, ...]

    @property
    def is_admin(self) -> bool:
        return self.pattern.startswith("/admin/")

    def address(self, values: dict[str, object]) -> str:
        """The route's address with these argument values (in Khmer)."""
        with translation.override(LANG):
            if self.name:
                return reverse(self.name, kwargs=values)
            address = self.pattern.replace("{lang}", LANG).lstrip("^")
            address = address.replace("^", "").replace("$", "")
            return _ARGUMENT.sub(
                lambda m: str(values[m.group(1) or m.group(2)]), address
            )


def _walk(resolver: URLResolver, prefix: str, namespace: str | None):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from _walk(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name, namespace


def routes(urlconf: str | None = None) -> list[ResolvedRoute]:
    """Every route the resolver knows, in its order, each once."""
    found: dict[str, ResolvedRoute] = {}
    with translation.override(LANG):
        for raw, name, namespace in _walk(get_resolver(urlconf), "", None):
            pattern = "/" + raw
            if pattern.startswith(f"/{LANG}/"):
                pattern = "/{lang}/" + pattern[len(LANG) + 2 :]
            full_name = f"{namespace}:{name}" if namespace and name else name
            key = full_name or pattern
            arguments = tuple(a or b for a, b in _ARGUMENT.findall(raw))
            found.setdefault(key, ResolvedRoute(key, full_name, pattern, arguments))
    return list(found.values())

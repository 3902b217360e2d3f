"""Read a page's form the way a browser would post it back, for tests of two tabs."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, action_contains: str | None):
        super().__init__(convert_charrefs=True)
        self.action_contains = action_contains
        self.inside = False
        self.forms: list[list[tuple[str, str]]] = []
        self.data: list[tuple[str, str]] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = attrs.get("action") or ""
            self.inside = attrs.get("method", "").lower() == "post" and (
                self.action_contains is None or self.action_contains in action
            )
            self.data = []
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            self.data.append((name, attrs.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.append((self._select, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
            self.forms.append(self.data)
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, value = self._textarea
            self.data.append((name, value.removeprefix("\n")))
            self._textarea = None


def form_data(response, *, action_contains: str | None = None) -> dict:
    """The first POST form of a response that carries a version, as {name: value}.

    A name given several times (a multiple select) maps to the list of its values.
    """
    parser = _Form(action_contains)
    parser.feed(response.content.decode())
    found = [f for f in parser.forms if any(name == "version" for name, _ in f)]
    data: dict = {}
    for name, value in found[0]:
        if name in data:
            previous = data[name]
            data[name] = (
                [*previous, value]
                if isinstance(previous, list)
                else [
                    previous,
                    value,
                ]
            )
        else:
            data[name] = value
    return data

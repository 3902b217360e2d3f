"""Documents that must fit a number of sheets whatever their data: a poster is one
sheet. The template is laid out once; only when it runs over is it rendered again,
a step denser each time (the template reads `density` from its context, and
static/print/print.css maps each step to a smaller type scale), so that a poster
of ordinary length costs one layout, as before.

Deterministic: the same first HTML always gives the same PDF, so a job may key
its file by the first HTML's hash.
"""

from isaf.pdf import html_to_document, render_html

from .registry import PrintSource

# The densest step print.css defines (html.density-N).
MAX_DENSITY = 4


def fitted_pdf(source: PrintSource, lang: str, *, html: str | None = None) -> bytes:
    """The PDF of `source`, denser step by step until it holds on
    `source.fit_pages` pages (or the densest step is reached)."""
    if html is None:
        html = render_html(template=source.template, context=source.context, lang=lang)
    document = html_to_document(html)
    density = source.context.get("density") or 0
    while (
        source.fit_pages
        and len(document.pages) > source.fit_pages
        and density < MAX_DENSITY
    ):
        density += 1
        html = render_html(
            template=source.template,
            context={**source.context, "density": density},
            lang=lang,
        )
        document = html_to_document(html)
    return document.write_pdf()

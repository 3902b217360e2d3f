"""The field app's rows of `make bench`: its first load on an emulated slow 3G
phone, and what it downloads.

Run after `seed_national` on PostgreSQL:

    DATABASE_URL=postgres://... .venv/bin/python bench/field.py

A facilitator is made for the run (an organisation covering the district with
the most providers in the current cycle, and a sign-in), and removed at the end.
gunicorn (2 workers, DEBUG off, static files from the manifest) serves the app;
Debian's Chromium opens `/km/field/` with an empty cache under Chrome DevTools'
network emulation: 400 kbit/s down and up, 400 ms latency (DESIGN's slow 3G).

It prints, each beside its budget:

- first contentful paint (DESIGN: a page on slow 3G is readable within 2 s);
- time until the app can be used: the page's script has loaded the reference
  data and shown the meetings on the phone (`field-ready`, a performance mark of
  field.js), against a proposed 6 s;
- time until it works with no network: its service worker is active
  (`field-offline-ready`), reported beside the same 6 s;
- bytes over the wire for that first load (the page's own requests, as Chromium
  counts them: compressed sizes and headers), and what the service worker keeps
  for offline use (the app shell and the facilitator's reference data, as
  served), against a proposed 250 KB.
"""

import sys
from pathlib import Path
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Production settings for the run, the table's row and gunicorn.
from bench.server import gunicorn, row  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
PAINT_BUDGET_MS = 2000
READY_BUDGET_MS = 6000
SIZE_BUDGET = 250 * 1024
USERNAME = "bench-field-facilitator"


def facilitator_make():
    """An organisation covering the busiest district in the current cycle, and
    its facilitator; returns the user and a function that removes them."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.db.models import Count

    from communes.models import Coverage, Cycle, District, Organisation, Role

    made = []
    cycle = Cycle.objects.order_by("-year").first()
    if cycle is None:
        year = datetime.date.today().year
        cycle = Cycle.objects.create(
            year=year,
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
        made.append(cycle)
    district = (
        District.objects.annotate(n=Count("communes__providers"))
        .order_by("-n", "code")
        .first()
    )
    organisation = Organisation.objects.create(
        name="Bench field partner", kind=Organisation.Kind.NGO
    )
    Coverage.objects.create(organisation=organisation, district=district, cycle=cycle)
    user = get_user_model().objects.create_user(USERNAME, password=None)
    Role.objects.create(
        user=user, kind=Role.Kind.FACILITATOR, organisation=organisation
    )

    def remove():
        Role.objects.filter(user=user).delete()
        user.delete()
        Coverage.objects.filter(organisation=organisation).delete()
        organisation.delete()
        for thing in made:
            thing.delete()

    return user, district, remove


def session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def shell_bytes(base: str, cookie: str) -> tuple[int, int]:
    """Bytes of what the service worker keeps, as served with compression."""
    from django.urls import reverse
    from django.utils import translation

    from field.assets import app_shell

    with translation.override("km"):
        shell = app_shell()
        reference = reverse("field:reference")
    total = reference_size = 0
    for path in shell:
        request = Request(
            base + path,
            headers={"Cookie": f"sessionid={cookie}", "Accept-Encoding": "gzip, br"},
        )
        with urlopen(request) as response:
            size = len(response.read())
        total += size
        if path == reference:
            reference_size = size
    return total, reference_size


def warm(base: str, cookie: str) -> None:
    """Both workers import, translate and connect before the phone arrives: the
    rows measure the network, not a worker's first request."""
    from concurrent.futures import ThreadPoolExecutor

    def get(path):
        request = Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
        with urlopen(request) as response:
            return response.status

    paths = ["/km/field/", "/km/field/reference.json", "/km/field/sw.js"] * 4
    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(get, paths)) == {200}


def first_load(base: str, cookie: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(
            viewport={"width": 360, "height": 780}, locale="km-KH"
        )
        context.add_cookies(
            [{"name": "sessionid", "value": cookie, "url": base}],
        )
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        transferred = {"bytes": 0, "requests": 0}

        def finished(event):
            transferred["bytes"] += int(event.get("encodedDataLength", 0))
            transferred["requests"] += 1

        cdp.on("Network.loadingFinished", finished)
        page.goto(f"{base}/km/field/", wait_until="load", timeout=120_000)
        page.wait_for_function(
            "performance.getEntriesByName('field-ready').length > 0"
            " && performance.getEntriesByName('field-offline-ready').length > 0",
            timeout=120_000,
        )
        page.wait_for_load_state("networkidle", timeout=120_000)
        times = page.evaluate(
            """() => ({
                paint: (performance.getEntriesByName('first-contentful-paint')[0]
                        || {}).startTime,
                ready: performance.getEntriesByName('field-ready')[0].startTime,
                offline: performance.getEntriesByName('field-offline-ready')[0]
                         .startTime,
            })"""
        )
        browser.close()
    return {**times, **transferred}


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: no field app rows (make install-test).")
        return

    call_command("collectstatic", interactive=False, verbosity=0)
    user, district, remove = facilitator_make()
    try:
        with gunicorn() as base:
            cookie = session_cookie(user)
            warm(base, cookie)
            load = first_load(base, cookie)
            kept, reference = shell_bytes(base, cookie)
            paint = load["paint"] or float("inf")
            row(
                "field app first paint, slow 3G",
                f"{paint:.0f} ms",
                f"{PAINT_BUDGET_MS} ms",
                paint / PAINT_BUDGET_MS,
                paint <= PAINT_BUDGET_MS,
            )
            row(
                "field app usable (reference data), slow 3G",
                f"{load['ready']:.0f} ms",
                f"{READY_BUDGET_MS} ms",
                load["ready"] / READY_BUDGET_MS,
                load["ready"] <= READY_BUDGET_MS,
            )
            row(
                "field app ready offline (worker), slow 3G",
                f"{load['offline']:.0f} ms",
                f"{READY_BUDGET_MS} ms",
                load["offline"] / READY_BUDGET_MS,
                load["offline"] <= READY_BUDGET_MS,
            )
            row(
                "field app first load, bytes over the wire",
                f"{load['bytes'] / 1024:.1f} KB, {load['requests']} requests",
                f"{SIZE_BUDGET // 1024} KB",
                load["bytes"] / SIZE_BUDGET,
                load["bytes"] <= SIZE_BUDGET,
            )
            row(
                "field app kept offline (shell + reference)",
                f"{kept / 1024:.1f} KB (ref. {reference / 1024:.1f} KB)",
                f"{SIZE_BUDGET // 1024} KB",
                kept / SIZE_BUDGET,
                kept <= SIZE_BUDGET,
            )
            print(
                f"  (a facilitator covering {district.code}; Chromium at 360 px, empty "
                "cache, 400 kbit/s and 400 ms; gunicorn 2 workers, DEBUG off)"
            )
    finally:
        remove()


if __name__ == "__main__":
    main()

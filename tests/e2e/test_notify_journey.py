"""Telling people what changed (issue 13), in Chromium, with a real SMTP server and
a stand-in for the Telegram Bot API.

The councillor submits; the reviewer, who linked Telegram from the notifications
page, receives the e-mail and the Telegram message with a working link, and
returns the package; the councillor receives the comment; the reviewer publishes;
a citizen who followed Krang Teh from the board's Telegram link receives the new
figures. Then a forgotten password is reset from the sign-in page in Khmer.
"""

import json
import re
import urllib.request

import pytest
from django.utils import timezone

from notifications.models import Message, Preference
from notifications.tests.fakes import WEBHOOK_SECRET

from .conftest import (
    DEMO_PASSWORD,
    JOURNEY,
    load_demo_data,
    login,
    new_page,
    screenshot,
)

pytestmark = JOURNEY

KRANG_TEH = "110401"
CITIZEN_CHAT = 90001
REVIEWER_CHAT = 90002


@pytest.fixture
def demo_data():
    load_demo_data("i4c")
    # Loading the demo submits packages, which told the reviewer today already:
    # the journey starts as on a fresh day, with nothing said yet.
    Message.objects.all().delete()


def telegram_writes(base, chat, text, _ids=[5000]):  # noqa: B006
    """Telegram delivers what someone wrote to the bot, as it would, to the webhook."""
    _ids[0] += 1
    update = {"update_id": _ids[0], "message": {"chat": {"id": chat}, "text": text}}
    request = urllib.request.Request(
        f"{base}/telegram/{WEBHOOK_SECRET}/",
        data=json.dumps(update).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=20) as response:
        assert response.status == 200


def links(text):
    return re.findall(r"https?://\S+", text)


def test_reviewer_councillor_and_citizen_are_told_what_changed(
    live_server, demo_data, browser, smtp_server, telegram_api, eager, settings
):
    base = live_server.url
    settings.SITE_URL = base
    year = timezone.localdate().year

    # A citizen opens Krang Teh's board and follows it through the Telegram link.
    citizen = new_page(browser)
    citizen.goto(f"{base}/km/communes/{KRANG_TEH}/")
    follow = citizen.get_attribute(".follow-telegram a", "href")
    assert follow == f"https://t.me/isaf_test_bot?start=f{KRANG_TEH}"
    assert citizen.locator(".follow-telegram svg").count() == 1
    screenshot(citizen, "notify-0-board-follow")
    telegram_writes(base, CITIZEN_CHAT, f"/start {follow.split('start=')[1]}")
    assert "ក្រង់តេះ" in telegram_api.to(CITIZEN_CHAT)[-1]["text"]

    # The reviewer links their Telegram from the notifications page.
    reviewer = login(new_page(browser), live_server, "reviewer", DEMO_PASSWORD)
    reviewer.goto(f"{base}/km/notifications/")
    reviewer.click("form[action$='/notifications/telegram/link/'] button")
    reviewer.wait_for_load_state()
    code = reviewer.inner_text(".link-code").split()[-1]
    telegram_writes(base, REVIEWER_CHAT, f"/start {code}")
    assert Preference.objects.get(user__username="reviewer").telegram_chat_id == str(
        REVIEWER_CHAT
    )
    screenshot(reviewer, "notify-1-settings")

    # 1. The councillor starts this year's package from last year's and submits.
    councillor = login(new_page(browser), live_server, "councillor", DEMO_PASSWORD)
    councillor.goto(f"{base}/km/workspace/i4c/")
    councillor.select_option("select[name=provider]", index=1)
    councillor.select_option("select[name=year]", str(year))
    councillor.check("input[name=copy_previous]")
    councillor.click("form[action$='/workspace/i4c/start/'] button[type=submit]")
    councillor.wait_for_load_state()
    package_url = councillor.url.split(base, 1)[1]
    councillor.click("form[action$='/submit/'] button[type=submit]")
    councillor.wait_for_load_state()

    # 2. The reviewer gets the digest by e-mail and on Telegram, with a link that
    #    opens the submission; they return it with a comment.
    (mail,) = smtp_server.to("reviewer@example.org")
    review_links = [u for u in links(smtp_server.text(mail)) if "/review/" in u]
    (telegram,) = telegram_api.to(REVIEWER_CHAT)[-1:]
    assert review_links[0] in telegram["text"]
    reviewer.goto(review_links[0])
    assert reviewer.locator("form:has(input[name=action][value=return])").count() == 1
    reviewer.fill("textarea[name='return-comment']", "សូមពិនិត្យចំណូលពីប្រភពផ្ទាល់ឡើងវិញ។")
    reviewer.click("form:has(input[name=action][value=return]) button[type=submit]")
    reviewer.wait_for_load_state()

    # 3. The councillor receives the comment by e-mail and in the portal.
    (returned,) = smtp_server.to("councillor@example.org")
    assert "សូមពិនិត្យចំណូលពីប្រភពផ្ទាល់ឡើងវិញ។" in smtp_server.text(returned)
    councillor.goto(links(smtp_server.text(returned))[-1])
    assert councillor.url.split(base, 1)[1] == package_url
    councillor.goto(f"{base}/km/notifications/")
    assert "សូមពិនិត្យចំណូលពីប្រភពផ្ទាល់ឡើងវិញ។" in councillor.content()
    screenshot(councillor, "notify-2-councillor-notifications")
    councillor.goto(f"{base}{package_url}")
    councillor.click("form[action$='/submit/'] button[type=submit]")
    councillor.wait_for_load_state()

    # 4. The reviewer publishes; the citizen who follows Krang Teh is told the
    #    new figures in Khmer, with the board's address.
    reviewer.goto(review_links[0])
    reviewer.click("form:has(input[name=action][value=publish]) button[type=submit]")
    reviewer.wait_for_load_state()
    news = telegram_api.to(CITIZEN_CHAT)[-1]["text"]
    assert "៛" in news and "ក្រង់តេះ" in news
    board = [u for u in links(news) if f"/km/communes/{KRANG_TEH}/" in u][0]
    citizen.goto(board)
    assert citizen.url.startswith(base)
    # Only the citizen's follow answer and the news: nothing twice.
    assert len(telegram_api.to(CITIZEN_CHAT)) == 2


def test_a_forgotten_password_is_reset_from_the_sign_in_page_in_khmer(
    live_server, demo_data, browser, smtp_server
):
    base = live_server.url
    page = new_page(browser)
    page.goto(f"{base}/km/accounts/login/")
    page.click("a[href$='/km/accounts/password_reset/']")
    page.wait_for_load_state()
    assert "ភ្លេចពាក្យសម្ងាត់" in page.content() or "អ៊ីមែល" in page.content()
    page.fill("input[name=email]", "councillor@example.org")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    screenshot(page, "notify-3-reset-sent")
    (mail,) = smtp_server.to("councillor@example.org")
    assert re.search("[\u1780-\u17ff]", str(mail["Subject"]))
    link = [u for u in links(smtp_server.text(mail)) if "/km/accounts/reset/" in u][0]
    page.goto(link.replace("http://testserver", base))
    page.fill("input[name=new_password1]", "ពាក្យថ្មី-for-krang-teh")
    page.fill("input[name=new_password2]", "ពាក្យថ្មី-for-krang-teh")
    page.click("form button[type=submit]")
    page.wait_for_load_state()
    screenshot(page, "notify-4-reset-done")
    login(new_page(browser), live_server, "councillor", "ពាក្យថ្មី-for-krang-teh")

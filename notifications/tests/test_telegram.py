"""The Telegram bot: officials link their chat with a one-time code; citizens
follow a commune by code or name, and stop; answers are in Khmer and sent once."""

import pytest
from django.urls import reverse

from communes.tests import factories as cf
from notifications.models import Follow, Message
from notifications.services import preference_for
from notifications.telegram import link_code_new

from .fakes import WEBHOOK_SECRET

pytestmark = pytest.mark.django_db

URL = f"/telegram/{WEBHOOK_SECRET}/"


def send(client, text, chat=4242, update_id=[1000]):  # noqa: B006
    update_id[0] += 1
    update = {
        "update_id": update_id[0],
        "message": {"chat": {"id": chat}, "text": text},
    }
    return client.post(URL, update, content_type="application/json")


@pytest.fixture
def krang_teh(db):
    cf.place("11", "មណ្ឌលគិរី", "Mondul Kiri")
    cf.place("1104", "ពេជ្រាដា", "Pech Chreada")
    return cf.place("110401", "ក្រង់តេះ", "Krang Teh", kind="khum")


def answers(api, chat=4242):
    return [m["text"] for m in api.to(chat)]


def test_a_wrong_secret_path_is_not_found(client, telegram_api):
    update = {"update_id": 1, "message": {"chat": {"id": 1}, "text": "/stop"}}
    response = client.post("/telegram/guess/", update, content_type="application/json")
    assert response.status_code == 404
    assert Message.objects.count() == 0


def test_a_citizen_follows_a_commune_by_code_and_stops(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, "/follow ១១០៤០១").status_code == 200
    assert Follow.objects.filter(chat_id="4242", commune=krang_teh).exists()
    (answer,) = answers(telegram_api)
    assert "ឃុំក្រង់តេះ" in answer and "/km/communes/110401/" in answer

    with django_capture_on_commit_callbacks(execute=True):
        send(client, "/stop")
    assert not Follow.objects.exists()
    assert len(answers(telegram_api)) == 2


def test_a_citizen_follows_by_name_and_through_the_boards_start_link(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh
):
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "/follow krang teh", chat=1)
        send(client, "/start f110401", chat=2)
    assert set(Follow.objects.values_list("chat_id", flat=True)) == {"1", "2"}


def test_an_update_delivered_twice_is_answered_once(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh
):
    update = {"update_id": 77, "message": {"chat": {"id": 9}, "text": "/follow 110401"}}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, update, content_type="application/json")
        client.post(URL, update, content_type="application/json")
    assert len(answers(telegram_api, 9)) == 1
    assert Follow.objects.count() == 1


def test_an_official_links_their_chat_with_a_one_time_code(
    client, telegram_api, eager, django_capture_on_commit_callbacks
):
    user = cf.UserFactory()
    code = link_code_new(user=user).link_code
    with django_capture_on_commit_callbacks(execute=True):
        send(client, f"/start {code}", chat=555)
        send(client, f"/start {code}", chat=666)
    preference = preference_for(user)
    preference.refresh_from_db()
    assert preference.telegram_chat_id == "555"
    assert preference.link_code == ""
    assert "user" not in answers(telegram_api, 666)[0]  # the used code is refused


def test_the_notifications_page_offers_the_link_code(client, telegram_api):
    user = cf.UserFactory()
    client.force_login(user)
    client.post(reverse("notifications:telegram-link"))
    page = client.get(reverse("notifications:home")).content.decode()
    code = preference_for(user).link_code
    preference = user.notification_preference
    preference.refresh_from_db()
    assert preference.link_code and preference.link_code in page
    assert f"https://t.me/isaf_test_bot?start={preference.link_code}" in page
    assert code is not None


def test_the_commune_page_has_a_follow_link_and_qr_code(
    client, telegram_api, krang_teh
):
    page = client.get("/km/communes/110401/").content.decode()
    assert "https://t.me/isaf_test_bot?start=f110401" in page
    assert '<svg role="img"' in page


def test_the_commune_poster_prints_the_follow_address(telegram_api, krang_teh):
    from i4c.posters import COMMUNE_A3
    from i4c.tests.factories import CommuneAdministrationFactory, PackageFactory
    from i4c.tests.filling import publish_filled
    from isaf.pdf import render_html
    from printing.registry import document_get

    package = PackageFactory(provider=CommuneAdministrationFactory(commune=krang_teh))
    councillor = cf.user_with_role(kind="councillor", commune=krang_teh)
    publish_filled(package, councillor)
    source = document_get(COMMUNE_A3).source(str(package.pk), "km")
    html = render_html(template=source.template, context=source.context, lang="km")
    assert "https://t.me/isaf_test_bot?start=f110401" in html


@pytest.mark.parametrize(
    "update",
    [
        {"update_id": 1, "message": {"chat": {"id": 5}, "text": 123}},
        {"update_id": 2, "message": "text"},
        {"update_id": 3, "message": {"chat": 5, "text": "/stop"}},
        {"update_id": 4, "message": {"chat": {"id": {"a": 1}}, "text": "/stop"}},
        {"update_id": 5, "message": {"chat": {"id": True}, "text": "/stop"}},
        {"update_id": [6], "message": {"chat": {"id": 5}, "text": "/stop"}},
        {"update_id": 7, "edited_message": ["x"]},
    ],
)
def test_a_malformed_update_is_refused_without_error_or_answer(
    client, telegram_api, eager, django_capture_on_commit_callbacks, update
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, update, content_type="application/json")
    assert response.status_code == 200
    assert Message.objects.count() == 0
    assert telegram_api.sent == []


def test_a_wrong_secret_header_is_not_found_and_answers_nobody(client, telegram_api):
    update = {"update_id": 1, "message": {"chat": {"id": 1}, "text": "/stop"}}
    response = client.post(
        URL,
        update,
        content_type="application/json",
        headers={"X-Telegram-Bot-Api-Secret-Token": "guess"},
    )
    assert response.status_code == 404
    assert Message.objects.count() == 0


@pytest.mark.parametrize(
    "query", ["1104", "11", "11040", "%00", "\x00", "|", "=", "x" * 100000]
)
def test_follow_with_no_single_commune_follows_nothing(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh, query
):
    cf.place("110402", "ស្រែអំពិល", "Srae Ampil", kind="khum")
    with django_capture_on_commit_callbacks(execute=True):
        assert send(client, f"/follow {query}", chat=31).status_code == 200
    assert not Follow.objects.exists()
    (answer,) = answers(telegram_api, 31)
    assert "/follow 110401" in answer
    assert len(answer) < 1000


def test_a_name_several_communes_share_lists_them_to_choose(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh
):
    cf.place("110402", "ក្រង់ស្វាយ", "Krang Svay", kind="khum")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, "/follow krang", chat=32)
    assert not Follow.objects.exists()
    (answer,) = answers(telegram_api, 32)
    assert "/follow 110401" in answer and "/follow 110402" in answer
    assert "ក្រង់តេះ" in answer and "ក្រង់ស្វាយ" in answer


def test_the_provider_poster_and_booklet_print_the_follow_address_on_one_poster_page(
    telegram_api, krang_teh, tmp_path
):
    from i4c.posters import BOOKLET, PROVIDER_POSTER
    from isaf.pdf import render_html, render_pdf
    from printing.registry import document_get
    from printing.tests.helpers import (
        pdf_info,
        published_commune_package,
        published_health_centre_package,
    )

    published_commune_package(commune=krang_teh)
    centre = published_health_centre_package(commune=krang_teh)
    follow = "https://t.me/isaf_test_bot?start=f110401"
    for key, target in ((PROVIDER_POSTER, str(centre.pk)), (BOOKLET, "110401")):
        source = document_get(key).source(target, "km")
        html = render_html(template=source.template, context=source.context, lang="km")
        assert follow in html, key
    source = document_get(PROVIDER_POSTER).source(str(centre.pk), "km")
    path = tmp_path / "poster.pdf"
    path.write_bytes(
        render_pdf(template=source.template, context=source.context, lang="km")
    )
    assert pdf_info(path)["pages"] == 1


@pytest.mark.parametrize(
    "query", ["ឃុំក្រង់តេះ", "ឃុំ ក្រង់តេះ", "Krang Teh commune", "khum krang teh"]
)
def test_a_citizen_follows_by_the_name_as_officials_write_it(
    client, telegram_api, eager, django_capture_on_commit_callbacks, krang_teh, query
):
    """The poster and the bot's own messages say «ឃុំក្រង់តេះ»: people copy that."""
    with django_capture_on_commit_callbacks(execute=True):
        send(client, f"/follow {query}", chat=33)
    assert Follow.objects.filter(chat_id="33", commune=krang_teh).exists()

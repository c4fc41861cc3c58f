"""Admin logins against guessing: throttled per account-and-client and per client, two-factor.

Each test is named after the attack it stops. Failures are counted by django-axes
in the database (newsroom/login_throttle.py decides who waits); one-time
passwords come from django-otp's TOTP devices (newsroom/admin_site.py,
newsroom/two_factor.py).
"""

from datetime import timedelta

import pytest
from django.db.models import F
from django.test import Client
from django.utils.html import escape
from django.utils.translation import gettext

from .conftest import make_user
from .test_settings import load

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
SETUP = "/admin/two-factor/"
PASSWORD = "a-long-test-password"  # what conftest's make_user gives everyone
ATTACKER = "203.0.113.9"
NEWSROOM = "198.51.100.7"
LOCKED = "Too many failed logins from your connection."


def log_in(client: Client, username: str, password: str = PASSWORD, **form):
    return client.post(LOGIN, {"username": username, "password": password, **form})


def logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def time_passes(delta: timedelta) -> None:
    """Move every recorded failure back in time, as if ``delta`` had passed since."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - delta)


def shows_the_wait(response) -> bool:
    """The login page again, with the translated explanation, as 429 Too Many Requests."""
    html = response.content.decode()
    return (
        response.status_code == 429
        and 'id="login-form"' in html
        and escape(gettext(LOCKED)) in html
    )


@pytest.fixture
def chief(db):
    return make_user("chefin", role="Editor")


# --- Throttling ----------------------------------------------------------------


def test_forty_wrong_passwords_then_the_right_one_is_refused(chief):
    from axes.models import AccessAttempt

    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(40):
        log_in(attacker, "chefin", f"guess-{n}")
    response = log_in(attacker, "chefin")
    assert shows_the_wait(response)
    assert not logged_in(attacker)
    assert attacker.get("/admin/").status_code == 302
    # Kept in the database, which every gunicorn worker and app server shares. Tries
    # refused while the client waits are not checked at all, so they do not count.
    assert AccessAttempt.objects.get(username="chefin").failures_since_start == 5


def test_the_fifth_wrong_password_already_makes_the_client_wait(chief):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    answers = [log_in(attacker, "chefin", f"guess-{n}") for n in range(5)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 200, 429]
    assert shows_the_wait(answers[-1])


def test_the_wait_doubles_with_each_failure_past_the_limit(chief):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        log_in(attacker, "chefin", f"guess-{n}")
    time_passes(timedelta(minutes=1, seconds=5))
    # One more wrong password after the first minute: now two minutes.
    assert shows_the_wait(log_in(attacker, "chefin", "guess-5"))
    time_passes(timedelta(minutes=1, seconds=5))
    assert shows_the_wait(log_in(attacker, "chefin"))  # refused, and not counted
    time_passes(timedelta(minutes=1))
    assert log_in(attacker, "chefin").status_code == 302
    assert logged_in(attacker)


def test_the_locked_page_says_how_long_to_wait(chief):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        response = log_in(attacker, "chefin", f"guess-{n}")
    assert response["Retry-After"] in {"59", "60"}
    assert '<p class="errornote">' in response.content.decode()


def test_another_client_cannot_lock_an_editor_out(chief):
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(40):
        log_in(attacker, "chefin", f"guess-{n}")
    newsroom = Client(REMOTE_ADDR=NEWSROOM)
    assert log_in(newsroom, "chefin").status_code == 302
    assert logged_in(newsroom)


def test_one_client_trying_many_accounts_is_stopped(chief):
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    for n in range(20):
        log_in(sprayer, f"reporter{n}", "Sommer2024!")
    # Even the right password of an account it never tried before.
    assert shows_the_wait(log_in(sprayer, "chefin"))
    assert log_in(Client(REMOTE_ADDR=NEWSROOM), "chefin").status_code == 302


def test_a_header_a_client_sets_does_not_change_who_is_throttled(chief, settings):
    settings.CLIENT_IP_HEADER = ""  # no proxy: the socket address decides
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        attacker.post(
            LOGIN,
            {"username": "chefin", "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"10.0.0.{n}",
            HTTP_X_REAL_IP=f"10.0.1.{n}",
            HTTP_CLIENT_IP=f"10.0.2.{n}",
        )
    response = attacker.post(
        LOGIN,
        {"username": "chefin", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=NEWSROOM,
        HTTP_X_REAL_IP=NEWSROOM,
    )
    assert shows_the_wait(response)


def test_behind_a_proxy_only_the_address_it_added_counts(chief, settings):
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    proxy = Client(REMOTE_ADDR="10.0.0.2")
    for n in range(5):
        # The client wrote the first entry; our proxy appended the last.
        proxy.post(
            LOGIN,
            {"username": "chefin", "password": f"guess-{n}"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}",
        )
    refused = proxy.post(
        LOGIN, {"username": "chefin", "password": PASSWORD}, HTTP_X_FORWARDED_FOR=ATTACKER
    )
    assert shows_the_wait(refused)
    allowed = Client(REMOTE_ADDR="10.0.0.2").post(
        LOGIN, {"username": "chefin", "password": PASSWORD}, HTTP_X_FORWARDED_FOR=NEWSROOM
    )
    assert allowed.status_code == 302


def test_stepping_through_ones_own_ipv6_network_buys_no_more_guesses(chief):
    for n in range(5):
        log_in(Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1}"), "chefin", f"guess-{n}")
    assert shows_the_wait(log_in(Client(REMOTE_ADDR="2001:db8:1:2:ffff::9"), "chefin"))
    assert log_in(Client(REMOTE_ADDR="2001:db8:1:3::1"), "chefin").status_code == 302


def test_a_successful_login_forgets_that_accounts_typos_from_that_client(chief):
    newsroom = Client(REMOTE_ADDR=NEWSROOM)
    for n in range(4):
        log_in(newsroom, "chefin", f"typo-{n}")
    assert log_in(newsroom, "chefin").status_code == 302
    newsroom.logout()
    for n in range(4):
        log_in(newsroom, "chefin", f"typo-{n}")
    assert log_in(newsroom, "chefin").status_code == 302


def test_a_superuser_lifts_a_lock_in_the_admin(chief):
    from axes.models import AccessAttempt

    newsroom = Client(REMOTE_ADDR=NEWSROOM)
    for n in range(5):
        log_in(newsroom, "chefin", f"typo-{n}")
    assert shows_the_wait(log_in(newsroom, "chefin"))

    admin = Client()
    admin.force_login(make_user("root", is_staff=True, is_superuser=True))
    assert admin.get("/admin/axes/accessattempt/").status_code == 200
    admin.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "_selected_action": list(AccessAttempt.objects.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert not AccessAttempt.objects.exists()
    assert log_in(newsroom, "chefin").status_code == 302


def test_editors_can_neither_see_nor_lift_login_locks(chief):
    editor = Client()
    editor.force_login(chief)
    assert editor.get("/admin/axes/accessattempt/").status_code == 403
    assert editor.get("/admin/otp_totp/totpdevice/").status_code == 403


def test_the_test_clients_login_still_works_for_other_tests(chief):
    client = Client()
    assert client.login(username="chefin", password=PASSWORD)
    assert client.get("/admin/").status_code == 200


# --- Two-factor ----------------------------------------------------------------


def device_for(user, *, confirmed=True):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Telefon", confirmed=confirmed)


def token(device, steps_ahead: int = 0) -> str:
    """The code the authenticator app shows now (or ``steps_ahead`` periods later)."""
    from django_otp.oath import totp

    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift + steps_ahead)
    return f"{code:0{device.digits}d}"


def wrong_token(device) -> str:
    right = {token(device, step) for step in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def the_app_waited(device) -> None:
    """django-otp makes the next try wait a little after a wrong code; let that pass."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=None)


def test_staff_with_a_device_must_give_a_valid_token(chief):
    device = device_for(chief)
    client = Client()

    without = log_in(client, "chefin")
    assert without.status_code == 200 and not logged_in(client)
    assert 'name="otp_token"' in without.content.decode()

    assert log_in(client, "chefin", otp_token=wrong_token(device)).status_code == 200
    assert not logged_in(client)
    the_app_waited(device)

    assert log_in(client, "chefin", otp_token=token(device)).status_code == 302
    assert logged_in(client)
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.get("/admin/").status_code == 200


def test_a_stolen_password_without_the_phone_gets_nowhere(chief):
    device_for(chief)
    thief = Client(REMOTE_ADDR=ATTACKER)
    for code in ("123456", "654321", ""):
        log_in(thief, "chefin", otp_token=code)
    assert not logged_in(thief)


def test_guessing_codes_counts_as_failed_logins(chief):
    device = device_for(chief)
    thief = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(5):
        log_in(thief, "chefin", otp_token=wrong_token(device))
    the_app_waited(device)
    assert shows_the_wait(log_in(thief, "chefin", otp_token=token(device)))
    assert not logged_in(thief)


def test_without_the_setting_staff_without_a_device_log_in_with_their_password(chief, settings):
    settings.ADMIN_REQUIRE_2FA = False
    client = Client()
    assert log_in(client, "chefin").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_setting_requires_two_factor_for_the_admin(chief, settings):
    settings.ADMIN_REQUIRE_2FA = True

    # A password alone signs in, but the admin stays shut: only the set-up page opens.
    client = Client()
    log_in(client, "chefin")
    shut = client.get("/admin/")
    assert shut.status_code == 302 and shut["Location"].startswith("/admin/login/")
    login_page = client.get(shut["Location"]).content.decode()
    assert f'href="{SETUP}"' in login_page
    assert client.get(SETUP).status_code == 200

    # A session opened some other way is no better.
    forced = Client()
    forced.force_login(chief)
    assert forced.get("/admin/articles/article/").status_code == 302

    device = device_for(chief)
    verified = Client()
    assert log_in(verified, "chefin", otp_token=token(device)).status_code == 302
    assert verified.get("/admin/").status_code == 200
    assert verified.get("/admin/articles/article/").status_code == 200


def test_the_setting_comes_from_the_environment():
    assert load("ADMIN_REQUIRE_2FA", DEBUG="true")["ADMIN_REQUIRE_2FA"] is False
    required = load("ADMIN_REQUIRE_2FA", DEBUG="true", ADMIN_REQUIRE_2FA="true")
    assert required["ADMIN_REQUIRE_2FA"] is True


def test_a_staff_member_sets_up_an_authenticator_app(chief):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(chief)
    page = client.get(SETUP)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=chief)
    assert page.status_code == 200 and not device.confirmed
    assert escape(device.config_url) in html  # the otpauth:// address, to type in by hand
    assert "otpauth://totp/" in html
    assert '<svg role="img"' in html  # and as a QR code, drawn by the server
    assert page["Cache-Control"].startswith("max-age=0")

    wrong = client.post(SETUP, {"otp_token": wrong_token(device)})
    assert wrong.status_code == 200
    device.refresh_from_db()
    assert not device.confirmed
    the_app_waited(device)

    done = client.post(SETUP, {"otp_token": token(device)})
    assert done.status_code == 302 and done["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    # This session counts as verified.
    assert client.session["otp_device_id"] == device.persistent_id

    # From now on the login asks for the code.
    again = Client()
    assert log_in(again, "chefin").status_code == 200
    assert log_in(again, "chefin", otp_token=token(device, steps_ahead=1)).status_code == 302


def test_a_second_visit_shows_the_same_secret_until_it_is_confirmed(chief):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    client.force_login(chief)
    client.get(SETUP)
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=chief).count() == 1


def test_a_confirmed_app_is_not_shown_again_or_replaced(chief):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = device_for(chief)
    client = Client()
    client.force_login(chief)  # a session that did not give a code
    page = client.get(SETUP).content.decode()
    assert "otpauth://" not in page and '<svg role="img"' not in page
    client.post(SETUP, {"otp_token": token(device)})
    assert TOTPDevice.objects.filter(user=chief).count() == 1


def test_only_staff_can_set_up_two_factor(db):
    anonymous = Client().get(SETUP)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/admin/login/")
    reader = Client()
    reader.force_login(make_user("leserin", is_staff=False))
    assert reader.get(SETUP).status_code == 302

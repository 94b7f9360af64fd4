"""Admin login throttling: five failures per username and address lock them out for 15 minutes."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor():
    return User.objects.create_user("editor", password="the right password", is_staff=True)


def attempt(client, password, **headers):
    return client.post(LOGIN, {"username": "editor", "password": password}, **headers)


def test_five_failures_lock_the_account_for_that_address(client, editor, settings):
    assert settings.AXES_FAILURE_LIMIT == 5 and settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429, "the fifth failure locks"
    locked = attempt(client, "the right password")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_four_failures_then_the_right_password_logs_in(client, editor):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "the right password").status_code == 302


def test_another_address_is_not_locked_out(client, editor):
    for _ in range(5):
        attempt(client, "wrong", REMOTE_ADDR="203.0.113.7")
    assert attempt(client, "the right password", REMOTE_ADDR="198.51.100.9").status_code == 302


def test_behind_one_proxy_the_last_forwarded_address_counts(client, editor, settings):
    settings.BEHIND_PROXY = True
    for n in range(5):
        # The client forges the first entry differently each time; the proxy appends the real one.
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.7", REMOTE_ADDR="127.0.0.1")
    blocked = attempt(
        client, "the right password", HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.7", REMOTE_ADDR="127.0.0.1"
    )
    assert blocked.status_code == 429
    other = attempt(
        client, "the right password", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.9", REMOTE_ADDR="127.0.0.1"
    )
    assert other.status_code == 302


def test_without_a_proxy_a_forged_header_changes_nothing(client, editor, settings):
    settings.BEHIND_PROXY = False
    for n in range(5):
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert attempt(client, "the right password", HTTP_X_FORWARDED_FOR="10.1.1.1").status_code == 429

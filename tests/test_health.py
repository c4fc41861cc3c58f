"""/healthz answers load balancers, which call it by IP address and over plain HTTP."""

from unittest import mock

import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_health_check_answers_a_host_that_is_not_allowed(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")
    assert (response.status_code, response.content) == (200, b"ok")
    assert "no-cache" in response["Cache-Control"]


def test_other_pages_still_refuse_a_host_that_is_not_allowed(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.org"]
    assert client.get("/healthz/", HTTP_HOST="10.0.0.7").status_code == 400
    assert client.get("/privacy/", HTTP_HOST="10.0.0.7").status_code == 400


def test_health_check_is_not_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert response.status_code == 200


def test_health_check_answers_head_requests(client):
    assert client.head("/healthz", HTTP_HOST="10.0.0.7").status_code == 200


def test_health_check_says_503_when_the_database_does_not_answer(client):
    with mock.patch("foundation.health.connection.cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert (response.status_code, response.content) == (503, b"database unavailable")

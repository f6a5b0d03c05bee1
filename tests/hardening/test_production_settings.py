"""Production settings: `check --deploy` is clean, and a real gunicorn with DEBUG off sends the headers.

Settings are read at import, so each case runs a fresh process with its own environment. The server
test starts gunicorn as a deployment would (DEBUG=0, collected static files) on the test database, and
reads the headers of real HTTP responses, as a browser behind a TLS-terminating proxy would get them.
"""

from __future__ import annotations

import http.client
import os
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from archive.models import Document, Speaker, Statement

PROJECT_DIR = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
)
OWN_VARIABLES = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "SECURE_COOKIES",
    "CSRF_TRUSTED_ORIGINS", "STATIC_ROOT", "CONN_MAX_AGE",
}  # fmt: skip


def production_env(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in OWN_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="archive.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="example.org",
        # Settings need a database URL to load; check and collectstatic never connect.
        DATABASE_URL="postgres://unused@localhost/unused",
    )
    env.update(extra)
    return env


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "DEBUG")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (2 silenced)."


def test_check_deploy_is_clean_with_https_redirect_and_preload_on():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", SECURE_SSL_REDIRECT="1", SECURE_HSTS_PRELOAD="1")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_reports_what_an_unsafe_override_turns_off():
    result = manage("check", "--deploy", "--fail-level", "DEBUG", SECURE_HSTS_SECONDS="0", SECURE_COOKIES="0")

    assert result.returncode != 0
    for check in ("security.W004", "security.W012", "security.W016"):
        assert check in result.stderr


def test_production_values():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, "
        "s.SECURE_CONTENT_TYPE_NOSNIFF, s.SECURE_REFERRER_POLICY, s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    result = manage("shell", "--verbosity", "0", "--command", code, SECURE_HSTS_SECONDS="600")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == "False True True 600 True False False DENY True same-origin True".split()


# ---------------------------------------------------------------------------------------------------
# A real server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url_of_tests() -> str:
    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    return f"postgres://{quote(db['USER'])}:{quote(db.get('PASSWORD') or '')}@{host}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """gunicorn with DEBUG off on the test database, its static files collected into a temporary folder."""
    speaker = Speaker.objects.create(name="Sergey Ryabkov", slug="sergey-ryabkov")
    document = Document.objects.create(file_name="prod.txt", checksum="0" * 64, raw_text="We stand ready.")
    statement = Statement.objects.create(
        key="prod000001", document=document, speaker=speaker, position=0, kind="quote", text="We stand ready.",
        start_offset=0, end_offset=15,
    )  # fmt: skip
    port = free_port()
    env = dict(
        STATIC_ROOT=str(tmp_path / "static"),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url_of_tests(),
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
    )
    collected = manage("collectstatic", "--no-input", "--verbosity", "0", **env)
    assert collected.returncode == 0, collected.stderr
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(
        [str(GUNICORN), "archive.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=PROJECT_DIR,
        env=production_env(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield port, statement
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def get(port: int, path: str, **headers: str) -> tuple[http.client.HTTPResponse, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_a_real_response_carries_the_security_headers(production_server):
    port, statement = production_server
    pages = ["/", "/search/?q=ready", "/search/?format=json", "/static/css/site.css", "/no-such-page/"]
    for path in pages:
        response, body = get(port, path, **{"X-Forwarded-Proto": "https"})
        assert response.status in (200, 404), (path, response.status, body[:500])
        assert response.getheader("Content-Security-Policy") == CSP, path
        assert response.getheader("X-Content-Type-Options") == "nosniff", path
        assert response.getheader("Referrer-Policy") == "same-origin", path
        assert response.getheader("Strict-Transport-Security") == "max-age=31536000; includeSubDomains", path
        if not path.startswith("/static/"):
            assert response.getheader("X-Frame-Options") == "DENY", path
            assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin", path

    response, body = get(port, "/no-such-page/")  # DEBUG is off: the site's own 404 page, no debug page
    assert response.status == 404 and b"Nothing here" in body and b"Traceback" not in body
    response, _ = get(port, "/")  # plain http, as seen behind no proxy: no HSTS
    assert response.getheader("Strict-Transport-Security") is None


def test_pages_have_no_inline_script_or_style_for_the_policy_to_block(production_server):
    port, statement = production_server
    for path in ["/", "/search/?q=ready", f"/s/{statement.key}/", f"/documents/{statement.document_id}/"]:
        response, body = get(port, path, **{"X-Forwarded-Proto": "https"})
        if response.status == 301:
            response, body = get(port, response.getheader("Location"), **{"X-Forwarded-Proto": "https"})
        html = body.decode()
        assert response.status == 200, path
        scripts = [tag for tag in html.split("<script")[1:]]
        assert all(tag.lstrip().startswith("src=") and tag.split(">", 1)[1].startswith("</script") for tag in scripts)
        assert "<style" not in html and " style=" not in html
        assert " onclick=" not in html and " onload=" not in html and "javascript:" not in html


def test_admin_is_behind_a_login_with_csrf_and_secure_cookies(production_server):
    port, _ = production_server
    response, _ = get(port, "/admin/", **{"X-Forwarded-Proto": "https"})
    assert response.status == 302
    assert response.getheader("Location") == "/admin/login/?next=/admin/"

    response, body = get(port, "/admin/login/", **{"X-Forwarded-Proto": "https"})
    cookie = response.getheader("Set-Cookie")
    assert response.status == 200 and b'name="csrfmiddlewaretoken"' in body
    assert cookie.startswith("csrftoken=") and "Secure" in cookie and "SameSite=Lax" in cookie

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(
        "POST",
        "/admin/login/",
        body="username=admin&password=admin",
        headers={"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Proto": "https"},
    )
    refused = conn.getresponse()
    assert refused.status == 403  # no CSRF token
    conn.close()


def test_csrf_is_on_and_the_admin_asks_for_a_login_in_process(client, db):
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    response = client.get("/admin/archive/statement/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_server_error_page_needs_neither_database_nor_request(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html and "<script" not in html

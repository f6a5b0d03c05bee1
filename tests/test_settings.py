"""Settings are read at import, so each case starts a fresh interpreter with its own environment."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def run_django_setup(extra_env: dict[str, str], code: str = "") -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DATABASE_URL", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="archive.settings", **extra_env)
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_missing_secret_key_with_debug_off_stops_startup():
    result = run_django_setup({"DEBUG": "0"})

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line == (
        "django.core.exceptions.ImproperlyConfigured: SECRET_KEY must be set in the environment when DEBUG is off."
    )


def test_database_url_bypasses_embedded_server():
    code = (
        "import sys; from django.conf import settings; "
        "print(settings.DATABASES['default']['HOST'], 'archive.embedded_postgres' in sys.modules)"
    )
    result = run_django_setup(
        {"DEBUG": "0", "SECRET_KEY": "test", "DATABASE_URL": "postgres://someone:secret@db.invalid:5432/archive"},
        code,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["db.invalid", "False"]

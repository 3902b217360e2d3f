import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deployment_checks():
    result = _run(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x" * 60 + "-production-like-secret-key",
        ALLOWED_HOSTS="isaf.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    result = _run("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_private_folder_inside_the_media_folder_stops_the_portal(tmp_path):
    result = _run(
        "check",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "media" / "private"),
    )
    assert result.returncode != 0
    assert "isaf.E001" in result.stderr


def test_with_s3_private_files_are_private_objects_under_their_own_prefix():
    result = _run(
        "shell",
        "-c",
        "from django.conf import settings; o = settings.STORAGES['private']['OPTIONS'];"
        "print(o['bucket_name'], o['location'], o['default_acl'], o['file_overwrite'])",
        S3_BUCKET="isaf-media",
        S3_PRIVATE_BUCKET="isaf-private",
    )
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.split() == ["isaf-private", "private", "private", "False"]

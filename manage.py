#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "isaf.settings")
    # With no configuration at all, manage.py is a developer's tool on their own
    # machine: run as DEBUG. A server sets SECRET_KEY, and with it DEBUG stays off
    # unless asked for; gunicorn and Celery never come through here.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()

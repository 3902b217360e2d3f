"""Background jobs: the Celery broker, print and workbook jobs, notifications, the
Telegram bot and the periodic jobs of Celery beat (part of `isaf.settings`, which
imports every name here). Everything that differs between deployments comes from
the environment (README, "Configuration")."""

import environ
from celery.schedules import crontab

env = environ.Env()

REDIS_URL = env("REDIS_URL", default="")

CELERY_BROKER_URL = REDIS_URL or "memory://"
# With no broker, jobs run in-process so that `make run` works with nothing else.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 3
# With Redis, the task of a worker that died comes back after this many seconds;
# the database sweep of stale jobs is the faster path (see i4c).
# Short socket timeouts: a hung Redis makes sending a job fail in seconds (the
# job stays queued in its row, or is done on first read) instead of hanging the
# request that published.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600),
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
}

# Print jobs: a running job's worker stamps its heartbeat every
# PRINT_HEARTBEAT_INTERVAL; one whose heartbeat is older than PRINT_STALE_AFTER (six
# beats missed) lost its worker; a queued job sent PRINT_RESEND_AFTER ago and never
# started is sent again; Celery beat sweeps for both every PRINT_SWEEP_INTERVAL (all
# in seconds). A killed worker's job is running again within stale + sweep + render.
PRINT_HEARTBEAT_INTERVAL = env.float("PRINT_HEARTBEAT_INTERVAL", default=5)
PRINT_STALE_AFTER = env.int("PRINT_STALE_AFTER", default=30)
PRINT_RESEND_AFTER = env.int("PRINT_RESEND_AFTER", default=900)
PRINT_SWEEP_INTERVAL = env.float("PRINT_SWEEP_INTERVAL", default=10)
# A workbook import stamps no heartbeat: one untouched this long lost its worker.
WORKBOOK_STALE_AFTER = env.int("WORKBOOK_STALE_AFTER", default=300)
# Stored public pages and published posters and booklets are files in the media
# storage: with the address of an nginx `internal` location that serves it (e.g.
# "/_stored/"), nginx sends them (X-Accel-Redirect; isaf.handover). With S3 media,
# PUBLIC_FILES_REDIRECT=1 sends readers of a poster to a signed address of the
# object instead. Empty / off: Django streams them.
STORED_FILES_ACCEL_REDIRECT = env("STORED_FILES_ACCEL_REDIRECT", default="")
PUBLIC_FILES_REDIRECT = env.bool("PUBLIC_FILES_REDIRECT", default=False)
# e.g. "/_private/": nginx sends private files, after the portal's view has
# checked the reader, from an `internal` location over PRIVATE_MEDIA_ROOT.
PRIVATE_FILES_ACCEL_REDIRECT = env("PRIVATE_FILES_ACCEL_REDIRECT", default="")

# Notifications: a message that could not be sent is tried again after
# NOTIFY_RETRY_BASE seconds, doubling up to an hour, NOTIFY_MAX_ATTEMPTS times; a
# message whose sender died is taken back after NOTIFY_STALE_AFTER seconds.
NOTIFY_RETRY_BASE = env.int("NOTIFY_RETRY_BASE", default=30)
NOTIFY_MAX_ATTEMPTS = env.int("NOTIFY_MAX_ATTEMPTS", default=20)
NOTIFY_STALE_AFTER = env.int("NOTIFY_STALE_AFTER", default=300)
# The Telegram bot: its token, the Bot API's address (tests point it at a local
# stand-in), its username (for t.me links), and the secret path of its webhook.
TELEGRAM_BOT_TOKEN = env("TELEGRAM_BOT_TOKEN", default="")
TELEGRAM_BOT_USERNAME = env("TELEGRAM_BOT_USERNAME", default="")
TELEGRAM_API_URL = env("TELEGRAM_API_URL", default="https://api.telegram.org")
TELEGRAM_WEBHOOK_SECRET = env("TELEGRAM_WEBHOOK_SECRET", default="")
TELEGRAM_TIMEOUT = env.float("TELEGRAM_TIMEOUT", default=10)

# Periodic jobs, run by `celery -A isaf beat` (one beat process per deployment).
# The most providers one workbook exported from the web holds (it is written in
# the request; a province fits, the whole country does not).
WORKBOOK_EXPORT_MAX_PROVIDERS = env.int("WORKBOOK_EXPORT_MAX_PROVIDERS", default=3000)

CELERY_BEAT_SCHEDULE = {
    "print-jobs-sweep": {
        "task": "printing.print_jobs_sweep",
        "schedule": PRINT_SWEEP_INTERVAL,
    },
    "workbook-jobs-sweep": {
        "task": "i4c.workbook_jobs_sweep",
        "schedule": env.float("WORKBOOK_SWEEP_INTERVAL", default=120),
    },
    "notifications-sweep": {
        "task": "notifications.messages_sweep",
        "schedule": env.float("NOTIFY_SWEEP_INTERVAL", default=60),
    },
    "review-digest": {
        "task": "notifications.review_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "jaap-overdue-digest": {
        "task": "scorecards.notify_overdue",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
}
CELERY_TIMEZONE = "Asia/Phnom_Penh"

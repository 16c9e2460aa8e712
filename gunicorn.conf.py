"""Gunicorn settings for production, read from the environment.

Run with `gunicorn config.wsgi -c gunicorn.conf.py`. Every variable is documented in
`.env.example`; anything not set here keeps gunicorn's own default, and `GUNICORN_CMD_ARGS`
still overrides everything for a one-off change.
"""

import os


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def available_cpus() -> int:
    # The CPUs this process may run on, not the host's: a container limited by a cpuset sees
    # fewer than os.cpu_count() reports.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# 0.0.0.0 rather than gunicorn's 127.0.0.1, because in a container the proxy connects from outside.
bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")

# gunicorn's rule of thumb for sync workers (2 per CPU + 1), capped at 8: each worker is a whole
# Django process holding its own database connection, so more workers than that on a big host
# costs memory and PostgreSQL connections without serving pages faster.
workers = env_int("GUNICORN_WORKERS", min(2 * available_cpus() + 1, 8))
# Above 1, gunicorn switches from the sync worker to gthread (threads inside each worker).
threads = env_int("GUNICORN_THREADS", 1)

# A request still running after this many seconds is killed: the pages are database reads that
# take milliseconds, so anything this slow is stuck, and a stuck sync worker serves nobody.
timeout = env_int("GUNICORN_TIMEOUT", 30)
# On a restart or SIGTERM (a deploy), requests in flight get this long to finish.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Seconds an idle keep-alive connection stays open (gthread only; sync workers close each one).
# A little longer than gunicorn's 2 s, because behind a proxy the proxy reuses connections.
keepalive = env_int("GUNICORN_KEEPALIVE", 5)

# Each worker restarts after about this many requests, so slow memory growth never accumulates;
# the jitter staggers the restarts so that the workers never all restart at once. 0 disables it.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100)
# Django is loaded once, in the master, and each worker is a fork of it: a worker that restarts
# (max_requests, or one killed as stuck) serves again at once. Without it a new worker imports
# Django itself, seconds on a busy machine, while the requests sent to it wait in the listen
# queue: with two workers restarting together, an instance stalled for 8 s under load
# (docs/load_and_faults.md). Django opens no connection at import, so none is shared by the
# forks. A code change needs a new master (a deploy replaces the instance), not a HUP.
preload_app = True

# Both logs go to standard output, where Django's own log goes too, so that a container
# platform collects one stream in order. gunicorn's errorlog "-" means stderr, and a path like
# /dev/stdout cannot be opened when stdout is a socket (under systemd), hence the logging config.
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
accesslog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "stream": "ext://sys.stdout",
        },
        # Access lines carry their own timestamp (gunicorn's access_log_format).
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "message",
            "stream": "ext://sys.stdout",
        },
    },
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "message": {"format": "%(message)s"},
    },
}

# Only a proxy at these addresses may tell gunicorn that the request came over HTTPS
# (X-Forwarded-Proto). Set it to the proxy's address, or "*" when nothing but the proxy can
# reach gunicorn (as with a container port published only to the proxy).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Workers signal that they are alive by touching a file every few seconds. On a disk-backed
# /tmp (as in most containers) that touch can block a worker long enough to be killed as
# stuck; /dev/shm is in memory.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

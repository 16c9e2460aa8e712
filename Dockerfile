# The interview archive, served by gunicorn. Migrations are a release step, not part of start:
#   docker run --rm --env-file .env IMAGE python manage.py migrate
# See README.md, "Docker".
FROM python:3.11.14-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore

WORKDIR /app

# The site runs as an unprivileged user that cannot change its own code. /data is the one place
# it may write, for a trial on SQLite (DATABASE_URL=sqlite:////data/db.sqlite3 with a volume),
# and /data/media the uploads (compose.yaml mounts a volume there; a fresh volume takes its owner).
# The home directory is where gunicorn puts its control socket.
# A fixed numeric id lets an orchestrator check runAsNonRoot; --no-log-init keeps a high id
# from growing /var/log/lastlog.
RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --create-home --no-log-init \
        --shell /usr/sbin/nologin app \
    && install --directory --owner=app --group=app /data /data/media

# Dependencies first, so that a code change does not reinstall them. The runtime lock only:
# psycopg[binary] brings its own libpq, so no compiler or apt package is needed.
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

COPY . .

# The key only lets settings load for collectstatic; it is not kept in the image.
RUN DJANGO_SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput

USER 10001:10001

EXPOSE 8000

# /healthz answers without touching the database. The request goes to the port in GUNICORN_BIND
# with the first DJANGO_ALLOWED_HOSTS entry as its Host, since Django refuses any other host.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; host = os.environ.get('DJANGO_ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.*') or 'localhost'; port = os.environ.get('GUNICORN_BIND', '0.0.0.0:8000').rsplit(':', 1)[-1]; r.urlopen(r.Request(f'http://127.0.0.1:{port}/healthz', headers={'Host': host}), timeout=4)"]

CMD ["gunicorn", "config.wsgi", "-c", "gunicorn.conf.py"]

FROM python:3.11-slim

# PYTHONPATH: the source tree in /app, not the installed copy, is what runs, so that the settings find
# templates/ and static/ beside the archive package.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app

COPY pyproject.toml README.md ./
COPY archive ./archive
RUN pip install --no-cache-dir .

COPY . .

# Settings need a key and a database URL to load; collectstatic touches neither.
RUN DEBUG=0 SECRET_KEY=collectstatic-only DATABASE_URL=postgres://unused@localhost/unused \
    python manage.py collectstatic --no-input --verbosity 0

EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --no-input && exec gunicorn archive.wsgi --bind 0.0.0.0:8000 --workers 3"]

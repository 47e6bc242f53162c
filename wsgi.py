"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from dhr import create_app

app = create_app()

"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from dhr import create_served_app

app = create_served_app()

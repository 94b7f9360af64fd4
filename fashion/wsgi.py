"""WSGI entry point: `gunicorn fashion.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fashion.settings")

application = get_wsgi_application()

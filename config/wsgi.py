import os

from django.core.wsgi import get_wsgi_application

# A WSGI server is how the system is served, so production settings unless told otherwise: they
# refuse to start unsafe. `make run` serves the demo with config.settings.demo.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")
application = get_wsgi_application()

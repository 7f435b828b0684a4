"""`make run`: the embedded demo served the way production is — DEBUG off, gunicorn, hashed static
files through WhiteNoise, the site's own error pages — but on plain http at 127.0.0.1 with the
demo database and its demo accounts. Not for a real deployment: that is config.settings.prod."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEMO_SECRET_KEY, MANIFEST_STORAGES, SECRET_KEY, USES_EMBEDDED_DATABASE

DEBUG = False
# The public demo key signs only the throwaway demo database's sessions; with real data it would
# let anyone forge them.
if SECRET_KEY == DEMO_SECRET_KEY and not USES_EMBEDDED_DATABASE:
    raise ImproperlyConfigured(
        "config.settings.demo chỉ dùng khóa demo với CSDL demo nhúng: đặt SECRET_KEY riêng, "
        "hoặc dùng config.settings.prod khi vận hành."
    )
STORAGES = MANIFEST_STORAGES

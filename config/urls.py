from django.contrib import admin
from django.urls import include, path

from tdkt.accounts.views import admin_login_redirect_view
from tdkt.core.health import healthz
from tdkt.core.metrics import metrics
from tdkt.core.views import favicon, home

from .api import api

urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics, name="metrics"),
    path("accounts/", include("tdkt.accounts.urls")),
    path("accounts/", include("tdkt.accounts.manage_urls")),
    path("", include("tdkt.organizations.urls")),
    path("", include("tdkt.audit.urls")),
    path("", include("tdkt.records.urls")),
    path("", include("tdkt.rules.urls")),
    path("", include("tdkt.notifications.urls")),
    path("", include("tdkt.movements.urls")),
    path("", include("tdkt.scoring.urls")),
    path("", include("tdkt.awards.urls")),
    path("", include("tdkt.titles.urls")),
    path("", include("tdkt.search.urls")),
    path("", include("tdkt.reports.urls")),
    path("", include("tdkt.stats.urls")),
    path("", include("tdkt.public.urls")),
    path("", include("tdkt.documents.urls")),
    path("", include("tdkt.sso.urls")),
    path("api/v1/", api.urls),
    path("admin/login/", admin_login_redirect_view),
    path("admin/", admin.site.urls),
]

# Vietnamese error pages inside the site's layout, with a way back (tdkt/core/errors.py).
handler400 = "tdkt.core.errors.bad_request"
handler403 = "tdkt.core.errors.permission_denied"
handler404 = "tdkt.core.errors.page_not_found"
handler500 = "tdkt.core.errors.server_error"

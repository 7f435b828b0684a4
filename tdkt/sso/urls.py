from django.urls import path

from . import admin_views, views

app_name = "sso"

urlpatterns = [
    path("sso/login/", views.sso_login_view, name="login"),
    path("sso/callback/", views.sso_callback_view, name="callback"),
    path("sso/unlinked/", views.sso_unlinked_view, name="unlinked"),
    path("sso/logout/", views.sso_logout_view, name="logout"),
    path("accounts/identities/", admin_views.identities_view, name="identities"),
    path("accounts/identities/pending/<int:pk>/link/", admin_views.link_view, name="link"),
    path("accounts/identities/pending/<int:pk>/dismiss/", admin_views.dismiss_view, name="dismiss"),
    path("accounts/identities/<int:pk>/unlink/", admin_views.unlink_view, name="unlink"),
]

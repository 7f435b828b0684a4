from django.urls import path

from . import admin_views

app_name = "accounts"

urlpatterns = [
    path("users/", admin_views.user_list_view, name="users"),
    path("users/<int:pk>/", admin_views.user_detail_view, name="user"),
    path("users/<int:pk>/active/", admin_views.user_active_view, name="active"),
    path("users/<int:pk>/login-unlock/", admin_views.login_unlock_view, name="login_unlock"),
    path("users/<int:pk>/two-factor-reset/", admin_views.two_factor_reset_view, name="two_factor_reset"),
    path("users/<int:pk>/roles/<int:grant_pk>/revoke/", admin_views.role_revoke_view, name="revoke"),
]

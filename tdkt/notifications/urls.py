from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notifications_view, name="list"),
    path("notifications/<int:pk>/read/", views.notification_read_view, name="read"),
    path("notifications/settings/", views.settings_view, name="settings"),
]

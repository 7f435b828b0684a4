from django.urls import path

from tdkt.notifications import views as notifications

from .views import calendar

# Mounted at the site root inside the "movements" namespace (see urls.py).
urlpatterns = [
    path("calendar/", calendar.calendar_view, name="calendar"),
    path("calendar/my.ics", calendar.ical_view, name="ical"),
    path("calendar/<slug:token>.ics", calendar.ical_token_view, name="ical_token"),
    # The notifications moved to their own app; the old names lead to its pages while callers switch.
    path("notifications/", notifications.notifications_view, name="notifications"),
    path("notifications/<int:pk>/read/", notifications.notification_read_view, name="notification_read"),
]

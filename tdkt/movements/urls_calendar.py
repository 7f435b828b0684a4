from django.urls import path

from .views import calendar

# Mounted at the site root inside the "movements" namespace (see urls.py).
urlpatterns = [
    path("calendar/", calendar.calendar_view, name="calendar"),
    path("calendar/my.ics", calendar.ical_view, name="ical"),
    path("calendar/<slug:token>.ics", calendar.ical_token_view, name="ical_token"),
]

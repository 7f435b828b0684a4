from django.urls import include, path

app_name = "movements"

# Each part of the app keeps its own routes (plans, participation, calendar and reminders).
urlpatterns = [
    path("movements/", include("tdkt.movements.urls_plans")),
    path("movements/", include("tdkt.movements.urls_participation")),
    path("", include("tdkt.movements.urls_calendar")),
]

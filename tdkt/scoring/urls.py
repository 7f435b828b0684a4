from django.urls import include, path

app_name = "scoring"

# Each part of the app keeps its own routes (templates, rounds and results, sheets and reviews, exports).
urlpatterns = [
    path("scoring/templates/", include("tdkt.scoring.urls_templates")),
    path("scoring/", include("tdkt.scoring.urls_rounds")),
    path("scoring/", include("tdkt.scoring.urls_sheets")),
    path("scoring/", include("tdkt.scoring.urls_exports")),
]

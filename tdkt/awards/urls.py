from django.urls import include, path

app_name = "awards"

# Each part keeps its own routes: rounds and catalogue, dossiers and their workflow, decisions, the fund.
urlpatterns = [
    path("awards/rounds/", include("tdkt.awards.urls_rounds")),
    path("awards/catalogue/", include("tdkt.awards.urls_catalogue")),
    path("awards/decisions/", include("tdkt.awards.urls_decisions")),
    path("awards/funds/", include("tdkt.awards.urls_fund")),
    path("awards/", include("tdkt.awards.urls_dossiers")),
]

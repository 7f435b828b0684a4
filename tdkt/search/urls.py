from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_view, name="search"),
    path("search/export.xlsx", views.search_export_view, name="export"),
]

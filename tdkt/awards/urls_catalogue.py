from django.urls import path

from .views import catalogue as views
from .views import law_catalogue

urlpatterns = [
    path("", views.catalogue_view, name="catalogue"),
    path("new/", views.form_new_view, name="form_new"),
    path("law/", law_catalogue.law_catalogue_view, name="law_catalogue"),
    path("law/install/", law_catalogue.law_catalogue_install_view, name="law_catalogue_install"),
    path("<int:pk>/", views.form_detail_view, name="form"),
    path("<int:pk>/version/", views.form_version_view, name="form_version"),
]

from django.urls import path

from .views import catalogue as views

urlpatterns = [
    path("", views.catalogue_view, name="catalogue"),
    path("new/", views.form_new_view, name="form_new"),
    path("<int:pk>/", views.form_detail_view, name="form"),
    path("<int:pk>/version/", views.form_version_view, name="form_version"),
]

from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("movements/<int:pk>/documents/<slug:kind>.<slug:fmt>", views.movement_document, name="movement"),
    path("documents/templates/<slug:kind>.docx", views.template_download, name="template"),
]

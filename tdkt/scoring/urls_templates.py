from django.urls import path

from .views import templates as views

# Mounted under /scoring/templates/ in the "scoring" namespace.
urlpatterns = [
    path("", views.template_list_view, name="templates"),
    path("new/", views.template_new_view, name="template_new"),
    path("import/", views.template_import_view, name="template_import"),
    path("import-form.xlsx", views.template_import_form_view, name="template_import_form"),
    path("<int:pk>/", views.template_detail_view, name="template"),
    path("<int:pk>/edit/", views.template_edit_view, name="template_edit"),
    path("<int:pk>/version/", views.template_version_view, name="template_version"),
    path("<int:pk>/export.xlsx", views.template_export_view, name="template_export"),
]

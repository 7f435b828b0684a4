"""The plan pages, under /movements/ in the "movements" namespace (tdkt/movements/urls.py)."""

from django.urls import path

from .views import plan_file, plans

urlpatterns = [
    path("", plans.movement_list_view, name="list"),
    path("new/", plans.movement_create_view, name="create"),
    path("import/", plan_file.movement_import_view, name="import"),
    path("<int:pk>/", plans.movement_detail_view, name="detail"),
    path("<int:pk>/export/", plan_file.movement_export_view, name="export"),
    path("<int:pk>/edit/", plans.movement_edit_view, name="edit"),
    path("<int:pk>/status/", plans.movement_status_view, name="status"),
    path("<int:pk>/phases/new/", plans.phase_add_view, name="phase_add"),
    path("<int:pk>/milestones/new/", plans.milestone_add_view, name="milestone_add"),
    path("<int:pk>/targets/new/", plans.target_add_view, name="target_add"),
    path("<int:pk>/tasks/new/", plans.task_add_view, name="task_add"),
    path("<int:pk>/tasks/<int:task_pk>/status/", plans.task_status_view, name="task_status"),
    path("<int:pk>/contents/new/", plans.content_add_view, name="content_add"),
    path("<int:pk>/participants/", plans.participants_view, name="participants"),
]

from django.urls import path

from .views import blocks, imports, organizations, people, signoff

app_name = "organizations"

urlpatterns = [
    path("organizations/", organizations.organization_list_view, name="list"),
    path("organizations/new/", organizations.organization_create_view, name="create"),
    path("organizations/<int:pk>/", organizations.organization_detail_view, name="detail"),
    path("organizations/<int:pk>/edit/", organizations.organization_edit_view, name="edit"),
    path("organizations/<int:pk>/close/", organizations.organization_close_view, name="close"),
    path("organizations/<int:pk>/signoff/", signoff.organization_signoff_view, name="signoff"),
    path("people/", people.person_list_view, name="people"),
    path("people/new/", people.person_create_view, name="person_create"),
    path("people/<int:pk>/", people.person_detail_view, name="person"),
    path("people/<int:pk>/edit/", people.person_edit_view, name="person_edit"),
    path("people/<int:pk>/move/", people.person_move_view, name="person_move"),
    path("imports/", imports.import_list_view, name="imports"),
    path("imports/templates/<slug:kind>.xlsx", imports.import_template_view, name="import_template"),
    path("imports/<int:pk>/", imports.import_job_view, name="import_job"),
    path("imports/<int:pk>/errors.xlsx", imports.import_job_errors_view, name="import_job_errors"),
    path("imports/<int:pk>/confirm/", imports.import_job_confirm_view, name="import_job_confirm"),
    path("imports/<int:pk>/discard/", imports.import_job_discard_view, name="import_job_discard"),
    path("blocks/", blocks.block_list_view, name="blocks"),
    path("blocks/new/", blocks.block_create_view, name="block_create"),
    path("blocks/<int:pk>/", blocks.block_detail_view, name="block"),
    path("blocks/<int:pk>/members/", blocks.block_member_add_view, name="block_member_add"),
    path("blocks/<int:pk>/members/<int:membership_pk>/remove/", blocks.block_member_remove_view,
         name="block_member_remove"),
]

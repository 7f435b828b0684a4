from django.urls import path

from .views import dossiers as views
from .views import office, signoff

urlpatterns = [
    path("", views.dossier_list_view, name="dossiers"),
    path("new/", views.dossier_new_view, name="dossier_new"),
    path("<int:pk>/", views.dossier_detail_view, name="dossier"),
    path("<int:pk>/nominees/add/", views.nominee_add_view, name="nominee_add"),
    path("nominees/<int:pk>/delete/", views.nominee_delete_view, name="nominee_delete"),
    path("nominees/<int:pk>/appraise/", office.nominee_appraise_view, name="nominee_appraise"),
    path("<int:pk>/appraise/accept-eligible/", office.nominees_accept_view, name="nominees_accept"),
    path("<int:pk>/attachments/", views.attachment_add_view, name="attachment_add"),
    path("attachments/<int:pk>/", views.attachment_download_view, name="attachment"),
    path("attachments/<int:pk>/delete/", views.attachment_delete_view, name="attachment_delete"),
    path("<int:pk>/actions/<str:action>/", views.dossier_action_view, name="dossier_action"),
    path("<int:pk>/signoff/", signoff.dossier_signoff_view, name="dossier_signoff"),
    path("<int:pk>/votes/", office.votes_view, name="votes"),
    path("<int:pk>/votes/tally/", office.ballot_tally_view, name="ballot_tally"),
    path("meetings/<int:pk>/minutes/", office.ballot_minutes_view, name="ballot_minutes"),
    path("<int:pk>/objections/", office.objection_add_view, name="objection_add"),
    path("objections/<int:pk>/resolve/", office.objection_resolve_view, name="objection_resolve"),
]

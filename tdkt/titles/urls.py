from django.urls import path

from . import views

app_name = "titles"

urlpatterns = [
    path("titles/", views.vote_list_view, name="votes"),
    path("titles/<int:pk>/", views.vote_view, name="vote"),
    path("titles/<int:pk>/tally/", views.tally_view, name="tally"),
    path("titles/<int:pk>/decide/", views.decide_view, name="decide"),
    path("titles/<int:pk>/revoke/", views.revoke_view, name="revoke"),
    path("titles/<int:pk>/decision.docx", views.docx_view, name="docx"),
]

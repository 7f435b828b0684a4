from django.urls import path

from . import views

app_name = "rules"

urlpatterns = [
    path("candidates/", views.candidates_view, name="candidates"),
    path("candidates/mark/", views.candidate_mark_view, name="mark"),
    path("candidates/mark/<int:pk>/remove/", views.candidate_unmark_view, name="unmark"),
]

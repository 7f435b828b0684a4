from django.urls import path

from .views import rounds as views

# Mounted under /scoring/ in the "scoring" namespace.
urlpatterns = [
    path("", views.round_list_view, name="rounds"),
    path("blocks/<int:block_pk>/open/", views.round_open_view, name="round_open"),
    path("<int:pk>/", views.round_detail_view, name="round"),
    path("<int:pk>/edit/", views.round_edit_view, name="round_edit"),
    path("<int:pk>/reviewers/", views.round_reviewers_view, name="round_reviewers"),
    path("<int:pk>/publish/", views.round_publish_view, name="round_publish"),
    path("<int:pk>/reopen/", views.round_reopen_view, name="round_reopen"),
    path("<int:pk>/results/<int:version>/", views.result_detail_view, name="result"),
]

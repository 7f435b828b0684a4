from django.urls import path

from .views import sheets as views

# Mounted under /scoring/ in the "scoring" namespace.
urlpatterns = [
    path("<int:pk>/units/<int:org_pk>/sheet/", views.sheet_start_view, name="sheet_start"),
    path("sheets/<int:pk>/", views.sheet_detail_view, name="sheet"),
    path("sheets/<int:pk>/submit/", views.sheet_submit_view, name="sheet_submit"),
    path("sheets/<int:pk>/signoff/<str:action>/", views.sheet_signoff_view, name="sheet_signoff"),
    path("sheets/<int:pk>/return/", views.sheet_return_view, name="sheet_return"),
    path("sheets/<int:pk>/evidence/", views.evidence_add_view, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence_download_view, name="evidence"),
    path("evidence/<int:pk>/delete/", views.evidence_delete_view, name="evidence_delete"),
    path("sheets/<int:pk>/reviews/<int:reviewer_pk>/", views.review_edit_view, name="review"),
    path("sheets/<int:pk>/reviews/<int:reviewer_pk>/recuse/", views.review_recuse_view, name="review_recuse"),
]

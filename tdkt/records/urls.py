from django.urls import path

from . import views

app_name = "records"

urlpatterns = [
    path("records/<str:subject_type>/<int:pk>/", views.subject_records_view, name="subject"),
    path("records/<str:subject_type>/<int:pk>/add/<str:kind>/", views.record_add_view, name="add"),
    path("records/<str:kind>/<int:pk>/delete/", views.record_delete_view, name="delete"),
    path("records/honour/<int:pk>/revoke/", views.honour_revoke_view, name="revoke"),
    path("records/review/<int:pk>/close/", views.review_close_view, name="close_review"),
]

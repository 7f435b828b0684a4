from django.urls import path

from .views import decisions as views

urlpatterns = [
    path("", views.decision_list_view, name="decisions"),
    path("issue/<int:dossier_pk>/", views.decision_new_view, name="decision_new"),
    path("forward/<int:dossier_pk>/", views.dossier_forward_view, name="dossier_forward"),
    path("<int:pk>/", views.decision_detail_view, name="decision"),
    path("<int:pk>/quyet-dinh.docx", views.decision_docx_view, name="decision_docx"),
    path("<int:pk>/quyet-dinh.pdf", views.decision_pdf_view, name="decision_pdf"),
    path("<int:pk>/bang-khen.pdf", views.certificates_view, name="certificates"),
    path("<int:pk>/certificates/retry/", views.certificates_retry_view, name="certificates_retry"),
    path("<int:pk>/revoke/", views.decision_revoke_view, name="decision_revoke"),
]

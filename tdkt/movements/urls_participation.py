from django.urls import path

from .views import participation as views
from .views import participation_reports as reports

# Mounted under /movements/ in the "movements" namespace (tdkt/movements/urls.py).
urlpatterns = [
    path("<int:pk>/registrations/", views.registrations_view, name="registrations"),
    path("<int:pk>/registrations/new/", views.register_view, name="register"),
    path("<int:pk>/registrations/<int:registration_pk>/signoff/<str:action>/", views.registration_signoff_view,
         name="registration_signoff"),
    path("<int:pk>/registrations/remind/", views.remind_registration_view, name="remind_registration"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/decide/",
        views.registration_decide_view,
        name="registration_decide",
    ),
    path("<int:pk>/covenant/", views.covenant_view, name="covenant"),
    path("<int:pk>/covenant/sign/", views.sign_view, name="sign"),
    path("<int:pk>/covenant/<int:signature_pk>/file/", views.covenant_file_view, name="covenant_file"),
    path("<int:pk>/covenant/remind/", views.remind_covenant_view, name="remind_covenant"),
    path("<int:pk>/reports/", reports.reports_view, name="reports"),
    path("<int:pk>/reports/<int:milestone_pk>/submit/", reports.report_submit_view, name="report_submit"),
    path("<int:pk>/reports/<int:milestone_pk>/remind/", reports.remind_reports_view, name="remind_reports"),
    path("<int:pk>/reports/<int:milestone_pk>/summary/", reports.milestone_summary_view, name="milestone_summary"),
    path("<int:pk>/reports/submissions/<int:submission_pk>/", reports.report_review_view, name="report_review"),
    path("<int:pk>/reports/submissions/<int:submission_pk>/signoff/<str:action>/", reports.report_signoff_view,
         name="report_signoff"),
    path("<int:pk>/reports/submissions/<int:submission_pk>/file/", reports.report_file_view, name="report_file"),
]

from django.urls import path

from . import views, views_drafts

app_name = "reports"

urlpatterns = [
    path("reports/", views.reports_view, name="index"),
    path("reports/tt02/<str:code>/", views.form_view, name="form"),
    path("reports/yearly-summary.docx", views_drafts.yearly_report_view, name="yearly_summary"),
    path("movements/<int:pk>/reports/<int:milestone_pk>/summary/report.docx", views_drafts.milestone_report_view,
         name="milestone_report"),
    path("reports/tt02/<str:code>/submit/", views.submit_view, name="submit"),
    path("reports/tt02/<str:code>/cell/<str:row>/<str:column>/", views.cell_view, name="cell"),
]

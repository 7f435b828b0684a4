from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.reports_view, name="index"),
    path("reports/tt02/<str:code>/", views.form_view, name="form"),
    path("reports/tt02/<str:code>/submit/", views.submit_view, name="submit"),
    path("reports/tt02/<str:code>/cell/<str:row>/<str:column>/", views.cell_view, name="cell"),
]

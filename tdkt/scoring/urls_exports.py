from django.urls import path

from .views import exports as views

# Mounted under /scoring/ in the "scoring" namespace.
urlpatterns = [
    path("<int:pk>/table.xlsx", views.round_table_xlsx_view, name="round_table_xlsx"),
    path("<int:pk>/table.pdf", views.round_table_pdf_view, name="round_table_pdf"),
    path("sheets/<int:pk>/sheet.xlsx", views.sheet_xlsx_view, name="sheet_xlsx"),
    path("sheets/<int:pk>/sheet.pdf", views.sheet_pdf_view, name="sheet_pdf"),
]

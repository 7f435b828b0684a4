from django.urls import path

from .views import fund as views

urlpatterns = [
    path("", views.fund_list_view, name="funds"),
    path("set/", views.fund_set_view, name="fund_set"),
    path("<int:pk>/", views.fund_detail_view, name="fund"),
    path("<int:pk>/quy-thi-dua-khen-thuong.xlsx", views.fund_xlsx_view, name="fund_xlsx"),
]

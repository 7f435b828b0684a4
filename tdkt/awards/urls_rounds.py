from django.urls import path

from .views import rounds as views

urlpatterns = [
    path("", views.round_list_view, name="rounds"),
    path("new/", views.round_new_view, name="round_new"),
    path("<int:pk>/", views.round_detail_view, name="round"),
    path("<int:pk>/edit/", views.round_edit_view, name="round_edit"),
]

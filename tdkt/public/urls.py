from django.urls import path

from . import views

app_name = "public"

# No login: only what was published (notices while they run, decisions, awardees, certificate checks).
urlpatterns = [
    path("cong-khai/", views.public_home_view, name="home"),
    path("cong-khai/thong-bao/<int:pk>/", views.notice_view, name="notice"),
    path("cong-khai/quyet-dinh/<int:pk>/", views.decision_view, name="decision"),
    path("xac-minh/<uuid:token>/", views.verify_view, name="verify"),
    # The demo's root certificate (only under TDKT_DEMO), to check its signed decisions (README "Ký số").
    path("cong-khai/chung-thu-demo.pem", views.demo_root_view, name="demo_root"),
]

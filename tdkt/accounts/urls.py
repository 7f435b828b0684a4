from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

urlpatterns = [
    path("login/", login_not_required(views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("sessions/", views.sessions_view, name="account_sessions"),
    path("sessions/tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
    path("sessions/sign-out-everywhere/", views.sign_out_everywhere_view, name="sign_out_everywhere"),
]

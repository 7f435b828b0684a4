from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import two_factor_views, views

urlpatterns = [
    path("login/", login_not_required(views.LoginView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("sessions/", views.sessions_view, name="account_sessions"),
    path("sessions/tokens/<int:pk>/revoke/", views.api_token_revoke_view, name="api_token_revoke"),
    path("sessions/<int:pk>/end/", views.session_end_view, name="session_end"),
    path("sessions/sign-out-everywhere/", views.sign_out_everywhere_view, name="sign_out_everywhere"),
    path("two-factor/", two_factor_views.overview_view, name="two_factor"),
    path("two-factor/verify/", two_factor_views.verify_view, name="two_factor_verify"),
    path("two-factor/enrol/", two_factor_views.enrol_view, name="two_factor_enrol"),
    path("two-factor/recovery-codes/", two_factor_views.recovery_codes_view, name="two_factor_recovery_codes"),
    path("two-factor/remove/", two_factor_views.remove_view, name="two_factor_remove"),
]

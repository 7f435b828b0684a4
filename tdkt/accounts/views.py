from django.conf import settings
from django.contrib.auth import views as auth_views

from .forms import ThrottledAuthenticationForm
from .services import password_change_record


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return super().get_context_data(demo=settings.TDKT_DEMO, **kwargs)


class PasswordChangeView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        response = super().form_valid(form)
        password_change_record(user=self.request.user)
        return response

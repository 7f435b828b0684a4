from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdkt.accounts"
    label = "accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from . import sessions

        def started(sender, request, user, **kwargs):
            if request is not None:
                sessions.session_started(request=request, user=user)

        def ended(sender, request, user, **kwargs):
            if request is not None:
                sessions.session_ended(request=request)

        user_logged_in.connect(started, dispatch_uid="tdkt_accounts_session_started", weak=False)
        user_logged_out.connect(ended, dispatch_uid="tdkt_accounts_session_ended", weak=False)

"""The user's notifications (the bell), and how the user takes them by e-mail."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tdkt.accounts.models import User
from tdkt.core.lists import paginate

from .models import Notification
from .services import email_preference_set


def notifications_view(request):
    """The user's notifications, newest first; POST marks them all read."""
    mine = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        mine.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications:list")
    context = paginate(request, mine.order_by("-created_at", "-pk"), per_page=30)
    context["unread"] = mine.filter(read_at__isnull=True).count()
    return render(request, "notifications/list.html", context)


@require_POST
def notification_read_view(request, pk):
    """Mark one notification read and go where it points (on this site only)."""
    notification = get_object_or_404(Notification, pk=pk, user=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.url
    if (
        request.POST.get("go")
        and target
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return redirect(target)
    return redirect("notifications:list")


class PreferenceForm(forms.Form):
    notification_email = forms.ChoiceField(
        label=gettext_lazy("Notices by e-mail"),
        choices=User._meta.get_field("notification_email").choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )


def settings_view(request):
    """"Cài đặt thông báo": at once, in the daily digest, or no e-mail."""
    user = request.user
    form = PreferenceForm(request.POST or None, initial={"notification_email": user.notification_email})
    if request.method == "POST" and form.is_valid():
        email_preference_set(actor=user, user=user, preference=form.cleaned_data["notification_email"])
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form, "has_email": bool(user.email)})

"""A notice to one user (the bell), and what remains to be sent by e-mail in the daily digest."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """An in-application message (the bell), e.g. a dossier received, a returned report, a digest.

    The table is the one the movements app created (the model moved here without copying rows)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    text = models.TextField()
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # The user takes e-mail in the daily digest: this notice waits for the next one.
    email_pending = models.BooleanField(default=False, db_index=True)

    class Meta:
        db_table = "movements_notification"
        ordering = ["-created_at"]

    def __str__(self):
        return self.text[:60]

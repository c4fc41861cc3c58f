"""Named read paths for subscribers and deliveries."""

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def with_email(self, email: str) -> "SubscriberQuerySet":
        """The subscriber with this address, compared as the unique index does (lower case)."""
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())

    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(status="confirmed")

    def status_counts(self) -> dict[str, int]:
        rows = self.values_list("status").annotate(n=models.Count("pk")).order_by()
        return dict(rows)


class DeliveryQuerySet(models.QuerySet):
    def due(self, issue) -> "DeliveryQuerySet":
        """Pending deliveries of an issue whose (next) attempt time has come, oldest first."""
        return self.filter(
            issue=issue, status="pending", next_attempt_at__lte=timezone.now()
        ).order_by("pk")

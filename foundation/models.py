"""What every process of the site must agree on, kept in the one database they share.

The change clock and the stamps tell each app process which cached pages
are stale (see ``foundation.stamps``); counters hold rate limits and
"seen recently" marks (see ``foundation.counters``). Nothing here is kept
in a process's memory only, so any number of processes and servers agree.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeClock(models.Model):
    """One row: the number of the newest change. Every change takes the next number."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("change clock")
        verbose_name_plural = _("change clocks")
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="one_change_clock")]

    def __str__(self) -> str:
        return str(self.version)


class Stamp(models.Model):
    """The number of the last change to what a cache tag names (``article:42``, ``home``)."""

    tag = models.CharField(_("cache tag"), max_length=200, primary_key=True)
    version = models.BigIntegerField(_("version"), db_index=True)

    class Meta:
        verbose_name = _("change stamp")
        verbose_name_plural = _("change stamps")

    def __str__(self) -> str:
        return f"{self.tag} @ {self.version}"


class Counter(models.Model):
    """A count that lives until ``expires_at``: attempts in a rate-limit window, views seen."""

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    count = models.PositiveIntegerField(_("count"))
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"

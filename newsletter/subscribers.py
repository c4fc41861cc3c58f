"""Subscribers added and removed by editors: the CSV import and unsubscribing on request.

Readers sign up themselves through ``signup.py``; this is what the admin does for them.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import signup
from .models import Subscriber


@dataclass
class ImportReport:
    """What an import did: addresses added, already known, and the lines skipped."""

    added: int = 0
    existing: int = 0
    # (line number, the start of what it held) for each line that is not an address.
    invalid: list[tuple[int, str]] = field(default_factory=list)


def parse_line(number: int, row: list[str]) -> tuple[str, str] | None:
    """The address and name of one CSV row, or None for a blank or header line.

    The address is returned as written: whether it is valid is for the caller to check.
    """
    if not row or not "".join(row).strip():
        return None
    email = row[0].strip()
    name = " ".join((row[1] if len(row) > 1 else "").split())[:100]
    if number == 1 and "@" not in email:
        return None  # a header line
    return email, name


def is_valid_address(email: str) -> bool:
    if len(email) > 254:
        return False
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


def import_subscribers(text: str, *, already_consented: bool, editor) -> ImportReport:
    """Add the addresses of a CSV text (e-mail, optionally a name, per line).

    Known addresses are left as they are. New ones get a confirmation mail
    (double opt-in) unless the editor attests their earlier consent; then they
    are confirmed at once, with the editor named in the consent note.
    """
    report = ImportReport()
    now = timezone.now()
    language = translation.get_language() or "de"
    note = _("Imported by %(editor)s on %(date)s") % {
        "editor": editor.get_username(),
        "date": now.date().isoformat(),
    }
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        line = parse_line(number, row)
        if line is None:
            continue
        email, name = line
        if not is_valid_address(email):
            report.invalid.append((number, email[:80]))
            continue
        if Subscriber.objects.with_email(email).exists():
            report.existing += 1
            continue
        if already_consented:
            Subscriber.objects.create(
                email=email,
                name=name,
                language=language,
                status=Subscriber.Status.CONFIRMED,
                consented_at=now,
                confirmed_at=now,
                consent_source=Subscriber.Source.IMPORT,
                consent_version="import",
                consent_note=note + "; " + _("the editor attested prior consent"),
            )
        else:
            signup.request_subscription(
                email, name, source=Subscriber.Source.IMPORT, language=language, consent_note=note
            )
        report.added += 1
    return report


def unsubscribe_all(subscribers: QuerySet[Subscriber]) -> int:
    """Unsubscribe those of ``subscribers`` who are not already; returns how many changed."""
    return subscribers.exclude(status=Subscriber.Status.UNSUBSCRIBED).update(
        status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now()
    )

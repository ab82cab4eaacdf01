"""CSV export of subscribers for the secretariat. Cells that a spreadsheet would run as a formula
are neutralised (OWASP "CSV injection")."""

import csv
import io

from django.utils.translation import gettext as _

from localcompacts.core.spreadsheets import csv_text as safe_cell


def subscribers_csv(subscribers) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            _("E-mail address"),
            _("Name"),
            _("Language"),
            _("Status"),
            _("Compacts"),
            _("Objectives"),
            _("Regions"),
            _("Publications"),
            _("Forum news"),
            _("Consent given"),
            _("Form"),
            _("Consent text version"),
            _("Confirmed"),
        ]
    )
    for s in subscribers:
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    s.email,
                    s.name,
                    s.language,
                    s.status,
                    " ".join(s.compacts or []),
                    " ".join(o.code for o in s.objectives.all()),
                    " ".join(r.code for r in s.regions.all()),
                    "yes" if s.wants_publications else "no",
                    "yes" if s.wants_forum_news else "no",
                    s.consent_at.isoformat() if s.consent_at else "",
                    s.consent_form,
                    s.consent_text_version,
                    s.confirmed_at.isoformat() if s.confirmed_at else "",
                )
            ]
        )
    return buffer.getvalue()

"""Delivering a report: an atomic write into the outbox, e-mail to the recipients, an alert to the admin."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import smtplib
import socket
import tempfile
from email.message import EmailMessage
from pathlib import Path

from anchorspend.report.settings import ReportSettings

log = logging.getLogger("anchorspend.report")


class DeliveryError(RuntimeError):
    """The report could not be written or sent; the message is one line."""


def outbox_name(week: str, generated_on: dt.date) -> str:
    """A dated file name that sorts by week, e.g. anchorspend-report_2026-W47_2026-11-23.pdf."""
    return f"anchorspend-report_{week}_{generated_on.isoformat()}.pdf"


def write_atomic(path: Path, data: bytes) -> Path:
    """Write data to path through a hidden temporary file and a rename, so no reader ever sees half a PDF."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    return path


def _smtp(settings: ReportSettings) -> smtplib.SMTP:
    """An SMTP session, logged in when a user is configured."""
    kind = smtplib.SMTP_SSL if settings.smtp_ssl else smtplib.SMTP
    session = kind(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s)
    if settings.smtp_starttls and not settings.smtp_ssl:
        session.starttls()
    if settings.smtp_user:
        session.login(settings.smtp_user, settings.smtp_password)
    return session


def _send(settings: ReportSettings, message: EmailMessage) -> None:
    try:
        with _smtp(settings) as session:
            session.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        where = f"{settings.smtp_host}:{settings.smtp_port}"
        raise DeliveryError(f"could not send e-mail through {where}: {exc}") from None


def send_report(settings: ReportSettings, pdf: Path, subject: str, summary: str) -> list[str]:
    """E-mail the PDF to the configured recipients; return who it went to."""
    if not settings.can_send:
        raise DeliveryError(
            "--send needs an SMTP host and at least one recipient (see the README, Weekly report)"
        )
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Subject"] = f"{settings.subject_prefix}: {subject}"
    message.set_content(summary)
    message.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename=pdf.name)
    _send(settings, message)
    log.info("report sent to %d recipient(s): %s", len(settings.recipients), pdf.name)
    return list(settings.recipients)


def send_alert(settings: ReportSettings, reason: str, command: str) -> bool:
    """Tell the administrator a run failed; False (and a log line) when that is impossible too."""
    if not settings.can_alert:
        log.error("no administrator alert sent: no SMTP host or admin address configured")
        return False
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.admins)
    message["Subject"] = f"{settings.subject_prefix}: FAILED on {socket.gethostname()}"
    message.set_content(
        f"The weekly report failed at {dt.datetime.now().isoformat(timespec='seconds')}.\n\n"
        f"Reason: {reason}\n\nCommand: {command}\n\n"
        "No PDF was delivered for this run. Run the command by hand with -v to see the details.\n"
    )
    try:
        _send(settings, message)
    except DeliveryError as exc:
        log.error("administrator alert not sent: %s", exc)
        return False
    log.info("administrator alerted: %s", ", ".join(settings.admins))
    return True

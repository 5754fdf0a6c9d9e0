"""Delivery: atomic writes into the outbox, e-mail to the recipients, the admin's alert, the config."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from report_smtp import free_port, smtp_server

from anchorspend.report.deliver import DeliveryError, outbox_name, send_alert, send_report, write_atomic
from anchorspend.report.settings import ReportConfigError, ReportSettings, load_settings


def test_outbox_names_are_dated_and_sort_by_week() -> None:
    assert outbox_name("2026-W47", dt.date(2026, 11, 23)) == "anchorspend-report_2026-W47_2026-11-23.pdf"
    assert outbox_name("2026-W09", dt.date(2026, 3, 2)) < outbox_name("2026-W10", dt.date(2026, 3, 9))


def test_atomic_write_leaves_the_whole_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "outbox" / "r.pdf"
    write_atomic(target, b"%PDF-1.7 whole")
    assert target.read_bytes() == b"%PDF-1.7 whole"
    assert [p.name for p in target.parent.iterdir()] == ["r.pdf"]


def test_failed_write_leaves_neither_a_partial_file_nor_a_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "r.pdf"
    real_fdopen = os.fdopen

    class HalfFile:
        """A file that fails half-way through writing, like a full disk."""

        def __init__(self, handle: int, mode: str) -> None:
            self.inner = real_fdopen(handle, mode)

        def __enter__(self) -> HalfFile:
            return self

        def __exit__(self, *exc: object) -> None:
            self.inner.close()

        def write(self, data: bytes) -> int:
            self.inner.write(data[: len(data) // 2])
            self.inner.flush()
            raise OSError("No space left on device")

    monkeypatch.setattr(os, "fdopen", HalfFile)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"%PDF-1.7 " + b"x" * 1000)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_report_survives_a_failed_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write_atomic(tmp_path / "r.pdf", b"%PDF old and whole")

    def no_rename(src: str, dst: str) -> None:
        raise OSError("rename refused")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(OSError):
        write_atomic(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF old and whole"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def settings_for(port: int, **extra: object) -> ReportSettings:
    values = {
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "sender": "reports@example.org",
        "recipients": ("chair@example.org", "clerk@example.org"),
        "admins": ("admin@example.org",),
        "smtp_timeout_s": 5.0,
    }
    return ReportSettings(**{**values, **extra})


def test_report_is_mailed_to_every_recipient_with_the_pdf_attached(tmp_path: Path) -> None:
    pdf = write_atomic(tmp_path / "anchorspend-report_2026-W47_2026-11-23.pdf", b"%PDF-1.7 test body")
    with smtp_server() as inbox:
        sent = send_report(settings_for(inbox.port), pdf, "Northbridge, week 2026-W47", "Local share: 41.2%")
    assert sent == ["chair@example.org", "clerk@example.org"]
    assert len(inbox.received) == 1
    recipients, message = inbox.received[0]
    assert sorted(recipients) == ["chair@example.org", "clerk@example.org"]
    assert message["Subject"] == "Anchor Spend weekly report: Northbridge, week 2026-W47"
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == [pdf.name]
    assert attachments[0].get_content() == b"%PDF-1.7 test body"
    assert "Local share: 41.2%" in message.get_body(("plain",)).get_content()


def test_admin_alert_names_the_reason() -> None:
    with smtp_server() as inbox:
        assert send_alert(settings_for(inbox.port), "no store at data/x.duckdb", "anchorspend report --send")
    recipients, message = inbox.received[0]
    assert recipients == ["admin@example.org"]
    assert "FAILED" in message["Subject"]
    assert "no store at data/x.duckdb" in message.get_body(("plain",)).get_content()


def test_unreachable_server_is_a_one_line_delivery_error(tmp_path: Path) -> None:
    pdf = write_atomic(tmp_path / "r.pdf", b"%PDF")
    with pytest.raises(DeliveryError, match="could not send e-mail through 127.0.0.1") as error:
        send_report(settings_for(free_port()), pdf, "s", "b")
    assert "\n" not in str(error.value)
    assert send_alert(settings_for(free_port()), "reason", "cmd") is False


def test_send_without_recipients_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError, match="recipient"):
        send_report(ReportSettings(), tmp_path / "r.pdf", "s", "b")


def test_settings_from_toml_then_environment(tmp_path: Path) -> None:
    config = tmp_path / "report.toml"
    config.write_text(
        '[report]\noutbox = "out/reports"\n'
        '[smtp]\nhost = "mail.example.org"\nport = 587\nstarttls = true\nusername = "bot"\n'
        'password_env = "MY_SMTP_SECRET"\nsender = "bot@example.org"\n'
        'recipients = ["a@example.org", "b@example.org"]\nadmins = ["ops@example.org"]\n'
    )
    env = {"MY_SMTP_SECRET": "s3cret", "ANCHORSPEND_REPORT_TO": "c@example.org, d@example.org"}
    settings = load_settings(config, env=env)
    assert settings.outbox == Path("out/reports")
    assert (settings.smtp_host, settings.smtp_port, settings.smtp_starttls) == ("mail.example.org", 587, True)
    assert (settings.smtp_user, settings.smtp_password) == ("bot", "s3cret")
    assert settings.recipients == ("c@example.org", "d@example.org")  # the environment wins
    assert settings.admins == ("ops@example.org",)


def test_bad_configuration_is_a_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "report.toml"
    config.write_text('[smtp]\nrecipients = ["not an address"]\n')
    with pytest.raises(ReportConfigError, match="not an e-mail address"):
        load_settings(config, env={})
    config.write_text("[smtp\n")
    with pytest.raises(ReportConfigError, match="not valid TOML"):
        load_settings(config, env={})
    with pytest.raises(ReportConfigError, match="no report configuration"):
        load_settings(tmp_path / "missing.toml", env={})

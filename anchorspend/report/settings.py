"""Where reports go and who receives them: a TOML file, overridden by ANCHORSPEND_* environment variables."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anchorspend.config import Settings

DEFAULT_CONFIG = Path("data/report.toml")


class ReportConfigError(ValueError):
    """The report configuration cannot be used; the message is one line."""


@dataclass(frozen=True)
class ReportSettings:
    """The outbox folder and the SMTP delivery (recipients, and the administrator alerted on failure)."""

    outbox: Path = Path("data/outbox")
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    smtp_ssl: bool = False
    smtp_timeout_s: float = 30.0
    sender: str = "anchorspend@localhost"
    recipients: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    subject_prefix: str = "Anchor Spend weekly report"
    source: str = field(default="defaults", compare=False)

    @property
    def can_send(self) -> bool:
        """Whether an SMTP server and at least one recipient are configured."""
        return bool(self.smtp_host and self.recipients)

    @property
    def can_alert(self) -> bool:
        """Whether an SMTP server and an administrator are configured."""
        return bool(self.smtp_host and self.admins)


def _addresses(value: object, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        items = [part.strip() for part in value.split(",")]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = [item.strip() for item in value]
    else:
        raise ReportConfigError(f"{name} must be a list of e-mail addresses or a comma-separated string")
    bad = [item for item in items if item and "@" not in item]
    if bad:
        raise ReportConfigError(f"{name} holds something that is not an e-mail address: {bad[0]!r}")
    return tuple(item for item in items if item)


def _flag(value: str) -> bool:
    return value.strip().lower() in ("1", "true", "yes", "on")


def load_settings(config_path: Path | None = None, env: dict[str, str] | None = None) -> ReportSettings:
    """Read the TOML file (--config, $ANCHORSPEND_REPORT_CONFIG or data/report.toml), then the environment."""
    env = dict(os.environ) if env is None else env
    path = config_path or (
        Path(env["ANCHORSPEND_REPORT_CONFIG"]) if env.get("ANCHORSPEND_REPORT_CONFIG") else None
    )
    explicit = path is not None
    path = path or DEFAULT_CONFIG
    data: dict = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ReportConfigError(f"{path} is not valid TOML: {exc}") from None
    elif explicit:
        raise ReportConfigError(f"no report configuration at {path}")
    report = data.get("report", {})
    smtp = data.get("smtp", {})
    values: dict[str, Any] = {
        "outbox": Path(report.get("outbox") or env.get("ANCHORSPEND_OUTBOX") or Settings.from_env().outbox),
        "smtp_host": str(smtp.get("host", "")),
        "smtp_port": int(smtp.get("port", 25)),
        "smtp_user": str(smtp.get("username", "")),
        # A password is never written in the file: the file names the variable that holds it.
        "smtp_password": env.get(str(smtp.get("password_env", "ANCHORSPEND_SMTP_PASSWORD")), ""),
        "smtp_starttls": bool(smtp.get("starttls", False)),
        "smtp_ssl": bool(smtp.get("ssl", False)),
        "smtp_timeout_s": float(smtp.get("timeout_s", 30.0)),
        "sender": str(smtp.get("sender", "anchorspend@localhost")),
        "recipients": _addresses(smtp.get("recipients", []), "smtp.recipients"),
        "admins": _addresses(smtp.get("admins", []), "smtp.admins"),
        "subject_prefix": str(report.get("subject_prefix", "Anchor Spend weekly report")),
    }
    overrides: dict[str, tuple[str, Callable[[str], object]]] = {
        "ANCHORSPEND_REPORT_OUTBOX": ("outbox", Path),
        "ANCHORSPEND_SMTP_HOST": ("smtp_host", str),
        "ANCHORSPEND_SMTP_PORT": ("smtp_port", int),
        "ANCHORSPEND_SMTP_USER": ("smtp_user", str),
        "ANCHORSPEND_SMTP_STARTTLS": ("smtp_starttls", _flag),
        "ANCHORSPEND_SMTP_SSL": ("smtp_ssl", _flag),
        "ANCHORSPEND_REPORT_FROM": ("sender", str),
        "ANCHORSPEND_REPORT_TO": ("recipients", lambda v: _addresses(v, "ANCHORSPEND_REPORT_TO")),
        "ANCHORSPEND_REPORT_ADMIN": ("admins", lambda v: _addresses(v, "ANCHORSPEND_REPORT_ADMIN")),
    }
    for variable, (key, convert) in overrides.items():
        if env.get(variable):
            try:
                values[key] = convert(env[variable])
            except ValueError as exc:
                raise ReportConfigError(f"{variable}: {exc}") from None
    return ReportSettings(**values, source=str(path) if path.exists() else "environment")

"""Downloading a published file to a local one, within a size limit, every failure said in one line."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from anchorspend.files.errors import FileRefused
from anchorspend.files.limits import CHUNK, _size

USER_AGENT = "anchorspend"


def open_url(url: str, timeout: float, offline: str = "download the file and import it"):  # noqa: ANN201 - an http.client response
    """Open an http(s) URL; a refusal, an HTTP error or no network is a one-line FileRefused (offline: what to do
    instead, said when the host cannot be reached)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FileRefused(f"{url}: not an http:// or https:// address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 - the scheme is checked above
    except urllib.error.HTTPError as exc:
        raise FileRefused(f"{parts.netloc} answered {exc.code} {exc.reason} for {url}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise FileRefused(f"cannot reach {parts.netloc} ({reason}); offline? {offline}") from exc


def download(url: str, target: Path, limit: int, timeout: float = 60.0) -> Path:
    """Write the file at url to target, refusing one larger than limit (before or while reading it)."""
    with open_url(url, timeout) as response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise FileRefused(f"{url} is {int(declared):,} bytes, over the limit of {_size(limit)} for one file")
        written = 0
        try:
            with target.open("wb") as out:
                while chunk := response.read(CHUNK):
                    written += len(chunk)
                    if written > limit:  # no length declared, or a wrong one
                        raise FileRefused(f"{url} is over the limit of {_size(limit)} for one file")
                    out.write(chunk)
        except (TimeoutError, OSError) as exc:
            target.unlink(missing_ok=True)
            raise FileRefused(f"{url}: the download broke off ({exc})") from exc
        except FileRefused:
            target.unlink(missing_ok=True)
            raise
    return target

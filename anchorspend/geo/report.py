"""What one imported file did: the kind detected, rows read, loaded and rejected (with reasons)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


class GeoFileError(ValueError):
    """A geography file that cannot be imported, said in one line."""


@dataclass
class LoadReport:
    """The load report of one geography file."""

    file: str
    kind: str
    rows_read: int = 0
    rows_loaded: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def rows_rejected(self) -> int:
        """Rows not loaded, for every reason."""
        return sum(self.rejected.values())

    def reject(self, reason: str, count: int = 1) -> None:
        """Count rows not loaded for one reason."""
        if count:
            self.rejected[reason] += count

    def as_dict(self) -> dict[str, object]:
        """The report as plain data, for --json and the change log."""
        return {
            "file": self.file,
            "kind": self.kind,
            "rows_read": self.rows_read,
            "rows_loaded": self.rows_loaded,
            "rows_rejected": self.rows_rejected,
            "rejected": dict(self.rejected),
            "notes": list(self.notes),
        }

    def line(self) -> str:
        """One line for people."""
        text = f"{self.file}: {self.kind} — {self.rows_read} read, {self.rows_loaded} loaded"
        if self.rows_rejected:
            reasons = "; ".join(f"{n} {reason}" for reason, n in self.rejected.most_common())
            text += f", {self.rows_rejected} rejected ({reasons})"
        return text + "".join(f"; {note}" for note in self.notes)

"""The place: which districts are local and which regional (the regional tier always includes the local)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import duckdb

from anchorspend import db
from anchorspend.geo.codes import GSS_CODE, NOT_DISTRICT
from anchorspend.geo.report import GeoFileError


class PlaceError(GeoFileError):
    """A place that cannot be set, said in one line."""


@dataclass(frozen=True)
class Place:
    """Where "local" is: two tiers of GSS district codes."""

    name: str
    local: tuple[str, ...]
    regional: tuple[str, ...]
    is_fictional: bool = False
    notes: tuple[str, ...] = field(default=(), compare=False)  # what set_place changed on the way in

    def as_dict(self) -> dict[str, object]:
        """Plain data for --json."""
        return {
            "name": self.name,
            "local": list(self.local),
            "regional": list(self.regional),
            "is_fictional": self.is_fictional,
        }


def parse_codes(text: str | Iterable[str] | None) -> tuple[str, ...]:
    """'E07000123, e07000117' or a list of codes -> ('E07000117', 'E07000123'), unique and sorted."""
    if text is None:
        return ()
    parts = text.split(",") if isinstance(text, str) else list(text)
    return tuple(sorted({p.strip().upper() for p in parts if p and p.strip()}))


def validate_place(
    con: duckdb.DuckDBPyConnection,
    local: Iterable[str] | str,
    regional: Iterable[str] | str = (),
    name: str | None = None,
) -> Place:
    """A Place checked against the imported districts; the local codes join the regional tier."""
    local_codes, regional_codes = parse_codes(local), parse_codes(regional)
    if not local_codes:
        raise PlaceError("no local district codes given (e.g. --local E07000123)")
    for code in local_codes + regional_codes:
        if not GSS_CODE.match(code):
            raise PlaceError(
                f"{code!r} is not a GSS district code (a letter and eight digits, e.g. E07000123)"
            )
    known = {
        row[0]: row
        for row in db.run_query(
            con, "place_districts_known", codes=list(local_codes + regional_codes)
        ).iter_rows()
    }
    unknown = [c for c in dict.fromkeys(local_codes + regional_codes) if c not in known]
    if unknown:
        count = db.scalar(con, "select count(*) from districts")
        hint = (
            "import LAD boundaries with `anchorspend geo import`"
            if not count
            else f"{count} districts imported"
        )
        named = [
            c + (f" (a {NOT_DISTRICT[c[:3]]}, not a district)" if c[:3] in NOT_DISTRICT else "")
            for c in unknown
        ]
        raise PlaceError(f"unknown district code{'s' * (len(unknown) > 1)} {', '.join(named)} ({hint})")
    added = [c for c in local_codes if c not in regional_codes]
    notes = []
    if added:
        notes.append(f"added the local code{'s' * (len(added) > 1)} {', '.join(added)} to the regional tier")
    no_boundary = [c for c in known if not known[c][3]]
    if no_boundary:
        notes.append(f"no boundary imported for {', '.join(no_boundary)} (maps will not draw it)")
    default_name = " & ".join(known[c][1] for c in local_codes)
    return Place(
        name=(name or "").strip() or default_name,
        local=local_codes,
        regional=tuple(sorted(set(regional_codes) | set(local_codes))),
        is_fictional=any(known[c][2] for c in known),
        notes=tuple(notes),
    )


def set_place(
    con: duckdb.DuckDBPyConnection,
    local: Iterable[str] | str,
    regional: Iterable[str] | str = (),
    name: str | None = None,
) -> Place:
    """Validate and store the place in one transaction (logged); pipeline.refresh then re-locates suppliers."""
    place = validate_place(con, local, regional, name)
    old = get_place(con)
    with db.transaction(con, needs_refresh=True):  # a supplier branched locally is local: locate reads it
        con.execute("delete from place_districts")
        con.execute(
            "insert or replace into place (place_id, name, is_fictional, updated_at) "
            "values (1, $name, $fictional, current_timestamp)",
            {"name": place.name, "fictional": place.is_fictional},
        )
        con.executemany(
            "insert into place_districts values ($1, $2)",
            [("local", c) for c in place.local] + [("regional", c) for c in place.regional],
        )
        db.log_change(con, "place.set", "place", old.as_dict() if old else None, place.as_dict())
    return place


def get_place(con: duckdb.DuckDBPyConnection) -> Place | None:
    """The stored place, or None when none has been set."""
    rows = db.run_query(con, "place_current")
    if rows.is_empty():
        return None
    tiers = {
        tier: tuple(rows.filter(rows["tier"] == tier)["district_code"].to_list())
        for tier in ("local", "regional")
    }
    return Place(rows["name"][0], tiers["local"], tiers["regional"], bool(rows["is_fictional"][0]))


def effective_place(
    con: duckdb.DuckDBPyConnection, local: str | None = None, regional: str | None = None
) -> Place | None:
    """The place an analysis uses: --local/--regional when given (validated), else the stored place."""
    if not local and not regional:
        return get_place(con)
    stored = get_place(con)
    if not local:
        if stored is None:
            raise PlaceError("--regional given without --local, and no place is stored")
        local = ",".join(stored.local)
    return validate_place(con, local, regional or (), None)

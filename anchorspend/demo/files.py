"""Write every file of the demo region to a folder, and a manifest of what loading each must report."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from anchorspend.demo import DemoError, geography
from anchorspend.demo import economy as economy_module
from anchorspend.demo.files_geo import write_geography
from anchorspend.demo.files_registers import write_assumptions, write_contracts, write_register
from anchorspend.demo.files_spend import WRITERS, SpendFile
from anchorspend.demo.files_xlsx import housing_xlsx
from anchorspend.demo.payments import spend_factor
from anchorspend.demo.sectors import ANCHORS
from anchorspend.demo.spend_rows import anchor_lines

WRITTEN = ".anchorspend-demo-files"  # every file a demo wrote, so that the next demo deletes only those
README = """Dogger Vale: a FICTIONAL demo region, made by `anchorspend demo` (seed {seed}, {rows} payments).

Nothing here is real: the districts, wards, postcodes (areas ZX and ZY), deprivation ranks, anchors,
suppliers, company numbers, people and payments are all invented. The files copy the layouts real
publishers use, so that they load through the same importers as real files.
"""


@dataclass
class DemoFiles:
    """Paths of everything written, grouped by the importer that loads them."""

    folder: Path
    geography: list[Path]
    register: Path
    contracts: list[tuple[Path, str]]  # (file, publishing anchor)
    assumptions: Path
    spend: list[SpendFile] = field(default_factory=list)
    local_code: str = ""
    regional_codes: list[str] = field(default_factory=list)
    district_codes: list[str] = field(default_factory=list)  # all of them, the region's and the outer ones

    def manifest(self) -> dict:
        """What was written and what loading each spend file must report (for people and tests)."""
        return {
            "local": self.local_code,
            "regional": self.regional_codes,
            "geography": [p.name for p in self.geography],
            "register": self.register.name,
            "contracts": [p.name for p, _ in self.contracts],
            "assumptions": self.assumptions.name,
            "spend": [asdict(f) | {"path": f.path.name} for f in self.spend],
        }


def write_all(folder: Path, seed: int, scale: int, default_scale: int) -> DemoFiles:
    """Generate the region for a seed and write its files (spend files hold `scale` payments in all)."""
    clear_previous(folder)
    for sub in ("geography", "registers", "spend"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    geo = geography.generate(seed)
    economy = economy_module.generate(seed, geo)
    factor = spend_factor(scale, default_scale)
    files = DemoFiles(
        folder,
        write_geography(folder / "geography", geo),
        write_register(folder / "registers", economy, seed),
        write_contracts(folder / "registers", economy, seed),
        write_assumptions(folder / "registers", economy),
        local_code=geo.local.code,
        regional_codes=geo.region_codes(),
        district_codes=[d.code for d in geo.districts],
    )
    for index, anchor in enumerate(ANCHORS):
        lines = anchor_lines(seed, economy, index, max(12, round(scale * anchor.row_share)), factor)
        writer = housing_xlsx if anchor.layout == "housing_xlsx" else WRITERS[anchor.layout]
        files.spend += writer(folder / "spend", lines)
    (folder / "README.txt").write_text(README.format(seed=seed, rows=scale), encoding="utf-8")
    (folder / "manifest.json").write_text(
        json.dumps(files.manifest(), indent=1, default=str), encoding="utf-8"
    )
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    (folder / WRITTEN).write_text("\n".join(written) + "\n", encoding="utf-8")
    return files


def clear_previous(folder: Path) -> None:
    """Delete what an earlier demo wrote to folder (listed in its WRITTEN file), and nothing else.

    A folder holding anything the demo did not write is refused: the demo never deletes a user's files.
    """
    for name in sorted(check_folder(folder), reverse=True):
        path = folder / name
        if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(folder.resolve()):
            path.unlink()
    for sub in ("geography", "registers", "spend"):
        if (folder / sub).is_dir() and not any((folder / sub).iterdir()):
            (folder / sub).rmdir()


def check_folder(folder: Path) -> set[str]:
    """The files in folder an earlier demo wrote; refused (DemoError) when it holds anything else."""
    if not folder.exists():
        return set()
    if not folder.is_dir():
        raise DemoError(f"{folder} is not a folder")
    listed = folder / WRITTEN
    ours = set(listed.read_text(encoding="utf-8").split("\n")) if listed.is_file() else earlier_demo(folder)
    ours = (ours - {""}) | {WRITTEN}
    theirs = sorted(
        name for p in folder.rglob("*") if not p.is_dir() and (name := str(p.relative_to(folder))) not in ours
    )
    if theirs:
        raise DemoError(
            f"{folder} holds files the demo did not write ({theirs[0]}"
            + (f" and {len(theirs) - 1} more" if len(theirs) > 1 else "")
            + "): give an empty or new --folder"
        )
    return ours


def earlier_demo(folder: Path) -> set[str]:
    """The files a demo written before WRITTEN existed holds, from its README and manifest (else none)."""
    readme, manifest = folder / "README.txt", folder / "manifest.json"
    try:
        if not readme.read_text(encoding="utf-8").startswith(README[:40]):
            return set()
        listed = json.loads(manifest.read_text(encoding="utf-8"))
        return {
            "README.txt",
            "manifest.json",
            *(f"geography/{name}" for name in listed["geography"]),
            f"registers/{listed['register']}",
            f"registers/{listed['assumptions']}",
            *(f"registers/{name}" for name in listed["contracts"]),
            *(f"spend/{item['path']}" for item in listed["spend"]),
        }
    except (OSError, ValueError, KeyError, TypeError):
        return set()

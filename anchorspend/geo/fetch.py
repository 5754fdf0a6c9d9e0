"""`geo fetch`: download a geography pack from its official publishers into a folder (never required)."""

from __future__ import annotations

import json
import shutil
import urllib.parse
import zipfile
from pathlib import Path

from anchorspend.files.download import open_url
from anchorspend.files.errors import FileRefused
from anchorspend.geo.report import GeoFileError

ONS_FEATURES = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
QUERY_ALL = "FeatureServer/0/query?where=1%3D1&outSR=4326&f=geojson"
# Where each kind of file is published. Editions change: override any of these with --url KIND=URL or a
# JSON file of {kind: url} (--sources), e.g. to take the newest NSPL from geoportal.statistics.gov.uk.
DEFAULT_SOURCES = {
    "districts": f"{ONS_FEATURES}/Local_Authority_Districts_December_2023_Boundaries_UK_BUC/"
    f"{QUERY_ALL}&outFields=LAD23CD,LAD23NM,LONG,LAT",
    "wards": f"{ONS_FEATURES}/Wards_December_2023_Boundaries_UK_BSC/{QUERY_ALL}&outFields=WD23CD,WD23NM",
    "small_areas": f"{ONS_FEATURES}/LSOA_Dec_2011_Boundaries_Super_Generalised_Clipped_BSC_EW_V3/"
    f"{QUERY_ALL}&outFields=LSOA11CD,LSOA11NM",
    "postcodes": "https://www.arcgis.com/sharing/rest/content/items/80592949bebd4390b2cbe29159a75ef4/data",
    "deprivation": "https://assets.publishing.service.gov.uk/media/5dc407b440f0b6379a7acc8d/"
    "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv",
}
FILE_NAMES = {
    "districts": "districts.geojson",
    "wards": "wards.geojson",
    "small_areas": "small_areas.geojson",
    "postcodes": "postcodes.download",
    "deprivation": "imd2019.csv",
}


def sources_from(overrides: list[str] | None = None, sources_file: Path | None = None) -> dict[str, str]:
    """The URL of each kind: defaults, then a JSON file's, then KIND=URL overrides."""
    sources = dict(DEFAULT_SOURCES)
    if sources_file is not None:
        try:
            loaded = json.loads(sources_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise GeoFileError(f"{sources_file}: not a JSON object of kind -> URL ({exc})") from exc
        if not isinstance(loaded, dict):
            raise GeoFileError(f"{sources_file}: not a JSON object of kind -> URL")
        sources.update({str(k): str(v) for k, v in loaded.items()})
    for item in overrides or []:
        kind, sep, url = item.partition("=")
        if not sep or not url:
            raise GeoFileError(f"--url {item!r}: write it as KIND=URL, e.g. districts=https://...")
        sources[kind.strip()] = url.strip()
    unknown = sorted(set(sources) - set(DEFAULT_SOURCES))
    if unknown:
        raise GeoFileError(f"unknown kind {', '.join(unknown)}; kinds are {', '.join(DEFAULT_SOURCES)}")
    return sources


def _open(url: str, timeout: float):  # noqa: ANN202 (an http.client response)
    """Open a URL by the one downloader (files.download), its one-line failures as geography errors."""
    try:
        return open_url(url, timeout, offline="import files with `anchorspend geo import`")
    except FileRefused as exc:
        raise GeoFileError(str(exc)) from exc


def _with_offset(url: str, offset: int) -> str:
    parts = urllib.parse.urlsplit(url)
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k != "resultOffset"]
    query.append(("resultOffset", str(offset)))
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def download_features(url: str, target: Path, timeout: float) -> Path:
    """Download an ArcGIS feature query as one GeoJSON file, following its pages (a few thousand per page)."""
    features: list[dict] = []
    page_url = url
    while True:
        with _open(page_url, timeout) as response:
            try:
                page = json.load(response)
            except ValueError as exc:
                raise GeoFileError(f"{url}: the answer is not GeoJSON") from exc
        if not isinstance(page, dict) or "features" not in page:
            raise GeoFileError(f"{url}: the answer is not a GeoJSON FeatureCollection ({str(page)[:80]})")
        features.extend(page["features"])
        more = page.get("exceededTransferLimit") or (page.get("properties") or {}).get(
            "exceededTransferLimit"
        )
        if not more or not page["features"]:
            break
        page_url = _with_offset(url, len(features))
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return target


def download_file(url: str, target: Path, timeout: float) -> Path:
    """Download a file as it is; a zip (NSPL) is unpacked to its main CSV."""
    with _open(url, timeout) as response, target.open("wb") as out:
        shutil.copyfileobj(response, out, length=1 << 20)
    if not zipfile.is_zipfile(target):
        return target
    with zipfile.ZipFile(target) as archive:
        csvs = [
            m
            for m in archive.infolist()
            if m.filename.lower().endswith(".csv") and "multi_csv" not in m.filename
        ]
        if not csvs:
            raise GeoFileError(f"{url}: a zip archive without a CSV in it")
        main = max(csvs, key=lambda m: m.file_size)  # NSPL: Data/NSPL_<MON>_<YYYY>_UK.csv, the biggest
        extracted = target.with_name(Path(main.filename).name)
        with archive.open(main) as source, extracted.open("wb") as out:
            shutil.copyfileobj(source, out, length=1 << 20)
    target.unlink()
    return extracted


def fetch(
    folder: Path, sources: dict[str, str], kinds: list[str] | None = None, timeout: float = 60.0
) -> list[Path]:
    """Download the chosen kinds (default all) into folder; return the files to import."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in kinds or list(sources):
        if kind not in sources:
            raise GeoFileError(f"unknown kind {kind!r}; kinds are {', '.join(sources)}")
        url, target = sources[kind], folder / FILE_NAMES[kind]
        is_query = "/query" in urllib.parse.urlsplit(url).path and "f=geojson" in url.lower()
        paths.append(
            download_features(url, target, timeout) if is_query else download_file(url, target, timeout)
        )
    return paths

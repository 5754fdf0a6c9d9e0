"""The demo region's geography: districts, wards, small areas, postcodes and deprivation, all invented.

The region sits on the Dogger Bank in the North Sea, so no generated boundary can be mistaken for a real place
on a street map. Codes have the real GSS prefixes (so the real importers accept them: E06 districts, E05
wards, E01 small areas, E00 output areas) but numbers from 999001 up, a range ONS has never reached
(real codes run to
about E06000066, E05015000, E01035000), so they cannot clash. Postcodes use the areas ZX and ZY, which are not
UK postcode areas but have the shape of one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, box
from shapely.geometry.base import BaseGeometry, BaseMultipartGeometry

REGION_BOX = (1.4, 54.45, 2.6, 55.05)  # lon/lat of the five region districts
OUTER_BOX = (0.4, 53.95, 3.6, 55.55)  # the fictional rest of the country around them
REGION_DISTRICTS = ("Fennmouth", "Quillbridge", "Marrowdale", "Thistlecombe", "Brackenholt")
OUTER_DISTRICTS = ("Greymarket", "Lowmarsh", "Harrowmere", "Caddenford", "Wyndlecross")
WARD_WORDS = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Old Town",
    "Harbour",
    "Mill",
    "Castle",
    "Green",
    "Park",
    "Moor",
    "Riverside",
    "Hill",
    "Vale",
    "Bridge",
    "Common",
    "Cross",
    "Fields",
    "Heath",
    "Marsh",
    "Wood",
)
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters real inward codes use
NATIONAL_RANKS = 32_844  # IMD 2019 ranks 1 (most deprived) .. 32,844 across England's LSOAs


@dataclass
class SmallArea:
    """An LSOA-like small area inside one ward."""

    code: str
    name: str
    ward_code: str
    district_code: str
    geometry: Polygon
    imd_rank: int
    imd_decile: int
    postcodes: list[str] = field(default_factory=list)


@dataclass
class Ward:
    """An electoral ward inside one district."""

    code: str
    name: str
    district_code: str
    geometry: BaseGeometry  # a Voronoi cell clipped to the region: usually one polygon, sometimes pieces


@dataclass
class District:
    """A local-authority district; in_region says whether it is one of the five of Dogger Vale."""

    code: str
    name: str
    geometry: Polygon
    in_region: bool
    postcodes: list[str] = field(default_factory=list)


@dataclass
class Postcode:
    """One postcode unit with its place in the geography (NSPL-like)."""

    postcode: str
    district_code: str
    ward_code: str
    lsoa_code: str
    lat: float
    lon: float
    terminated: bool = False


@dataclass
class Geography:
    """Everything the geography pack holds."""

    districts: list[District]
    wards: list[Ward]
    small_areas: list[SmallArea]
    postcodes: dict[str, Postcode]

    @property
    def local(self) -> District:
        """The local tier: the first region district."""
        return self.districts[0]

    def region_codes(self) -> list[str]:
        """The regional tier: the five region districts."""
        return [d.code for d in self.districts if d.in_region]


def _voronoi_cells(points: np.ndarray, extent: BaseGeometry) -> list[BaseGeometry]:
    """Voronoi cells of points clipped to extent, in the order of the points."""
    cells = shapely.voronoi_polygons(shapely.MultiPoint([tuple(p) for p in points]), extend_to=extent)
    by_point: list[BaseGeometry | None] = [None] * len(points)
    for cell in cells.geoms:
        for i, p in enumerate(points):
            if by_point[i] is None and cell.contains(Point(p)):
                by_point[i] = cell.intersection(extent)
                break
    return [c for c in by_point if c is not None]


def _jittered_grid(rng: np.random.Generator, bounds: tuple[float, ...], nx: int, ny: int) -> np.ndarray:
    """nx*ny points, one per grid cell, jittered, so Voronoi cells have reasonable shapes."""
    x0, y0, x1, y1 = bounds
    dx, dy = (x1 - x0) / nx, (y1 - y0) / ny
    points = [
        (x0 + (i + 0.15 + 0.7 * rng.random()) * dx, y0 + (j + 0.15 + 0.7 * rng.random()) * dy)
        for j in range(ny)
        for i in range(nx)
    ]
    return np.round(np.array(points), 6)


def _points_inside(rng: np.random.Generator, polygon: BaseGeometry, n: int) -> list[tuple[float, float]]:
    """n random points inside polygon (rejection sampling in its bounding box)."""
    x0, y0, x1, y1 = polygon.bounds
    points: list[tuple[float, float]] = []
    while len(points) < n:
        x, y = x0 + (x1 - x0) * rng.random(), y0 + (y1 - y0) * rng.random()
        if polygon.contains(Point(x, y)):
            points.append((round(x, 6), round(y, 6)))
    return points


def _region_districts(rng: np.random.Generator) -> tuple[list[District], list[Ward]]:
    """Forty wards from a Voronoi tessellation, grouped into five contiguous districts."""
    region = box(*REGION_BOX)
    x0, y0, x1, y1 = REGION_BOX
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # The local district sits in the middle; the others around it, so each is one piece.
    seeds = [(cx, cy)] + [
        (cx + 0.33 * (x1 - x0) * math.cos(a), cy + 0.33 * (y1 - y0) * math.sin(a))
        for a in (0.6, 2.2, 3.8, 5.2)
    ]
    seeds_arr = np.array(seeds)
    ward_points = _jittered_grid(rng, REGION_BOX, 8, 5)
    cells = _voronoi_cells(ward_points, region)
    # The local district's pull is stronger, so it gets about ten wards, like a real borough.
    pull = np.array([0.55, 1.0, 1.0, 1.0, 1.0])
    owner = [int(np.argmin(np.sqrt(((seeds_arr - p) ** 2).sum(axis=1)) * pull)) for p in ward_points]
    owner = _contiguous(owner, cells, len(seeds))
    districts: list[District] = []
    wards: list[Ward] = []
    for d, name in enumerate(REGION_DISTRICTS):
        code = f"E06{999_000 + d + 1}"
        members = [i for i, o in enumerate(owner) if o == d]
        shape = shapely.union_all([cells[i] for i in members]).buffer(0)
        districts.append(District(code, name, _one_polygon(shape), True))
        words = list(rng.permutation(WARD_WORDS))
        for k, i in enumerate(sorted(members, key=lambda i: (-ward_points[i][1], ward_points[i][0]))):
            wards.append(Ward(f"E05{999_000 + len(wards) + 1}", f"{name} {words[k]}", code, cells[i]))
    return districts, wards


def _contiguous(owner: list[int], cells: list[BaseGeometry], n: int) -> list[int]:
    """Move wards cut off from the rest of their district to the neighbour they share most border with."""
    owner = list(owner)
    for _ in range(len(cells)):
        moved = False
        for d in range(n):
            members = [i for i, o in enumerate(owner) if o == d]
            shape = shapely.union_all([cells[i] for i in members]).buffer(0)
            if shape.geom_type == "Polygon":
                continue
            main = max(shape.geoms, key=lambda g: g.area)
            for i in members:
                if not cells[i].intersects(main.buffer(-1e-9)):
                    border = {
                        o: cells[i].intersection(cells[j]).length
                        for j, o in enumerate(owner)
                        if o != d and cells[i].touches(cells[j])
                    }
                    owner[i] = max(border, key=border.get)
                    moved = True
        if not moved:
            return owner
    return owner


def _one_polygon(shape: BaseGeometry) -> Polygon:
    """The largest piece of a shape (unions of touching cells are one polygon; this guards rounding)."""
    if isinstance(shape, Polygon):
        return shape
    if not isinstance(shape, BaseMultipartGeometry):
        raise ValueError(f"expected a polygon or its pieces, got a {shape.geom_type}")
    return max((g for g in shape.geoms if isinstance(g, Polygon)), key=lambda g: g.area)


def _outer_districts() -> list[District]:
    """Five large districts around the region: the (fictional) rest of the country, home of national firms."""
    ring = box(*OUTER_BOX).difference(box(*REGION_BOX))
    x0, y0, x1, y1 = REGION_BOX
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    far = 10.0
    districts = []
    for k, name in enumerate(OUTER_DISTRICTS):
        a0, a1 = 2 * math.pi * k / 5 + 0.3, 2 * math.pi * (k + 1) / 5 + 0.3
        wedge = Polygon(
            [(cx, cy)]
            + [
                (cx + far * math.cos(a0 + (a1 - a0) * t / 8), cy + far * math.sin(a0 + (a1 - a0) * t / 8))
                for t in range(9)
            ]
        )
        districts.append(
            District(f"E06{999_000 + k + 6}", name, _one_polygon(wedge.intersection(ring)), False)
        )
    return districts


def _deprivation_decile(rng: np.random.Generator, district_index: int, distance: float) -> int:
    """A decile for a small area: deprived cores in the local district and one other, affluent edges."""
    base = {0: 1.0, 1: 5.5, 2: 4.0, 3: 6.5, 4: 3.0}[district_index]
    score = base + 7.0 * distance + rng.normal(0, 1.3)  # distance from the centre, 1 = the district's edge
    return int(min(10, max(1, round(score))))


def _small_areas(rng: np.random.Generator, districts: list[District], wards: list[Ward]) -> list[SmallArea]:
    """Four to six small areas per ward, each with an IMD-like rank and decile."""
    areas: list[SmallArea] = []
    per_district: dict[str, int] = {}
    for ward in wards:
        district_index = next(i for i, d in enumerate(districts) if d.code == ward.district_code)
        district = districts[district_index]
        n = int(rng.integers(4, 7))
        seeds = np.array(_points_inside(rng, ward.geometry, n))
        cells = _voronoi_cells(seeds, ward.geometry)
        for cell in cells:
            cell = _one_polygon(cell.buffer(0))
            k = per_district.get(district.code, 0)
            per_district[district.code] = k + 1
            centre = district.geometry.centroid
            radius = shapely.hausdorff_distance(centre, district.geometry.exterior)
            decile = _deprivation_decile(rng, district_index, cell.centroid.distance(centre) / radius)
            step = NATIONAL_RANKS / 10
            rank = int(rng.integers(int((decile - 1) * step) + 1, int(decile * step) + 1))
            name = f"{district.name} {k // 4 + 1:03d}{'ABCD'[k % 4]}"
            areas.append(
                SmallArea(
                    f"E01{999_000 + len(areas) + 1}", name, ward.code, district.code, cell, rank, decile
                )
            )
    return areas


def _postcodes(
    rng: np.random.Generator,
    geo_districts: list[District],
    wards: list[Ward],
    areas: list[SmallArea],
    per_area: int,
) -> dict[str, Postcode]:
    """Postcodes inside each small area (area ZX) and in the outer districts (area ZY)."""
    postcodes: dict[str, Postcode] = {}
    outcode_of_ward = {w.code: f"ZX{i + 1}" for i, w in enumerate(wards)}
    used: set[str] = set()

    def new_code(outcode: str) -> str:
        while True:
            letters = "".join(rng.choice(list(INWARD_LETTERS), size=2))
            code = f"{outcode} {rng.integers(1, 10)}{letters}"
            if code not in used:
                used.add(code)
                return code

    for area in areas:
        for lon, lat in _points_inside(rng, area.geometry, per_area):
            pc = Postcode(
                new_code(outcode_of_ward[area.ward_code]),
                area.district_code,
                area.ward_code,
                area.code,
                lat,
                lon,
                terminated=bool(rng.random() < 0.03),
            )
            postcodes[pc.postcode] = pc
            if not pc.terminated:
                area.postcodes.append(pc.postcode)
    for k, district in enumerate(geo_districts):
        if district.in_region:
            district.postcodes = [
                p.postcode
                for p in postcodes.values()
                if p.district_code == district.code and not p.terminated
            ]
            continue
        for lon, lat in _points_inside(rng, district.geometry, per_area * 12):
            pc = Postcode(new_code(f"ZY{k - 4}"), district.code, "", "", lat, lon)
            postcodes[pc.postcode] = pc
            district.postcodes.append(pc.postcode)
    return postcodes


def generate(seed: int, postcodes_per_area: int = 12) -> Geography:
    """The whole demo geography for a seed."""
    rng = np.random.default_rng([seed, 1])
    districts, wards = _region_districts(rng)
    districts += _outer_districts()
    areas = _small_areas(rng, districts, wards)
    postcodes = _postcodes(rng, districts, wards, areas, postcodes_per_area)
    return Geography(districts, wards, areas, postcodes)

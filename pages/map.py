"""Map: spend by supplier district, by ward/LSOA with deprivation, suppliers and opportunities."""

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.charts.maps import OFFLINE, STREETS, licence_for
from anchorspend.metrics.sectors import SECTIONS, section_name
from anchorspend.present.empty import NO_PAYMENTS
from anchorspend.present.place import NO_PLACE

SECTION_NAMES = {letter: f"{letter} {section_name(letter)}" for letter in SECTIONS}
PLAIN_SECTIONS = {letter: str(section_name(letter)) for letter in SECTIONS}  # a room reads no letter codes
TYPE_NAMES = {"sme": "SME", "vcse": "VCSE", "large": "Large", "public": "Public body", "unknown": "Unknown"}
OPPORTUNITY_COLOURS = {
    "Shared, local": charts.PALETTE[0],
    "Shared, not local": charts.PALETTE[3],
    "Leaking, local capacity exists": charts.PALETTE[1],
    "Leaking": charts.PALETTE[4],
}


def main() -> None:
    filters = ui.filters()
    ui.page_header("Map", filters, plain="Where the money goes")
    if filters.date_from is None:
        st.info(NO_PAYMENTS)
        return
    local, regional = ui.tiers(filters)
    # Street tiles come from the internet: offered only where a deployment allows it (the app is offline else).
    streets = bool(ui.secret("allow_street_tiles", False)) and st.toggle(
        "Street map underneath (needs internet)", key="map_streets"
    )
    style = STREETS if streets else OFFLINE
    place = ui.place()
    licence = licence_for(bool(place and place.is_fictional))
    districts = ui.shapes("district")
    # Only the open tab draws its map (each is a WebGL map: four at once made the page slow to show);
    # the open tab is in the URL too, so a shared link opens on the same map.
    region, inside, suppliers, together = st.tabs(
        ["Across the region", "Inside the local area", "Suppliers", "Collaboration"],
        key="map_view",
        on_change="rerun",
        bind="query-params",
    )
    if region.open:
        with region, ui.guard("The district map"):
            spend = ui.spend_by_district(filters).select(
                "district_code", pl.col("district").alias("name"), pl.col("amount_gbp").alias("spend_gbp")
            )
            ui.chart(charts.district_map(districts, spend, local, regional, style, licence), key="district_map")
    if inside.open:
        with inside, ui.guard("The local map"):
            _inside(filters, local, style, licence)
    if suppliers.open:
        with suppliers, ui.guard("The supplier map"):
            sector = "Sector" if ui.workshop() else "Sector (SIC section)"
            colour = _choice("Colour by", {"sector": sector, "org_type": "Organisation type"}, "map_colour")
            ui.chart(
                charts.supplier_points_map(_points(filters), colour, districts, local, style=style, licence=licence),
                key="points_map",
            )
    if together.open:
        with together, ui.guard("The collaboration map"):
            _collaboration(filters, _points(filters), districts, local, style, licence)
    # each map carries its own licence line (charts.maps.with_licence): said once, under the map
    st.caption(
        "Street tiles © OpenStreetMap contributors."
        if style == STREETS
        else "The base map is blank so that it works offline."
    )


def _choice(label: str, options: dict[str, str], key: str) -> str:
    """A horizontal radio of options (value -> label); the first when nothing is chosen."""
    return st.radio(label, list(options), horizontal=True, key=key, format_func=options.get) or next(
        iter(options)
    )


def _points(filters) -> pl.DataFrame:
    """Located suppliers paid in scope (metrics.supplier_points), with display columns for the map."""
    points = ui.supplier_points(filters)
    return points.with_columns(
        pl.col("supplier").alias("name"),
        pl.col("amount_gbp").cast(pl.Float64).alias("spend_gbp"),
        pl.col("sic_section")
        .replace_strict(PLAIN_SECTIONS if ui.workshop() else SECTION_NAMES, default="unknown")
        .alias("sector"),
        pl.col("org_type").replace(TYPE_NAMES),
    )


def _inside(filters, local: tuple[str, ...], style: str, licence: str) -> None:
    """Spend by ward or small area inside the local tier, with the most deprived small areas outlined."""
    if not local:
        st.info(NO_PLACE)  # nothing is inside the local area until a place says where it is
        return
    room = ui.workshop()  # a room reads no codes: the measures' names are for officers
    level = _choice("Areas", {"ward": "Wards", "small_area": "Small areas" + ("" if room else " (LSOA)")}, "map_level")
    colour_by = _choice(
        "Colour by",
        {"spend": "Spend with suppliers there", "imd": "Deprivation" + ("" if room else " (IMD 2019)")},
        "map_area_colour",
    )
    shapes = ui.shapes(level, local)
    small_areas = shapes if level == "small_area" else ui.shapes("small_area", local)
    imd = {f["id"]: f["properties"].get("imd_decile") for f in small_areas["features"]}
    deprived = sorted(code for code, decile in imd.items() if decile is not None and decile <= 2)
    if level == "ward":
        spend = ui.spend_by_ward(filters).select(
            pl.col("ward_code").alias("code"), "amount_gbp"
        )
    else:
        spend = ui.spend_by_lsoa(filters).select(
            pl.col("lsoa_code").alias("code"), "amount_gbp"
        )
    frame = pl.DataFrame(
        [
            {"code": f["id"], "name": f["properties"].get("name") or f["id"], "imd_decile": imd.get(f["id"])}
            for f in shapes["features"]
        ],
        schema={"code": pl.String, "name": pl.String, "imd_decile": pl.Int64},
    ).join(
        spend.drop_nulls("code").select("code", pl.col("amount_gbp").cast(pl.Float64).alias("spend_gbp")),
        on="code",
        how="left",
    )
    if level == "ward":
        frame = frame.drop("imd_decile")
    outlined = [f for f in small_areas["features"] if f["id"] in set(deprived)] if level == "ward" else []
    overlay = {"type": "FeatureCollection", "features": shapes["features"] + outlined}
    if colour_by == "imd" and level == "ward":
        st.caption("Deprivation is published for small areas: choose Small areas to colour by it.")
    label = "small area" if level == "small_area" else "ward"
    ui.chart(charts.area_map(overlay, frame, deprived, colour_by, label, style, licence), key="area_map")


def _collaboration(filters, points: pl.DataFrame, districts: dict, local, style: str, licence: str) -> None:
    """Shared and leaking suppliers where they are, coloured by the kind of opportunity."""
    numbers = ui.compute(filters)
    if ui.no_place(numbers):  # which suppliers are local, or leaking, needs a place
        return
    capacity = {r["sector"] for r in numbers.get("leakage_by_sector") or [] if r.get("addressable")}
    kinds = points.with_columns(
        pl.when(pl.col("is_shared") & (pl.col("tier") == "local"))
        .then(pl.lit("Shared, local"))
        .when(pl.col("is_shared"))
        .then(pl.lit("Shared, not local"))
        .when(pl.col("is_leaking") & pl.col("sic_division").is_in(sorted(capacity)))
        .then(pl.lit("Leaking, local capacity exists"))
        .otherwise(None)
        .alias("opportunity")
    ).filter(pl.col("opportunity").is_not_null())
    st.caption(
        "Suppliers paid by two or more anchors, and suppliers outside the region in sectors where local "
        "firms exist (addressable leakage)."
    )
    ui.chart(
        charts.supplier_points_map(
            kinds, "opportunity", districts, local, OPPORTUNITY_COLOURS, style, licence
        ),
        key="collab_map",
    )


ui.run(main)

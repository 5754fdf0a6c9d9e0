"""Map: spend by supplier district across the region, by ward/LSOA with deprivation, suppliers and opportunities."""

import polars as pl
import streamlit as st

from anchorspend import charts, ui
from anchorspend.charts.maps import LICENCE

TYPE_NAMES = {"sme": "SME", "vcse": "VCSE", "large": "Large", "public": "Public body", "unknown": "unknown"}


def main() -> None:
    filters = ui.filters()
    ui.page_header("Map", filters, plain="Where the money goes")
    if filters.date_from is None:
        st.info("No payments loaded yet.")
        return
    local, regional = ui.tiers(filters)
    params = {"date_from": filters.date_from, "date_to": filters.date_to, "anchors": list(filters.anchors)}
    districts = ui.shapes("district")
    region, inside, suppliers, together = st.tabs(
        ["Across the region", "Inside the local area", "Suppliers", "Collaboration"])
    with region, ui.guard("The district map"):
        spend = ui.query("ui_spend_by_district", **params)
        ui.chart(charts.district_map(districts, spend, local, regional), key="district_map")
    with inside, ui.guard("The local map"):
        _inside(params, local)
    points = ui.private(ui.query("ui_supplier_points", **params), "name")
    with suppliers, ui.guard("The supplier map"):
        colour = st.radio("Colour by", ["sector", "org_type"], horizontal=True, key="map_colour",
                          format_func={"sector": "Sector (SIC section)", "org_type": "Organisation type"}.get)
        shown = points.with_columns(pl.col("org_type").replace(TYPE_NAMES)) if colour == "org_type" else points
        ui.chart(charts.supplier_points_map(shown, colour or "sector", districts, local), key="points_map")
    with together, ui.guard("The collaboration map"):
        _collaboration(filters, points, districts, local, regional)
    st.caption(LICENCE + ". The base map is blank so that it works offline.")


def _inside(params: dict, local: tuple[str, ...]) -> None:
    """Spend by ward or LSOA inside the local tier, with the most deprived areas outlined."""
    if not local:
        st.info("Set the local tier in the sidebar (Place) to map inside it.")
        return
    level = st.radio("Areas", ["ward", "lsoa"], horizontal=True, key="map_level",
                     format_func={"ward": "Wards", "lsoa": "Small areas (LSOA)"}.get) or "ward"
    colour_by = st.radio("Colour by", ["spend", "imd"], horizontal=True, key="map_area_colour",
                         format_func={"spend": "Spend with suppliers there", "imd": "Deprivation (IMD 2019)"}.get)
    shapes = ui.shapes(level, local)
    spend = ui.query("ui_spend_by_area", districts=list(local), **params).filter(pl.col("level") == level)
    imd = ui.query("ui_deprivation", districts=list(local))
    names = pl.DataFrame([{"code": f["id"], "name": f["properties"]["name"]} for f in shapes["features"]],
                         schema={"code": pl.String, "name": pl.String})
    frame = names.join(spend.select("code", "spend_gbp"), on="code", how="left")
    if level == "lsoa" and not imd.is_empty():
        frame = frame.join(imd.select(pl.col("lsoa_code").alias("code"), "imd_decile"), on="code", how="left")
    deprived = imd.filter(pl.col("imd_decile") <= 2)["lsoa_code"].to_list() if not imd.is_empty() else []
    deprived_shapes = shapes if level == "lsoa" else ui.shapes("lsoa", local)
    overlay = {"type": "FeatureCollection", "features": shapes["features"] + [
        f for f in deprived_shapes["features"] if f["id"] in set(deprived) and level != "lsoa"]}
    if colour_by == "imd" and level != "lsoa":
        st.caption("Deprivation is published for small areas: choose Small areas (LSOA) to colour by it.")
    ui.chart(charts.area_map(overlay, frame, deprived, colour_by or "spend", level), key="area_map")


def _collaboration(filters, points: pl.DataFrame, districts: dict, local, regional) -> None:
    """Shared and leaking suppliers where they are, coloured by the kind of opportunity."""
    numbers = ui.compute(filters)
    shared = {s["supplier"] for s in numbers.get("shared_suppliers") or []}
    capacity = set(points.filter(pl.col("district_code").is_in(list(local)))["sic_division"].drop_nulls())
    kinds = points.with_columns(
        pl.when(pl.col("name").is_in(list(shared)) & pl.col("district_code").is_in(list(local)))
        .then(pl.lit("Shared, local"))
        .when(pl.col("name").is_in(list(shared)))
        .then(pl.lit("Shared, not local"))
        .when(~pl.col("district_code").is_in(list(regional)) & pl.col("sic_division").is_in(list(capacity)))
        .then(pl.lit("Leaking, local capacity exists"))
        .otherwise(None)
        .alias("opportunity")
    ).filter(pl.col("opportunity").is_not_null())
    colours = {"Shared, local": charts.PALETTE[0], "Shared, not local": charts.PALETTE[3],
               "Leaking, local capacity exists": charts.PALETTE[1]}
    st.caption("Suppliers paid by two or more anchors, and non-local suppliers in sectors where local firms exist.")
    ui.chart(charts.supplier_points_map(kinds, "opportunity", districts, local, colours), key="collab_map")


ui.run(main)

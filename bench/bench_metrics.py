"""Every query a dashboard page runs, warm, on a generated store, beside a bare DuckDB SUM ... GROUP BY.

Generates N payments (default 10 million) straight into a store with DuckDB SQL: 6 anchors of very different
sizes, 100k suppliers (with locations, sectors, types), 3 financial years, one file per anchor-month, skewed
supplier popularity, 2% redacted payees, some non-influenceable expense types. Then builds the metrics summary
(the pipeline step) and times each query as the median of several warm runs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from anchorspend import db
from anchorspend.metrics import Scope, compute, payments
from anchorspend.metrics.facts import refresh

ROWS = 10_000_000
SUPPLIERS = 100_000
ALIASES = 120_000  # some suppliers are written several ways
RUNS = 5
LOCAL = ["E08000006"]  # one local district
REGIONAL = (
    LOCAL + [f"E0800000{i}" for i in range(1, 6)] + ["E08000007", "E08000008", "E08000009", "E08000010"]
)

GENERATE = [
    """insert into anchors (anchor_id, name, kind) values
        (1, 'Big City Council', 'council'), (2, 'City Hospitals NHS Trust', 'nhs'), (3, 'County ICB', 'nhs'),
        (4, 'City University', 'education'), (5, 'Police and Crime Commissioner', 'police'),
        (6, 'Homes Housing Association', 'housing')""",
    # one file per anchor-month over three financial years
    """insert into source_files (file_id, anchor_id, name, sha256, period_from, period_to, rows_read, rows_loaded,
        rows_rejected, blank_rows, amount_total, amount_basis)
       select row_number() over () as file_id, a.anchor_id, 'spend_' || a.anchor_id || '_' || m::date || '.csv',
           md5(a.anchor_id || m::varchar), m::date, last_day(m)::date, 0, 0, 0, 0, 0, 'net'
       from range(1, 7) as a (anchor_id),
           unnest(generate_series(date '2022-04-01', date '2025-03-01', interval 1 month)) as t (m)""",
    # suppliers: 25% local, 20% elsewhere in the region, 45% outside, 10% unknown location
    """insert into suppliers (supplier_id, name, name_key, org_type, sic_division, sic_section, district_code,
        ward_code, lsoa_code, lat, lon, location_evidence)
       select i, 'Supplier ' || i, 'supplier ' || i,
           case when i % 20 = 0 then 'public' when i % 9 = 0 then 'vcse' when i % 4 = 0 then 'large'
                when i % 11 = 0 then 'unknown' else 'sme' end,
           lpad((1 + hash(i) % 96)::varchar, 2, '0'),
           chr(65 + (hash(i * 3) % 21)::integer),
           case when u < 0.25 then 'E08000006' when u < 0.45 then 'E0800000' || (1 + hash(i * 7) % 5)::varchar
                when u < 0.90 then 'E0' || (6000001 + hash(i * 5) % 300)::varchar end,
           case when u < 0.25 then 'E05' || (10000 + hash(i) % 20)::varchar end,
           case when u < 0.22 then 'E0100' || (5000 + hash(i) % 150)::varchar end,
           case when u < 0.90 then 53.4 + (hash(i * 13) % 1000) / 2000.0 end,
           case when u < 0.90 then -2.6 + (hash(i * 17) % 1000) / 2000.0 end,
           case when u < 0.90 then 'registered_office' else 'unknown' end
       from (select i, (hash(i * 31) % 10000) / 10000.0 as u from range(1, $suppliers + 1) as t (i))""",
    """insert into supplier_aliases (alias_id, raw_name, supplier_id, is_individual)
       select i, 'SUPPLIER ' || i || ' LTD', 1 + (i - 1) % $suppliers, false from range(1, $aliases + 1) as t (i)
       union all select $aliases + 1, 'REDACTED PERSONAL INFORMATION', null, true""",
    """insert into deprivation (lsoa_code, imd_decile)
       select 'E0100' || (5000 + i)::varchar, 1 + i % 10 from range(0, 150) as t (i)""",
    """insert into place_districts select 'local', unnest($local) union all select 'regional', unnest($regional)""",
    # payments: anchors by size, each buying mostly from its own supplier base (neighbouring anchors overlap, so
    # suppliers are shared), popular suppliers paid often; written month by month like loaded files
    """insert into payments (payment_id, anchor_id, file_id, row_number, paid_on, amount_gbp, alias_id,
        supplier_raw, expense_type, expense_area, is_redacted)
       select i, p.anchor_id, f.file_id, i, paid_on, amount, alias_id,
           case when redacted then 'REDACTED PERSONAL INFORMATION' else 'SUPPLIER ' || alias_id || ' LTD' end,
           expense_type, 'Area ' || (hash(i * 5) % 40)::varchar, redacted
       from (
           select *,
               case when redacted then $aliases + 1
                    else 1 + ((anchor_id - 1) * 12000 + floor(base * pow(u, 2))::integer) % $aliases end as alias_id
           from (
               select i, anchor_id,
                   [30000, 20000, 15000, 10000, 8000, 3000][anchor_id] as base,
                   (hash(i * 29) % 1000000) / 1000000.0 as u,
                   (date '2022-04-01' + ((i * 1095) // $rows)::integer) as paid_on,
                   round(exp(5 + 2.2 * ((hash(i * 11) % 10000) / 10000.0 - 0.5) * 3.4), 2)::decimal(18, 2)
                       * case when hash(i * 19) % 50 = 0 then -1 else 1 end as amount,
                   (hash(i * 23) % 100) < 2 as redacted,
                   case hash(i * 37) % 200 when 0 then 'Precept payment' when 1 then 'Pension contributions'
                        else 'Expense type ' || (hash(i * 37) % 200)::varchar end as expense_type
               from (
                   select i, case when s < 0.45 then 1 when s < 0.75 then 2 when s < 0.87 then 3 when s < 0.94 then 4
                                  when s < 0.99 then 5 else 6 end as anchor_id
                   from (select i, (hash(i * 3) % 10000) / 10000.0 as s from range(1, $rows + 1) as t (i))
               )
           )
       ) as p
       join source_files as f on f.anchor_id = p.anchor_id and p.paid_on between f.period_from and f.period_to
       order by p.paid_on, p.anchor_id""",
]

FY = Scope(date_from=dt.date(2024, 4, 1), date_to=dt.date(2025, 3, 31))
# What each page runs: (page, query, extra params). Scope params are added to every scoped query.
PAGE_QUERIES = [
    ("overview", "metrics_spend_by_anchor", {}),
    ("overview", "metrics_spend_by_type", {}),
    ("overview", "metrics_deprived_spend", {}),
    ("overview", "metrics_monthly_trend", {}),
    ("multiplier", "metrics_respend_by_source", {}),
    ("multiplier", "metrics_payroll", None),
    ("leakage", "metrics_sector_anchor_spend", {"leakage_tier": "regional"}),
    ("leakage", "metrics_local_capacity", None),
    ("collaboration", "metrics_supplier_spend", {"leakage_tier": "regional"}),
    ("collaboration", "metrics_fragmentation", {"small_gbp": 25_000}),
    ("collaboration", "metrics_aligned_contracts", None),
    ("map", "metrics_spend_by_district", {}),
    ("map", "metrics_spend_by_ward", {}),
    ("map", "metrics_spend_by_lsoa", {}),
    ("data", "metrics_coverage", None),
]


def timed(run, runs: int = RUNS) -> float:
    """Median milliseconds of `runs` warm runs (after one to warm up)."""
    run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def generate(con, rows: int) -> None:
    """Fill an empty store with `rows` generated payments."""
    values = {"rows": rows, "suppliers": SUPPLIERS, "aliases": ALIASES, "local": LOCAL, "regional": REGIONAL}
    for sql in GENERATE:
        con.execute(sql, {k: v for k, v in values.items() if k in db.query_params(sql)})
    con.execute("checkpoint")


def params_for(con, name: str, extra: dict | None) -> dict:
    """The $params a page binds for one query over the latest financial year."""
    rs = FY.resolve(con)
    if extra is not None:
        return {**rs.params(), **extra}
    return {
        "metrics_payroll": {"date_from": rs.date_from, "date_to": rs.date_to, "anchor_ids": None},
        "metrics_local_capacity": {"local_codes": rs.local_codes},
        "metrics_aligned_contracts": {
            "window_from": dt.date(2025, 9, 30),
            "window_to": dt.date(2027, 3, 31),
            "anchor_ids": None,
        },
        "metrics_coverage": {"date_from": rs.date_from, "date_to": rs.date_to, "anchor_ids": None},
    }[name]


def run(args) -> list[dict]:
    """Generate, refresh, then time the bare baseline and every page query; one result row each."""
    rows = args.rows or ROWS
    folder = Path(tempfile.mkdtemp(prefix="bench_metrics_", dir=Path(__file__).parent / "out"))
    path = folder / "metrics.duckdb"
    results: list[dict] = []
    try:
        con = db.open_store(path)
        started = time.perf_counter()
        generate(con, rows)
        results.append({"step": "generate", "rows": rows, "s": round(time.perf_counter() - started, 1)})
        started = time.perf_counter()
        with db.transaction(con):
            summary = refresh(con)
        results.append(
            {
                "step": "refresh (pipeline step)",
                "summary_rows": summary["summary_rows"],
                "s": round(time.perf_counter() - started, 1),
            }
        )
        con.close()
        con = db.open_store(path, read_only=True)
        bare_sql = "select anchor_id, sum(amount_gbp) from payments group by anchor_id"
        bare = timed(lambda: con.execute(bare_sql).fetchall())
        results.append(
            {
                "query": "bare: SELECT anchor_id, SUM(amount_gbp) FROM payments GROUP BY anchor_id",
                "ms": round(bare, 1),
                "ratio": 1.0,
            }
        )
        for page, name, extra in PAGE_QUERIES:
            params = params_for(con, name, extra)
            ms = timed(lambda name=name, params=params: db.run_query(con, name, **params))
            results.append(
                {
                    "page": page,
                    "query": name,
                    "ms": round(ms, 1),
                    "ratio": round(ms / bare, 1),
                    "under_300ms": ms < 300,
                }
            )
        # the drill-down is two queries (largest row ids on a narrow projection, then those rows): timed as one call
        for label, filters in (
            ("payments(): sector 43 outside the region", {"sic_division": "43", "tiers": ["outside"]}),
            ("payments(): every payment", {}),
        ):
            ms = timed(lambda filters=filters: payments(con, FY, limit=1000, **filters))
            results.append(
                {
                    "page": "drill-down",
                    "query": label,
                    "ms": round(ms, 1),
                    "ratio": round(ms / bare, 1),
                    "under_300ms": ms < 300,
                }
            )
        for label, scope in (
            ("compute() latest FY, with baseline", FY),
            (
                "compute() mid-month period",
                Scope(date_from=dt.date(2024, 4, 15), date_to=dt.date(2024, 10, 14)),
            ),
        ):
            ms = timed(lambda scope=scope: compute(con, scope), runs=3)
            results.append({"query": label, "ms": round(ms, 1), "ratio": round(ms / bare, 1)})
        con.close()
    finally:
        if not getattr(args, "keep", False):
            shutil.rmtree(folder, ignore_errors=True)
    return results

"""HTML and CSS to a tagged, paginated PDF with WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent / "templates"


def css_string(text: object) -> str:
    """Text made safe inside a CSS double-quoted string (running headers)."""
    return str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def environment() -> Environment:
    """The Jinja environment for the report template, escaping HTML."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]))
    env.filters["css"] = css_string
    return env


def render_html(context: dict[str, Any]) -> str:
    """The report as one HTML document."""
    return environment().get_template("report.html.j2").render(**context)


def html_to_pdf(html: str) -> bytes:
    """A PDF/UA tagged PDF (headings, tables, figures with their text alternatives) from the HTML."""
    from weasyprint import CSS, HTML  # heavy: only when a PDF is made

    stylesheet = CSS(filename=str(TEMPLATES / "report.css"))
    return HTML(string=html, base_url=str(TEMPLATES)).write_pdf(
        stylesheets=[stylesheet], pdf_variant="pdf/ua-1", pdf_tags=True
    )

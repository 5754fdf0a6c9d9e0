"""Text from users, files and URLs reaches the page as text, never as Markdown (a link, an image, an icon)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from anchorspend.view import literal

ROOT = Path(__file__).resolve().parent.parent
APP_FILES = sorted([*ROOT.glob("pages/*.py"), *ROOT.glob("anchorspend/ui/*.py")])
# Streamlit calls whose text (first argument, label or help) is rendered as Markdown.
MARKDOWN_CALLS = {
    "markdown",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "title",
    "subheader",
    "header",
    "toast",
    "metric",
    "expander",
    "text_input",
    "selectbox",
    "multiselect",
    "button",
    "toggle",
    "checkbox",
    "radio",
    "download_button",
    "file_uploader",
    "number_input",
    "date_input",
    "form_submit_button",
    "popover",
}
# Values that are the app's own words or numbers, never a user's or a file's text.
OWN_WORDS_CALLS = {"literal", "gbp", "pct", "kind_label", "str", "ceil"}
OWN_WORDS = {
    "item.meaning",
    "item.label",
    "item.plain_label",
    "help_text",
    "plain if plain and workshop() else title",
    "item.plain_label if workshop() else item.label",
    "label",
    "PERIOD_KINDS[kind]",
    "tier",
    "what",
    "source",
    "basis",
    "why",
    "title",
    "licence",
    "limit",
    "end",
    "facts_line(row)",
    "value or 0",
    "layout.header_row",
    "report.file_id",
    "report.replaced_file_id",
    "file_id",
    "anchor_id",
    "months",
    "after",
    "period.label",
    "lines",  # overview: the missing months' list, each anchor through literal() where it is built
    "FIELD_LABELS.get(field, field.replace('_', ' '))",
    "str(lm3.get('label') or 'LM3') if not ui.workshop() else 'Local multiplier'",
}
# A message kept for the next run is escaped where it is written (see the page's st.session_state[...] = ...).
OWN_WORDS_PATTERN = re.compile(r"^st\.session_state\.pop\(")


def _unsafe(node: ast.expr) -> list[str]:
    """The parts of a text argument that may carry someone else's text unescaped."""
    if isinstance(node, ast.Constant) or ast.unparse(node) in OWN_WORDS or OWN_WORDS_PATTERN.match(ast.unparse(node)):
        return []
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        if name in OWN_WORDS_CALLS and not (name == "str" and node.args and _unsafe(node.args[0])):
            return []
    if isinstance(node, ast.JoinedStr):
        return [
            problem
            for part in node.values
            if isinstance(part, ast.FormattedValue) and part.format_spec is None
            for problem in _unsafe(part.value)
        ]
    if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "join" and node.args:
        joined = node.args[0]  # "; ".join(f"..." for ...): what each element is
        element = joined.elt if isinstance(joined, (ast.GeneratorExp, ast.ListComp)) else joined
        return _unsafe(element)
    if isinstance(node, ast.BoolOp):
        return [p for value in node.values for p in _unsafe(value)]
    if isinstance(node, ast.BinOp):
        return _unsafe(node.left) + _unsafe(node.right)
    if isinstance(node, ast.IfExp):
        return _unsafe(node.body) + _unsafe(node.orelse)
    if isinstance(node, ast.List):
        return [p for element in node.elts for p in _unsafe(element)]
    return [ast.unparse(node)]


@pytest.mark.parametrize("path", APP_FILES, ids=lambda p: p.name)
def test_text_shown_as_markdown_escapes_what_it_did_not_write(path: Path) -> None:
    unsafe = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in MARKDOWN_CALLS:
            continue
        texts = node.args[:1] + [k.value for k in node.keywords if k.arg in ("label", "help", "body")]
        unsafe += [f"line {node.lineno}: {part}" for text in texts for part in _unsafe(text)]
    assert not unsafe, f"wrap in view.literal(): {unsafe}"


@pytest.mark.parametrize(
    "text",
    [
        "[Session expired - sign in again](https://evil.example/login)",
        "![t](http://host/track.png)",
        "<img src=x onerror=alert(1)> & <a href='https://evil.example'>x</a>",
        ":red[alarm] :material/warning: $x^2$ **bold** _it_ `code` ~~gone~~",
        "www.evil.example and https://evil.example/a_b and HTTP://x.example",
        "mail alice@evil.example",
        "# heading\n- item\n> quote\n| a | b |",
        "trailing backslash \\",
    ],
)
def test_literal_escapes_every_markdown_character(text: str) -> None:
    escaped = literal(text, lines=True)
    # CommonMark reads a backslash before ASCII punctuation as that character: what is shown is what was typed
    # (with invisible word joiners, U+2060)
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", escaped).replace("  \n", "\n")
    assert shown.replace("\u2060", "") == text
    # no character that starts a link, image, tag, directive or formula is left bare
    assert not re.search(r"(?<!\\)[\[\]()<>!:$*_`~|#]", escaped.replace("  \n", " "))
    # and GFM's bare-link patterns (http://, www., name@host) no longer match what Markdown sees
    assert not re.search(r"(?i)(https?://|www\.|\w@\w)", shown)


def test_literal_keeps_one_line_to_one_line() -> None:
    assert literal("two\nlines") == "two lines" and literal(None) == ""

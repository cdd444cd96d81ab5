"""A body table as WordprocessingML, printed by a template with `{{p value }}`.

docxtpl's row and column loops give every dynamic column the same width; a report's
tables need a wide name column beside narrow count columns, so the table is built here
with widths from the data and the template's table and paragraph styles.
"""

from __future__ import annotations

from ..models.plan import Table
from .inline import Footnotes, Runs, inline

HEAD_STYLE = "KhTableHead"
CELL_STYLE = "KhTableText"
TEXT_WIDTH = 9355  # twips: A4 less 30 mm and 15 mm margins


def _cell(runs: Runs, width: int, style: str, centre: bool) -> str:
    jc = '<w:jc w:val="center"/>' if centre else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{jc}</w:pPr>{runs.xml}</w:p></w:tc>'
    )


def _is_number(text: str) -> bool:
    plain = text.replace(".", "").replace(",", "").replace("%", "").strip()
    return plain.isdigit() or text.strip() in ("-", "—", "x", "?")


def table_xml(table: Table, footnotes: Footnotes | None = None) -> Runs:
    weights = table.widths or [1.0] * len(table.head)
    total = sum(weights)
    widths = [int(TEXT_WIDTH * w / total) for w in weights]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(
        _cell(inline(h, footnotes), w, HEAD_STYLE, True)
        for h, w in zip(table.head, widths, strict=True)
    )
    rows = ["<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>" + head + "</w:tr>"]
    for row in table.rows:
        cells = "".join(
            _cell(inline(text, footnotes), w, CELL_STYLE, _is_number(text) and len(text) < 12)
            for text, w in zip(row, widths, strict=True)
        )
        rows.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>" + cells + "</w:tr>")
    return Runs(
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        # A small gap so that the next heading does not touch the table.
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="160" w:lineRule="exact"/>'
        "</w:pPr></w:p>"
    )

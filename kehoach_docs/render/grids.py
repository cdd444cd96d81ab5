"""Whether a rendered body needs docxtpl's table mending (its fix_tables)."""

from __future__ import annotations

from lxml import etree

from .styles import w


def grid_columns(table: etree._Element) -> int | None:
    """The columns of a table's grid; None where it has no grid."""
    found = table.find(w("tblGrid"))
    return None if found is None else len(found.findall(w("gridCol")))


def widest_row(table: etree._Element, columns: int) -> int | None:
    """The most grid columns a row of `table` fills; None if a row has more cells than
    the grid has columns. Raises ValueError on a span that is not a number."""
    tc, tr, props, span = (w(t) for t in ("tc", "tr", "tcPr", "gridSpan"))
    widest = 0
    for row in table.iter(tr):
        cells = row.findall(tc)
        if len(cells) > columns:
            return None
        spans = 0
        for cell in cells:
            cell_props = cell.find(props)
            merged = None if cell_props is None else cell_props.find(span)
            spans += 1 if merged is None else int(merged.get(w("val")) or "")
        widest = max(widest, spans)
    return widest


def grids_to_fix(root: etree._Element) -> bool:
    """Whether docxtpl's fix_tables would change a table under `root`: a row with more
    cells than the table's grid has columns, or no row that fills the grid. Most
    documents have none, and are spared its second parse of the whole body."""
    try:
        for table in root.iter(w("tbl")):
            columns = grid_columns(table)
            if columns is None:
                return True  # (fix_tables says what is wrong with it)
            widest = widest_row(table, columns)
            if widest is None or widest < columns:
                return True
    except ValueError:
        return True
    return False

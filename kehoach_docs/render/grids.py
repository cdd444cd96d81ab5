"""Whether a rendered body needs docxtpl's table mending (its fix_tables)."""

from __future__ import annotations

from lxml import etree

from .styles import w


def grids_to_fix(root: etree._Element) -> bool:
    """Whether docxtpl's fix_tables would change a table under `root`: a row with more
    cells than the table's grid has columns, or no row that fills the grid. Most
    documents have none, and are spared its second parse of the whole body."""
    tc, tr, grid, col, props, span = (
        w(t) for t in ("tc", "tr", "tblGrid", "gridCol", "tcPr", "gridSpan")
    )
    try:
        for table in root.iter(w("tbl")):
            found = table.find(grid)
            if found is None:
                return True  # (fix_tables says what is wrong with it)
            columns = len(found.findall(col))
            widest = 0
            for row in table.iter(tr):
                cells = row.findall(tc)
                if len(cells) > columns:
                    return True
                spans = 0
                for cell in cells:
                    cell_props = cell.find(props)
                    merged = None if cell_props is None else cell_props.find(span)
                    spans += 1 if merged is None else int(merged.get(w("val")) or "")
                widest = max(widest, spans)
            if widest < columns:
                return True
    except ValueError:
        return True
    return False

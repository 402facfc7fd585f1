"""Reads a workbook as openpyxl (Debian's python3-openpyxl) sees it and prints it as JSON.

Usage: xlsx-read.py FILE
For each sheet: its name, the hidden first column's values below the header rows (the record
keys), the print setup (orientation, fit to page, fit to width/height, print title rows and
columns) and every row's cell values, so a test can check what an outside tool reads.
"""

import json
import sys

from openpyxl import load_workbook

book = load_workbook(sys.argv[1])
sheets = []
for ws in book.worksheets:
    setup = ws.page_setup
    props = ws.sheet_properties.pageSetUpPr
    sheets.append(
        {
            "name": ws.title,
            "orientation": setup.orientation,
            "fitToPage": bool(props.fitToPage) if props is not None else False,
            "fitToWidth": setup.fitToWidth,
            "fitToHeight": setup.fitToHeight,
            "printTitleRows": ws.print_title_rows,
            "printTitleCols": ws.print_title_cols,
            "columnAHidden": bool(ws.column_dimensions["A"].hidden),
            "rows": [[cell for cell in row] for row in ws.iter_rows(values_only=True)],
        }
    )
print(json.dumps(sheets, default=str))

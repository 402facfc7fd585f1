# Edits a workbook as openpyxl (Debian's python3-openpyxl) reads and saves it, an independent
# writer for the Excel round-trip tests: find a row by one column's value, set cells, add notes.
# Usage: xlsx-edit.py IN OUT '[{"sheet": "…", "header": "Código", "value": "5.1-3",
#                              "set": {"Mujeres": 90}, "note": {"Hombres": "text"}}]'
# Prints every note of the saved workbook as JSON: [[sheet, cell, text], …].
import json
import sys

import openpyxl
from openpyxl.comments import Comment

src, dst, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
wb = openpyxl.load_workbook(src)
for edit in edits:
    ws = wb[edit["sheet"]] if "sheet" in edit else wb.worksheets[0]
    head = {cell.value: cell.column for cell in ws[1] if cell.value is not None}
    for row in ws.iter_rows(min_row=2):
        if row[head[edit["header"]] - 1].value == edit["value"]:
            r = row[0].row
            for key, value in edit.get("set", {}).items():
                ws.cell(r, head[key]).value = value
            for key, text in edit.get("note", {}).items():
                ws.cell(r, head[key]).comment = Comment(text, "openpyxl")
            break
    else:
        raise SystemExit(f"no row with {edit['header']} = {edit['value']}")
wb.save(dst)
print(json.dumps([[ws.title, c.coordinate, c.comment.text] for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]))

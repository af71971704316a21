"""Writes the first N sales lines of a generator CSV (pos dialect) as an XLSX workbook, the way
Excel would hold them: real dates and numbers, not text. For the browser XLSX benchmark.
usage: python3 tests/bench/make_xlsx.py ventas.csv N out.xlsx   (needs openpyxl from PyPI)"""
import csv
import datetime
import sys

from openpyxl import Workbook

source, rows, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
wb = Workbook(write_only=True)
ws = wb.create_sheet("Ventas")
with open(source, encoding="windows-1252", newline="") as f:
    reader = csv.reader(f, delimiter=";")
    header = next(reader)
    ws.append(header)
    date_col = header.index("fecha")
    number_cols = [i for i, h in enumerate(header) if h in ("importe", "costo", "cantidad")]
    for n, row in enumerate(reader):
        if n == rows:
            break
        day, month, year = map(int, row[date_col].split("/"))
        row[date_col] = datetime.date(year, month, day)
        for i in number_cols:
            row[i] = float(row[i].replace(".", "").replace(",", ".")) if row[i] else None
        ws.append(row)
wb.save(out)

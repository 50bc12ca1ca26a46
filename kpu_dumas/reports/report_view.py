"""Frappe's own export from the list and report view (Menu > Export), with citizen text kept inert.

Frappe writes its Excel export with openpyxl, which takes any string starting with "=" for a formula:
a complaint whose subject is `=HYPERLINK("http://...", "Klik")` would export as a live link, or worse
(OWASP "CSV injection"); its CSV export writes such a cell as it is, and a spreadsheet opening the file
runs it. This wrapper runs Frappe's export and keeps both inert: every formula cell of the workbook
becomes a text cell with Excel's quote prefix (as kpu_dumas.core.xlsx writes our reports), and a CSV
cell starting with = + - @, a tab or a carriage return gets a leading apostrophe (OWASP's advice).
Frappe's export never writes a formula of its own (its totals row holds values).
"""

from __future__ import annotations

import io

import frappe
import frappe.desk.utils as desk_utils
from frappe.desk.reportview import export_query as frappe_export_query
from openpyxl import load_workbook

from kpu_dumas import kerahasiaan
from kpu_dumas.core.xlsx import looks_like_formula

_frappe_csv_bytes = desk_utils.get_csv_bytes


@frappe.whitelist()
def export_query():
	# Frappe's export_query imports get_csv_bytes from frappe.desk.utils when it runs: ours for this call.
	desk_utils.get_csv_bytes = inert_csv_bytes
	try:
		with kerahasiaan.decrypted_report_view():  # identities decrypted, a rahasia one masked
			frappe_export_query()
	finally:
		desk_utils.get_csv_bytes = _frappe_csv_bytes
	if str(frappe.response.get("filename") or "").endswith(".xlsx") and frappe.response.get("filecontent"):
		frappe.response["filecontent"] = inert_xlsx(frappe.response["filecontent"])


def inert_csv_bytes(data, csv_params) -> bytes:
	rows = [[f"'{v}" if isinstance(v, str) and looks_like_formula(v) else v for v in row] for row in data]
	return _frappe_csv_bytes(rows, csv_params)


def inert_xlsx(content: bytes) -> bytes:
	book = load_workbook(io.BytesIO(content))
	changed = False
	for sheet in book.worksheets:
		for row in sheet.iter_rows():
			for cell in row:
				if cell.data_type == "f":
					text = str(cell.value)
					cell.value = text
					cell.data_type = "s"
					cell.quotePrefix = True
					changed = True
	if not changed:
		return content
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()

"""Frappe's own export from the list and report view (Menu > Export), with citizen text kept inert.

Frappe writes its Excel export with openpyxl, which takes any string starting with "=" for a formula:
a complaint whose subject is `=HYPERLINK("http://…", "Klik")` would export as a live link, or worse
(OWASP "CSV injection"). This wrapper runs Frappe's export unchanged and then turns every formula cell
of the workbook into a text cell with Excel's quote prefix, as kpu_dumas.core.xlsx writes our reports.
Frappe's export never writes a formula of its own (its totals row holds values).
"""

from __future__ import annotations

import io

import frappe
from frappe.desk.reportview import export_query as frappe_export_query
from openpyxl import load_workbook


@frappe.whitelist()
def export_query():
	frappe_export_query()
	if str(frappe.response.get("filename") or "").endswith(".xlsx") and frappe.response.get("filecontent"):
		frappe.response["filecontent"] = inert_xlsx(frappe.response["filecontent"])


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

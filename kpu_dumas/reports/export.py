"""Excel export of the app's reports: the report's own rows as a formatted .xlsx.

The report runs exactly as in the Desk (same permission checks, same execute, so the same masking of
reporters); the office name, period and signatory come from Pengaturan Kantor (Kasubag Hukum dan SDM for
the complaint reports, the PPID for the information-service reports). The file is built by kpu_dumas.core.xlsx, which keeps every string a text cell.
"""

from __future__ import annotations

import json

import frappe
from frappe import _, scrub
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.core.doctype.report.report import get_report_module_dotted_path
from frappe.desk.query_report import get_report_doc

from kpu_dumas import clock
from kpu_dumas.core.xlsx import Column, Signatory, build_xlsx
from kpu_dumas.reports import common
from kpu_dumas.roles import KASUBAG_HUKUM, PPID

SETTINGS = "Pengaturan Kantor"
SIGNATORY_ROLE = KASUBAG_HUKUM

# Our reports that export, with the title printed on the sheet.
TITLES = {
	"Register Pengaduan": "REGISTER PENGADUAN MASYARAKAT",
	"Rekap Pengaduan": "REKAPITULASI PENGADUAN MASYARAKAT",
	"Kepatuhan Mutu Baku": "KEPATUHAN MUTU BAKU PENANGANAN PENGADUAN",
	"Rekap Disposisi": "REKAPITULASI DISPOSISI",
	"Register Permohonan Informasi": "REGISTER PERMOHONAN INFORMASI PUBLIK",
	"Register Keberatan Informasi": "REGISTER KEBERATAN INFORMASI PUBLIK",
	"Laporan Layanan Informasi Publik": "LAPORAN LAYANAN INFORMASI PUBLIK",
	"Laporan Tahunan Layanan Informasi Publik": "LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK",
}
# Who signs a report other than by the Kasubag (the first signatory set in Pengaturan Kantor).
SIGNATORY_ROLES = {
	"Register Permohonan Informasi": (PPID, SIGNATORY_ROLE),
	"Register Keberatan Informasi": (PPID, SIGNATORY_ROLE),
	"Laporan Layanan Informasi Publik": (PPID, SIGNATORY_ROLE),
	"Laporan Tahunan Layanan Informasi Publik": (PPID, SIGNATORY_ROLE),
}
KINDS = {
	"Int": "int",
	"Float": "float",
	"Currency": "float",
	"Percent": "percent",
	"Date": "date",
	"Datetime": "datetime",
}
PIXELS_PER_CHARACTER = 7


@frappe.whitelist()
def export_xlsx(report_name: str, filters: str | dict | None = None):
	"""Download `report_name` with `filters` as .xlsx (called by the report's "Unduh Excel" button)."""
	content, filename = build_report_xlsx(report_name, filters)
	frappe.response["filename"] = filename
	frappe.response["filecontent"] = content
	frappe.response["type"] = "binary"


def build_report_xlsx(report_name: str, filters: str | dict | None = None) -> tuple[bytes, str]:
	if report_name not in TITLES:
		frappe.throw(
			_("Laporan {0} tidak tersedia untuk diunduh sebagai Excel di sini.").format(report_name),
			frappe.PermissionError,
		)
	# The user must hold one of the report's roles and may report on its DocType, as in the Desk.
	report = get_report_doc(report_name)
	filters = frappe._dict(frappe.parse_json(filters) if isinstance(filters, str) else filters or {})
	period = common.get_period(filters)
	result = report.execute_script_report(filters)
	columns, data = result[0], list(result[1])

	# A report module may add to the sheet: totals_row(data) when its data has no total row,
	# xlsx_notes(filters) for lines under the period.
	module = _report_module(report)
	totals = None
	if data and isinstance(data[-1], dict) and data[-1].get("is_total_row"):
		totals = data.pop()
	elif hasattr(module, "totals_row"):
		totals = module.totals_row(data)
	notes = common.filter_notes(filters)
	if hasattr(module, "xlsx_notes"):
		notes += module.xlsx_notes(filters)
	content = build_xlsx(
		[_column(c) for c in columns],
		data,
		title=TITLES[report_name],
		office=office_name(),
		period=period.label,
		notes=notes,
		totals=totals,
		signatory=next(
			filter(None, (signatory(role) for role in SIGNATORY_ROLES.get(report_name, (SIGNATORY_ROLE,)))),
			None,
		),
		sheet_name=report_name,
	)
	make_access_log(report_name=report_name, file_type="xlsx", method="Export", filters=json.dumps(filters))
	return content, f"{scrub(report_name)}_{period.start}_{period.end}.xlsx"


def _report_module(report):
	return frappe.get_module(get_report_module_dotted_path(report.module, report.name))


def _column(col: dict) -> Column:
	width = col.get("width")
	return Column(
		label=col.get("label") or col["fieldname"],
		key=col["fieldname"],
		kind=KINDS.get(col.get("fieldtype"), "text"),
		width=round(width / PIXELS_PER_CHARACTER) if width else None,
	)


def office_name() -> str:
	settings = frappe.get_cached_doc(SETTINGS)
	return settings.nama_kantor or settings.nama_instansi or ""


def signatory(role: str = SIGNATORY_ROLE) -> Signatory | None:
	"""The office's signatory for `role`, dated today at the office."""
	settings = frappe.get_cached_doc(SETTINGS)
	row = next((r for r in settings.penandatangan if r.peran == role), None)
	if row is None:
		return None
	today = clock.office_today()
	return Signatory(
		place=settings.kota or "",
		date=today,
		jabatan=row.jabatan or "",
		nama=row.nama or "",
		nip=row.nip or "",
	)

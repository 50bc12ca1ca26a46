"""/statistik: the office's public statistics of complaints, information requests and objections, per
year and month, from the cache the hourly job fills (kpu_dumas.statistik). No personal data."""

import frappe

from kpu_dumas import statistik
from kpu_dumas.core import statistik as core
from kpu_dumas.core.dates import MONTHS
from kpu_dumas.www.pengaduan import in_indonesian

no_cache = 1

TITLE = "Statistik Layanan Pengaduan dan Informasi Publik"


def get_context(context):
	in_indonesian(context)
	context.title = TITLE
	context.tersedia = statistik.enabled()
	if not context.tersedia:
		context.http_status_code = 404
		context.pesan = statistik.not_available_message()
		return context
	years = statistik.years()
	context.daftar_tahun = list(reversed(years))
	context.daftar_bulan = list(enumerate(MONTHS, 1))
	year = _int(frappe.form_dict.get("tahun")) or (years[-1] if years else None)
	doc = statistik.get_year(year) if year else None
	if doc is None:
		context.tersedia = False
		context.http_status_code = 404
		context.pesan = "Statistik tahun itu tidak tersedia. Pilih salah satu tahun di bawah."
		return context
	month = statistik.month_of(frappe.form_dict.get("bulan"))
	figures = doc["per_bulan"][month - 1] if month else doc
	context.tahun = year
	context.bulan = month
	context.periode = f"{MONTHS[month - 1]} {year}" if month else f"Tahun {year}"
	context.kantor = doc["kantor"]["label"]
	context.dihitung = statistik.as_of(doc)
	context.ringkasan = core.summary_cards(figures)
	context.bagian = core.page_sections(figures, None if month else doc["per_bulan"])
	charts = {s["id"]: s["grafik"] for s in context.bagian if s["grafik"]}
	# Inside <script type="application/json">: no "<" may end or alter the element (JSON reads \u003c).
	context.grafik_json = frappe.as_json(charts, indent=None).replace("<", "\\u003c")
	context.json_url = f"/api/method/kpu_dumas.api.statistik.data?tahun={year}"
	return context


def _int(value) -> int | None:
	try:
		return int(str(value or "").strip())
	except ValueError:
		return None

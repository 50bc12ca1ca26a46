"""The office's public statistics, computed by the reports' own queries and kept in the site's cache.

For each year shown, the figures come from the functions Rekap Pengaduan (by kanal, kategori and
status), Kepatuhan Mutu Baku (the year and each month) and the Laporan Layanan Informasi Publik run,
so /statistik equals those reports by construction; kpu_dumas.core.statistik reshapes them into the
public document and checks that it holds nothing personal.

The hourly job `refresh` recomputes every year shown and stores one document per year plus the list of
years in frappe.cache (Redis, prefixed by site). /statistik and the JSON endpoint only read that cache;
a year missing from it (a fresh site, a settings change) is computed once and stored. Switching the
page off or changing its years clears the cache.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Min

from kpu_dumas import clock, pengaturan
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import recap
from kpu_dumas.core import statistik as core
from kpu_dumas.core.dates import MONTHS, format_datetime
from kpu_dumas.kpu_dumas.report.kepatuhan_mutu_baku import kepatuhan_mutu_baku
from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import (
	laporan_layanan_informasi_publik as llip,
)
from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
from kpu_dumas.reports import common, informasi

SETTINGS = "Pengaturan Kantor"
CACHE_PREFIX = "kpu_dumas:statistik"
INDEX_KEY = f"{CACHE_PREFIX}:tahun"
PAGE_PREFIX = f"{CACHE_PREFIX}:halaman"  # the guests' /statistik HTML (kpu_dumas.statistik_page)
FIELDS = ("statistik_aktif", "tahun_statistik")


def year_key(year: int) -> str:
	return f"{CACHE_PREFIX}:{int(year)}"


def page_key(year: int, month: int | None) -> str:
	return f"{PAGE_PREFIX}:{int(year)}-{int(month or 0)}"


# --- settings -----------------------------------------------------------------------------------------


def enabled() -> bool:
	return bool(pengaturan.get("statistik_aktif"))


def data_years() -> list[int]:
	"""Every year from the first case received to this year at the office (complaints, requests and
	objections; an empty site shows this year)."""
	this_year = clock.office_today().year
	first = []
	for doctype, column in (
		("Pengaduan", "tanggal_diterima"),
		(informasi.REQUEST, "tanggal_diterima"),
		(informasi.OBJECTION, "tanggal_diajukan"),
	):
		table = frappe.qb.DocType(doctype)
		first += frappe.qb.from_(table).select(Min(table[column])).where(table.docstatus < 2).run(pluck=True)
	first = [clock.to_office(frappe.utils.get_datetime(v), clock.get_calendar()).year for v in first if v]
	start = max(core.FIRST_YEAR, min(first)) if first else this_year
	return list(range(start, this_year + 1))


def shown_years() -> list[int]:
	"""The years the admin chose (Pengaturan Kantor › Statistik Publik), or every year with data."""
	try:
		chosen = core.parse_years(pengaturan.get("tahun_statistik"))
	except ValueError:
		chosen = []  # refused on save; a value written past the form falls back to every year
	return chosen or data_years()


def settings_changed(doc) -> None:
	"""Pengaturan Kantor on_update: a change to the page's switch or years clears the cache."""
	before = doc.get_doc_before_save()
	if before is None or any(before.get(f) != doc.get(f) for f in FIELDS):
		clear_cache()


# --- cache --------------------------------------------------------------------------------------------


def clear_cache() -> None:
	frappe.cache.delete_keys(CACHE_PREFIX)


def refresh() -> None:
	"""Scheduler job (hourly): recompute every year shown and the list of years; nothing while the
	page is off."""
	if not enabled():
		clear_cache()
		return
	years = shown_years()
	for year in years:
		frappe.cache.set_value(year_key(year), compute_year(year))
	frappe.cache.set_value(INDEX_KEY, years)
	frappe.cache.delete_keys(PAGE_PREFIX)  # the pages showed the figures just replaced
	# Years no longer shown go.
	for key in frappe.cache.get_keys(f"{CACHE_PREFIX}:"):
		key = key.decode() if isinstance(key, bytes) else key
		tail = key.rsplit(":", 1)[-1]
		if tail.isdigit() and int(tail) not in years:
			frappe.cache.delete_value(f"{CACHE_PREFIX}:{tail}")


def years() -> list[int]:
	"""The years shown, from the cache (computed and stored on a miss)."""
	cached = frappe.cache.get_value(INDEX_KEY)
	if cached is None:
		cached = shown_years()
		frappe.cache.set_value(INDEX_KEY, cached)
	return cached


def get_year(year: int) -> dict | None:
	"""The public document of a year shown, from the cache (computed and stored on a miss); None for a
	year not shown."""
	if int(year) not in years():
		return None
	cached = frappe.cache.get_value(year_key(year))
	if cached is None:
		cached = compute_year(int(year))
		frappe.cache.set_value(year_key(year), cached)
	return cached


# --- computing a year ---------------------------------------------------------------------------------


def compute_year(year: int) -> dict:
	"""The year's public document, from the reports' own functions over the year (office dates)."""
	filters = frappe._dict(periode=common.ANNUAL, tahun=int(year))
	period = common.get_period(filters)
	complaint_recaps = {
		dimension: recap.monthly_recap(
			rekap_pengaduan.get_grouped_rows(filters, period, dimension),
			dimension,
			months=period.months,
			values=common.dimension_values(dimension),
		)
		for dimension in ("kanal", "kategori", "status")
	}
	stages_by_month = {}
	for i, key in enumerate(period.months):
		month_filters = frappe._dict(periode=common.MONTHLY, tahun=int(year), bulan=MONTHS[i])
		stages_by_month[key] = recap.stage_compliance(
			kepatuhan_mutu_baku.get_grouped_rows(month_filters, common.get_period(month_filters))
		)
	requests = llip.request_rows(filters, period)
	information = ir.information_recap(requests, llip.objection_rows(filters, period), months=period.months)
	total, months = core.year_figures(
		int(year),
		**complaint_recaps,
		merged=merged_per_month(period),
		stages_year=recap.stage_compliance(kepatuhan_mutu_baku.get_grouped_rows(filters, period)),
		stages_by_month=stages_by_month,
		complaint_days=complaint_days(period),
		information=information,
		request_rows=requests,
	)
	settings = frappe.get_cached_doc(SETTINGS)
	return core.document(
		year=int(year),
		office={
			"label": settings.nama_kantor or settings.nama_instansi or "",
			"kode_satker": settings.kode_satker,
			"kode_kantor": settings.kode_kantor,
		},
		computed_at=computed_at(),
		total=total,
		months=months,
	)


def computed_at() -> str:
	"""Now at the office, ISO 8601 with its offset (e.g. 2026-12-01T10:00:00+08:00)."""
	cal = clock.get_calendar()
	return clock.to_office(clock.now(), cal).replace(tzinfo=ZoneInfo(cal.timezone)).isoformat("T", "seconds")


def merged_per_month(period: common.Period) -> dict[str, int]:
	"""Merged complaints per month of receipt (Rekap Pengaduan counts them as their main case)."""
	p = frappe.qb.DocType("Pengaduan")
	bulan = common.month_bucket(p.tanggal_diterima, period).as_("bulan")
	rows = (
		frappe.qb.from_(p)
		.select(bulan, Count("*"))
		.where(common.complaint_conditions(p, {}, period))
		.where(p.workflow_state.isin(list(recap.NOT_COUNTED)))
		.groupby(bulan)
		.run()
	)
	return {key: n for key, n in rows}


def complaint_days(period: common.Period) -> list[dict]:
	"""Per complaint Rekap counts: the office dates of receipt, of the first exit from Diterima and of
	the Surat Tanggapan (see kpu_dumas.core.statistik for the definitions)."""
	p = frappe.qb.DocType("Pengaduan")
	rt = frappe.qb.DocType("Riwayat Tahap")
	counted = common.complaint_conditions(p, {}, period) & p.workflow_state.notin(list(recap.NOT_COUNTED))
	first_exit = dict(
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.select(rt.parent, Min(rt.keluar))
		.where(rt.parenttype == "Pengaduan")
		.where(rt.tahap == rules.DITERIMA)
		.where(rt.keluar.notnull())
		.where(counted)
		.groupby(rt.parent)
		.run()
	)
	rows = frappe.qb.from_(p).select(p.name, p.tanggal_diterima, p.tanggal_tanggapan).where(counted).run()
	return [
		{
			"tanggal": period.office_date(frappe.utils.get_datetime(received)),
			"tanggapan_awal": period.office_date(frappe.utils.get_datetime(first_exit[name]))
			if first_exit.get(name)
			else None,
			"jawaban": frappe.utils.getdate(answered) if answered else None,
		}
		for name, received, answered in rows
	]


# --- what the page and the endpoint share -------------------------------------------------------------


def not_available_message() -> str:
	return _("Statistik layanan kantor ini belum tersedia untuk umum.")


def month_of(value) -> int | None:
	"""1..12 from a request's `bulan`, or None for the whole year."""
	try:
		month = int(str(value or "").strip())
	except ValueError:
		return None
	return month if 1 <= month <= 12 else None


def today_year() -> int:
	return clock.office_today().year


def as_of(doc: dict) -> str:
	"""'1 Desember 2026 pukul 10.00 WITA' from the document's dihitung_pada."""
	moment = datetime.datetime.fromisoformat(doc["dihitung_pada"])
	return format_datetime(moment.replace(tzinfo=None), clock.get_calendar().timezone)

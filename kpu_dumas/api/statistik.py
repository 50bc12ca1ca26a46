"""The office's public statistics as JSON, for guests: the numbers /statistik shows, so that a provincial
or national office can roll up the statistics of many offices, each on its own site.

	GET /api/method/kpu_dumas.api.statistik.data?tahun=2026

Answers from the cache the hourly job fills (kpu_dumas.statistik); rate-limited per client. While the
admin has the page switched off, or for a year not shown, it answers 404 with an Indonesian message.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit

from kpu_dumas import statistik


@frappe.whitelist(allow_guest=True, methods=["GET"])
@rate_limit(limit=60, seconds=60)
def data(tahun: str | int | None = None) -> dict:
	"""The public document of year `tahun` (default: the latest year shown), with the years available."""
	if not statistik.enabled():
		frappe.throw(statistik.not_available_message(), frappe.DoesNotExistError, title=_("Tidak Tersedia"))
	years = statistik.years()
	year = _year(tahun, years)
	doc = statistik.get_year(year) if year else None
	if doc is None:
		frappe.throw(
			_("Statistik tahun {0} tidak tersedia. Tahun yang tersedia: {1}.").format(
				frappe.utils.escape_html(str(tahun)), ", ".join(str(y) for y in years) or "-"
			),
			frappe.DoesNotExistError,
			title=_("Tidak Tersedia"),
		)
	return {**doc, "tahun_tersedia": years}


def _year(tahun, years: list[int]) -> int | None:
	if tahun in (None, ""):
		return years[-1] if years else None
	try:
		return int(str(tahun).strip())
	except ValueError:
		return None

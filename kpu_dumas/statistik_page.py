"""/statistik for guests from a cache of its whole HTML, so that it answers in milliseconds.

Frappe renders a www page in about 150 ms on a 2-core server (its Jinja templates are compiled anew on
every request), and its own page cache cannot serve this page: it is keyed by the path alone, while
the year and month come in the query string. This renderer (hook `page_renderer`, for the path
"statistik" only) keeps the page's HTML per year and month in the site's cache, beside the figures it
shows (kpu_dumas.statistik). The hourly refresh and every settings change clear it with them.

Only guests get the cached page: a logged-in user's page carries their name in Frappe's navbar and is
rendered as usual. Only the years shown and the months 1-12 are kept, so odd query strings cannot fill
the cache.
"""

from __future__ import annotations

import frappe
from frappe.website.page_renderers.template_page import TemplatePage

from kpu_dumas import statistik

ROUTE = "statistik"


class StatistikPage(TemplatePage):
	def can_render(self):
		return self.path == ROUTE and super().can_render()

	def render(self):
		key = self.cache_key()
		if key is None:
			return super().render()
		cached = frappe.cache.get_value(key)
		if cached:
			return self.build_response(cached["html"], cached["status"])
		response = super().render()
		if response.status_code == 200:
			frappe.cache.set_value(key, {"html": response.get_data(as_text=True), "status": 200})
		return response

	@staticmethod
	def cache_key() -> str | None:
		"""The cache key of this request's page, or None when it is not one to keep."""
		request = getattr(frappe.local, "request", None)
		if (
			frappe.session.user != "Guest"
			or not request
			or request.method != "GET"
			or not statistik.enabled()
		):
			return None
		raw_year = str(frappe.form_dict.get("tahun") or "").strip()
		shown = statistik.years()
		if not raw_year:
			year = shown[-1] if shown else None
		elif raw_year.isdigit() and int(raw_year) in shown:
			year = int(raw_year)
		else:
			return None
		if year is None:
			return None
		return statistik.page_key(year, statistik.month_of(frappe.form_dict.get("bulan")))

"""The portal's markup as served (Frappe's WSGI test client), and the workspace charts against their cards.

Every portal page says lang="id" in <html>; in our part of it every control has a label, every id an
aria attribute or label points to exists and no id is used twice. The chart's own method, given a number
card's filters over the whole period, counts what the card counts; its default view (Last Year) counts
the cases received in those months.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import frappe
from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
from frappe.desk.doctype.number_card.number_card import get_result as card_result
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_months, get_datetime, get_first_day, get_test_client, now_datetime, today

from kpu_dumas.record import trusted
from kpu_dumas.tests.utils import PASSWORD

WEBSITE_USER = "warga.aksesibilitas.uji@contoh.id"
PERIHAL = "Uji aksesibilitas: grafik dan kartu"
REFERENCES = ("aria-describedby", "aria-labelledby", "aria-controls", "for")
CONTROLS = ("input", "select", "textarea")


class PortalMarkup(HTMLParser):
	"""The page's <html lang>, and of our part (Frappe's page_content block) its ids, the ids its aria
	attributes and labels name, and its controls with whether a label holds or names them."""

	def __init__(self):
		super().__init__()
		self.lang = None
		self.ids: Counter = Counter()
		self.references: list[tuple[str, str, str]] = []
		self.controls: list[dict] = []
		self.labelled_for: set[str] = set()
		self.stack: list[tuple[str, bool, bool]] = []  # (tag, inside ours, inside a label)

	def handle_starttag(self, tag, attrs):
		a = dict(attrs)
		if tag == "html":
			self.lang = a.get("lang")
		ours, in_label = self.stack[-1][1:] if self.stack else (False, False)
		ours = ours or "page_content" in (a.get("class") or "").split()
		if ours:
			if a.get("id"):
				self.ids[a["id"]] += 1
			for attr in REFERENCES:
				for ref in (a.get(attr) or "").split():
					self.references.append((tag, attr, ref))
			if tag == "label" and a.get("for"):
				self.labelled_for.add(a["for"])
			if tag in CONTROLS and a.get("type") != "hidden":
				self.controls.append({"id": a.get("id"), "name": a.get("name"), "in_label": in_label})
		if tag not in ("input", "br", "img", "meta", "link", "hr", "source", "col", "wbr", "use", "path"):
			self.stack.append((tag, ours, in_label or tag == "label"))

	def handle_endtag(self, tag):
		for i in range(len(self.stack) - 1, -1, -1):
			if self.stack[i][0] == tag:
				del self.stack[i:]
				break


def parse(html: str) -> PortalMarkup:
	markup = PortalMarkup()
	markup.feed(html)
	return markup


class TestAksesibilitasPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not frappe.db.exists("User", WEBSITE_USER):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": WEBSITE_USER,
					"first_name": "Warga",
					"last_name": "Aksesibilitas",
					"user_type": "Website User",
					"send_welcome_email": 0,
				}
			)
			user.new_password = PASSWORD
			user.flags.ignore_password_policy = True
			user.insert(ignore_permissions=True)
			frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.delete_doc("User", WEBSITE_USER, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def page(self, path: str, client=None) -> PortalMarkup:
		r = make_request((client or get_test_client()).get, (path,))
		self.assertEqual(r.status_code, 200, path)
		return parse(r.get_data(as_text=True))

	def assert_sound(self, path: str, markup: PortalMarkup):
		self.assertEqual(markup.lang, "id", f"{path}: <html lang>")
		self.assertTrue(markup.controls or path == "/pengaduan-saya", f"{path}: no form control found")
		self.assertEqual([i for i, n in markup.ids.items() if n > 1], [], f"{path}: ids used twice")
		missing = [f"{tag}[{attr}={ref}]" for tag, attr, ref in markup.references if ref not in markup.ids]
		self.assertEqual(missing, [], f"{path}: references to ids that are not there")
		unlabelled = [
			c["id"] or c["name"]
			for c in markup.controls
			if not c["in_label"] and c["id"] not in markup.labelled_for
		]
		self.assertEqual(unlabelled, [], f"{path}: controls without a label")

	def test_guest_pages(self):
		for path in ("/pengaduan", "/permohonan-informasi", "/keberatan", "/lacak", "/verifikasi-surat"):
			with self.subTest(path=path):
				self.assert_sound(path, self.page(path))

	def test_statistik_page(self):
		"""/statistik switched on (it is off after install), then back as it was."""
		before = frappe.db.get_single_value("Pengaturan Kantor", "statistik_aktif")
		frappe.db.set_single_value("Pengaturan Kantor", "statistik_aktif", 1)
		frappe.db.commit()
		try:
			markup = self.page("/statistik")
			self.assertEqual(markup.lang, "id", "/statistik: <html lang>")
			self.assertEqual([i for i, n in markup.ids.items() if n > 1], [], "/statistik: ids used twice")
			missing = [f"{t}[{a}={r}]" for t, a, r in markup.references if r not in markup.ids]
			self.assertEqual(missing, [], "/statistik: references to ids that are not there")
		finally:
			frappe.db.set_single_value("Pengaturan Kantor", "statistik_aktif", before or 0)
			frappe.db.commit()

	def test_the_service_date_hint_is_named_only_when_shown(self):
		# The hint under the service date depends on a setting; the field must not point to a missing id.
		days = frappe.db.get_single_value("Pengaturan Kantor", "batas_pengajuan_hari")
		try:
			for value in (days or 30, 0):
				frappe.db.set_single_value("Pengaturan Kantor", "batas_pengajuan_hari", value)
				frappe.db.commit()
				markup = self.page("/pengaduan")
				self.assert_sound("/pengaduan", markup)
				self.assertEqual(
					("input", "aria-describedby", "kd-tanggal-hint") in markup.references, bool(value), value
				)
		finally:
			frappe.db.set_single_value("Pengaturan Kantor", "batas_pengajuan_hari", days)
			frappe.db.commit()

	def test_own_list_as_website_user(self):
		client = get_test_client()
		r = make_request(
			client.post, ("/api/method/login",), {"data": {"usr": WEBSITE_USER, "pwd": PASSWORD}}
		)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		self.assert_sound("/pengaduan-saya", self.page("/pengaduan-saya", client))

	def test_markup_check_finds_faults(self):
		# The checks above can fail: a page with each fault.
		markup = parse(
			'<html lang="en"><body><div class="page_content"><label for="a">A</label><input id="a">'
			'<input id="b" aria-describedby="c"><span id="b"></span><select name="s"></select></div>'
			'<nav><input id="frappe-search"></nav></body></html>'
		)
		self.assertEqual(markup.lang, "en")
		self.assertEqual(markup.ids["b"], 2)
		self.assertIn(("input", "aria-describedby", "c"), markup.references)
		unlabelled = [c["id"] or c["name"] for c in markup.controls if c["id"] not in markup.labelled_for]
		self.assertEqual(unlabelled, ["b", "s"])  # Frappe's navbar is not ours


class TestGrafikDanKartu(FrappeTestCase):
	"""The workspace charts count, per number card, what the card counts."""

	CHARTS = {
		"Pengaduan per Bulan": ("Pengaduan", ("Pengaduan Baru", "Pengaduan Dalam Proses")),
		"Permohonan Informasi per Bulan": ("Permohonan Informasi", ("Permohonan Dalam Proses",)),
	}

	def setUp(self):
		frappe.set_user("Administrator")
		# One complaint received now and one fourteen months ago, both still open (Diterima).
		self.new = self.complaint(now_datetime())
		self.old = self.complaint(add_months(now_datetime(), -14))

	def tearDown(self):
		frappe.db.rollback()
		frappe.set_user("Administrator")

	def complaint(self, received):
		doc = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				"perihal": PERIHAL,
				"kanal": "Website",
				"uraian": "Uji grafik dan kartu.",
				"anonim": 1,
				"persetujuan_pernyataan": 1,
				"tanggal_diterima": received,
			}
		)
		return trusted(doc).insert(ignore_permissions=True)

	@staticmethod
	def total(data) -> int:
		return sum(data["datasets"][0]["values"])

	def all_time(self, chart: str, filters: str) -> int:
		return self.total(
			chart_data(
				chart_name=chart,
				filters=filters,
				timespan="Select Date Range",
				from_date="2000-01-01",
				to_date="2100-01-01",
				time_interval="Yearly",
				refresh=1,
			)
		)

	def test_chart_with_a_cards_filters_counts_what_the_card_counts(self):
		for chart, (doctype, cards) in self.CHARTS.items():
			self.assertEqual(frappe.db.get_value("Dashboard Chart", chart, "based_on"), "tanggal_diterima")
			for name in cards:
				with self.subTest(chart=chart, card=name):
					card = frappe.get_doc("Number Card", name)
					self.assertEqual(card.document_type, doctype)
					shown = card_result(card.as_dict(), card.filters_json)
					self.assertEqual(self.all_time(chart, card.filters_json or "[]"), shown)
					if name == "Pengaduan Baru":
						self.assertGreaterEqual(shown, 2)  # the two of setUp

	def test_default_view_counts_the_cases_received_in_its_months(self):
		data = chart_data(chart_name="Pengaduan per Bulan", refresh=1)
		self.assertEqual(len(data["labels"]), 13)  # this month and the twelve before it
		first = get_first_day(add_months(today(), -12))
		window = [
			["tanggal_diterima", ">=", first],
			["tanggal_diterima", "<=", now_datetime()],
			["docstatus", "<", 2],
		]
		self.assertEqual(self.total(data), frappe.db.count("Pengaduan", window))
		self.assertGreaterEqual(self.total(data), 1)
		# The complaint of fourteen months ago is counted over the whole period only.
		self.assertLess(get_datetime(self.old.tanggal_diterima), get_datetime(first))
		self.assertEqual(
			self.all_time("Pengaduan per Bulan", "[]"), frappe.db.count("Pengaduan", {"docstatus": ("<", 2)})
		)

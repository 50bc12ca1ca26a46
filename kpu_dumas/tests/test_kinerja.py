"""Costs that must not grow with the data: a Pengaduan form load, the public statistics page.

The Desk opens a complaint with `frappe.desk.form.load.getdoc`. Its stage history (Riwayat Tahap) grows
with every return to the reporter and every reopening; the number of queries of a form load must not.
/statistik is served to guests from a cache of its page, refreshed hourly with its figures.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import frappe
from frappe.desk.form.load import getdoc
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas import clock, statistik
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.tests.utils import PASSWORD, as_user, make_pengaduan, make_user

# A form load of a complaint as the Petugas Penerima Aduan: the document, its onload (the open stage),
# timeline, assignments, attachments, shares, tags. Measured 2026-12: 16 queries on Frappe 15.55, 18 on
# 15.89, with 2 stages as with 41. A ceiling with a little room for other Frappe versions.
FORM_LOAD_QUERIES = 25


@contextmanager
def counted_queries():
	"""The SQL statements run inside the block, as Frappe's own assertQueryCount counts them."""
	queries: list[str] = []
	original = frappe.db.__class__.sql

	def counting(self, *args, **kwargs):
		result = original(self, *args, **kwargs)
		queries.append(str(self.last_query))
		return result

	frappe.db.__class__.sql = counting
	try:
		yield queries
	finally:
		frappe.db.__class__.sql = original


class TestFormLoadQueries(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.petugas = make_user("petugas")

	def complaint_with_history(self, stages: int):
		"""A complaint whose history holds `stages` closed stages before the open one."""
		doc = make_pengaduan(perihal=f"Riwayat panjang {stages}")
		start = clock.now() - timedelta(days=stages + 1)
		for i in range(stages):
			frappe.get_doc(
				{
					"doctype": "Riwayat Tahap",
					"parent": doc.name,
					"parenttype": "Pengaduan",
					"parentfield": "riwayat_tahap",
					"idx": 100 + i,
					"tahap": rules.PERLU_DILENGKAPI if i % 2 else rules.DITERIMA,
					"masuk": start + timedelta(days=i),
					"keluar": start + timedelta(days=i, hours=2),
					"aksi": "Uji",
					"oleh": "Administrator",
					"status": "Tepat Waktu",
				}
			).db_insert()
		return doc.name

	def form_load(self, name: str) -> list[str]:
		with as_user(self.petugas):
			getdoc("Pengaduan", name)  # warm the metadata and permission caches, as a running site has them
			frappe.local.response.docs = []
			with counted_queries() as queries:
				getdoc("Pengaduan", name)
		return queries

	def test_query_count_does_not_grow_with_the_stage_history(self):
		short = self.complaint_with_history(1)
		long = self.complaint_with_history(40)
		self.assertEqual(len(frappe.get_doc("Pengaduan", long).riwayat_tahap), 41)

		short_queries = self.form_load(short)
		long_queries = self.form_load(long)
		self.assertEqual(
			len(long_queries),
			len(short_queries),
			msg="A form load with 41 stages ran other queries than one with 2:\n"
			+ "\n".join(sorted(set(long_queries) - set(short_queries)))[:4000],
		)
		self.assertLessEqual(len(long_queries), FORM_LOAD_QUERIES, msg="\n\n".join(long_queries)[:8000])


class TestStatistikPageCache(FrappeTestCase):
	"""/statistik for guests comes from the cache of its whole HTML (kpu_dumas.statistik_page) until the
	hourly refresh; a logged-in user's page is rendered as usual."""

	MARK = "<html><body>halaman dari cache uji</body></html>"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.before = frappe.db.get_single_value("Pengaturan Kantor", "statistik_aktif")
		frappe.db.set_single_value("Pengaturan Kantor", "statistik_aktif", 1)
		frappe.db.commit()
		statistik.clear_cache()

	@classmethod
	def tearDownClass(cls):
		frappe.db.set_single_value("Pengaturan Kantor", "statistik_aktif", cls.before or 0)
		frappe.db.commit()
		statistik.clear_cache()
		super().tearDownClass()

	def get(self, path: str, client=None):
		return make_request((client or get_test_client()).get, (path,))

	def test_guest_page_from_cache_until_the_refresh(self):
		year = statistik.years()[-1]
		first = self.get(f"/statistik?tahun={year}&bulan=2")
		self.assertEqual(first.status_code, 200)
		key = statistik.page_key(year, 2)
		self.assertIn("Statistik Layanan", frappe.cache.get_value(key)["html"])

		# What the cache holds is what a guest gets, without the page being rendered again.
		frappe.cache.set_value(key, {"html": self.MARK, "status": 200})
		again = self.get(f"/statistik?tahun={year}&bulan=2")
		self.assertEqual((again.status_code, again.get_data(as_text=True)), (200, self.MARK))

		# A logged-in user's page is rendered for them (their name is in Frappe's navbar).
		client = get_test_client()
		login = make_request(
			client.post, ("/api/method/login",), {"data": {"usr": self.user, "pwd": PASSWORD}}
		)
		self.assertEqual(login.status_code, 200)
		own = self.get(f"/statistik?tahun={year}&bulan=2", client)
		self.assertNotIn("dari cache uji", own.get_data(as_text=True))

		# The hourly job recomputes the figures and drops the pages that showed the old ones.
		statistik.refresh()
		self.assertIsNone(frappe.cache.get_value(key))
		fresh = self.get(f"/statistik?tahun={year}&bulan=2")
		self.assertIn("Statistik Layanan", fresh.get_data(as_text=True))

	def test_odd_queries_are_not_kept(self):
		self.get("/statistik?tahun=1900")
		self.get("/statistik?tahun=abc&bulan=99")
		keys = [
			k.decode() if isinstance(k, bytes) else k for k in frappe.cache.get_keys(statistik.PAGE_PREFIX)
		]
		self.assertFalse([k for k in keys if "1900" in k or "abc" in k], keys)

	@property
	def user(self) -> str:
		return make_user("petugas")


class TestPortalDuplicateCheckAfterAnswer(FrappeTestCase):
	"""The portal answers before the duplicate check (thousands of complaints compared); a job run after
	the commit flags the complaint as the Desk's insert does."""

	def test_the_deferred_check_flags_a_possible_duplicate(self):
		from kpu_dumas.api import portal
		from kpu_dumas.tests.utils import make_identitas

		ident = make_identitas(nomor_identitas="7503014501900077", email="kinerja.dup@contoh.id")
		make_pengaduan(identitas=ident, perihal="Antrean salinan berita acara")
		doc = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				"perihal": "Antrean salinan berita acara lagi",
				"kanal": "Langsung (Meja Layanan)",
				"uraian": "Pelapor menunggu lama.",
				"identitas_pelapor": ident.name,
			}
		)
		doc.flags.duplicates_later = True
		doc.insert(ignore_permissions=True)
		self.assertFalse(frappe.db.get_value("Pengaduan", doc.name, "kemungkinan_duplikat"))
		portal._flag_duplicates(doc.name)
		self.assertTrue(frappe.db.get_value("Pengaduan", doc.name, "kemungkinan_duplikat"))
		portal._flag_duplicates("DUMAS-TIDAK-ADA")  # a complaint gone meanwhile: nothing to do

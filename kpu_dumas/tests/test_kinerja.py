"""Costs that must not grow with a record's history (issue 15): a Pengaduan form load.

The Desk opens a complaint with `frappe.desk.form.load.getdoc`. Its stage history (Riwayat Tahap) grows
with every return to the reporter and every reopening; the number of queries of a form load must not.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import timedelta

import frappe
from frappe.desk.form.load import getdoc
from frappe.tests.utils import FrappeTestCase

from kpu_dumas import clock
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.tests.utils import as_user, make_pengaduan, make_user

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

"""Requests by WhatsApp/SMS and by kind of information, as the PPID's reports count them (issue 11, item 6).

Public bodies' information-service reports count the requests that came by WhatsApp/SMS apart from
walk-ins, letters and email; each request also records the kind of information asked for (Jenis
Informasi, the office's editable list). The Register and the Laporan Layanan Informasi Publik count both.

Four requests in February 2026; three of a kind made for this test (so the figures are exact whatever
else the site holds), one of a shipped kind:

	W1  WhatsApp/SMS   test kind
	W2  WhatsApp/SMS   test kind
	E1  Email          test kind
	W3  WhatsApp/SMS   Kelembagaan
"""

from __future__ import annotations

import io

import frappe
import openpyxl
from frappe.tests.utils import FrappeTestCase

from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import (
	laporan_layanan_informasi_publik as llip,
)
from kpu_dumas.kpu_dumas.report.register_permohonan_informasi import register_permohonan_informasi
from kpu_dumas.reports.export import build_report_xlsx
from kpu_dumas.tests.test_laporan import frozen_at
from kpu_dumas.tests.utils import make_permohonan, office

KIND = "Uji Jenis Pemetaan Dapil"
RETIRED = "Uji Jenis Lama"
FEBRUARY = {"periode": "Bulanan", "tahun": 2026, "bulan": "Februari"}


def received(day: int, kanal: str, jenis: str):
	moment = office(2026, 2, day, 9, 0)
	with frozen_at(moment):
		return make_permohonan(tanggal_diterima=moment, kanal=kanal, jenis_informasi=jenis)


def column_labels(columns) -> dict[str, str]:
	return {c["fieldname"]: c["label"] for c in columns}


class TestJenisInformasi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for name, urutan, aktif in ((KIND, 5, 1), (RETIRED, 99, 0)):
			if not frappe.db.exists("Jenis Informasi", name):
				frappe.get_doc(
					{"doctype": "Jenis Informasi", "jenis_informasi": name, "urutan": urutan, "aktif": aktif}
				).insert(ignore_permissions=True)
		cls.requests = [
			received(2, "WhatsApp/SMS", KIND),
			received(3, "WhatsApp/SMS", KIND),
			received(4, "Email", KIND),
			received(5, "WhatsApp/SMS", "Kelembagaan"),
		]

	def test_shipped_list_and_whatsapp_channel(self):
		kinds = frappe.get_all("Jenis Informasi", filters={"aktif": 1}, order_by="urutan asc", pluck="name")
		self.assertIn("Kepemiluan", kinds)
		self.assertLess(kinds.index(KIND), kinds.index("Kepemiluan"))  # the office's order (Urutan)
		options = frappe.get_meta("Permohonan Informasi").get_field("kanal").options.split("\n")
		self.assertIn("WhatsApp/SMS", options)
		self.assertEqual(options.index("WhatsApp/SMS"), options.index("Telepon") + 1)

	def test_a_retired_kind_is_not_chosen_anew(self):
		with self.assertRaises(frappe.ValidationError) as raised:
			received(6, "Surat", RETIRED)
		self.assertIn("tidak aktif lagi", str(raised.exception))

	def test_llip_counts_channels_and_kinds(self):
		columns, data, *_rest = llip.execute({**FEBRUARY, "jenis_informasi": KIND})
		labels = column_labels(columns)
		self.assertEqual(labels["kanal_whatsapp_sms"], "Melalui WhatsApp/SMS")
		self.assertEqual(labels["jenis_uji_jenis_pemetaan_dapil"], f"Jenis: {KIND}")
		self.assertNotIn("jenis_uji_jenis_lama", labels)  # retired and never asked for: no column
		total = data[-1]
		self.assertTrue(total.get("is_total_row"))
		self.assertEqual(total["permohonan"], 3)
		self.assertEqual((total["kanal_whatsapp_sms"], total["kanal_email"], total["kanal_surat"]), (2, 1, 0))
		self.assertEqual(total["jenis_uji_jenis_pemetaan_dapil"], 3)
		self.assertEqual(total["jenis_kelembagaan"], 0)
		february = next(row for row in data if row["bulan"] == "Februari 2026")
		self.assertEqual(february["kanal_whatsapp_sms"], 2)

		# Unfiltered, every request of the month is counted once by channel and once by kind.
		_columns, data, *_rest = llip.execute(FEBRUARY)
		total = data[-1]
		by_channel = sum(v for k, v in total.items() if k.startswith("kanal_"))
		by_kind = sum(v for k, v in total.items() if k.startswith("jenis_"))
		self.assertEqual(by_channel, total["permohonan"])
		self.assertEqual(by_kind, total["permohonan"])
		self.assertGreaterEqual(total["kanal_whatsapp_sms"], 3)
		self.assertGreaterEqual(total["jenis_kelembagaan"], 1)

	def test_register_shows_the_kind_and_counts_both_in_its_closing_line(self):
		filters = {**FEBRUARY, "jenis_informasi": KIND}
		columns, rows, *_rest = register_permohonan_informasi.execute(filters)
		self.assertIn("jenis_informasi", column_labels(columns))
		self.assertEqual(
			sorted(r["name"] for r in rows), sorted(r.name for r in self.requests[:3])
		)  # the filter picks the kind
		self.assertEqual({r["jenis_informasi"] for r in rows}, {KIND})
		closing = register_permohonan_informasi.totals_row(rows)
		self.assertEqual(closing["kanal"], "WhatsApp/SMS 2; Email 1")
		self.assertEqual(closing["jenis_informasi"], f"{KIND} 3")

		content, _filename = build_report_xlsx("Register Permohonan Informasi", filters)
		sheet = openpyxl.load_workbook(io.BytesIO(content)).active
		cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
		self.assertIn("WhatsApp/SMS 2; Email 1", cells)
		self.assertIn(f"{KIND} 3", cells)
		self.assertIn("Jenis Informasi", cells)  # the column header

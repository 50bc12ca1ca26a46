"""Past register books come in through one door: Impor Register (issue 10).

A 2019 register of 50 complaints and one of 12 information requests, made here as real .xlsx files,
become closed cases with their original numbers; Rekap Pengaduan and the Laporan Layanan Informasi
Publik for 2019 count them; a row whose number collides makes the whole import refuse, naming the row.
"""

from __future__ import annotations

import datetime
from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase
from openpyxl import Workbook

from kpu_dumas.core import register_import as ri
from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import (
	laporan_layanan_informasi_publik as llip,
)
from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
from kpu_dumas.tests.utils import as_user, make_all_users

YEAR = 2019
STATES = ("Selesai", "Tidak Ditindaklanjuti", "Dicabut")


def complaint_rows(n: int, prefix="ARSIP-DUMAS") -> list[list]:
	rows = []
	for i in range(1, n + 1):
		received = datetime.datetime(YEAR, 1 + i % 12, 1 + i % 27, 9, 0)
		state = STATES[i % 3]
		answered = received.date() + datetime.timedelta(days=10)
		values = {
			"Nomor Registrasi": f"{prefix}/{i:03d}/{YEAR}",
			"Tanggal Diterima": received,
			"Kanal": "Surat" if i % 2 else "Langsung (Meja Layanan)",
			"Perihal": f"Pengaduan arsip nomor {i}",
			"Status Akhir": state,
			"Alasan Tidak Ditindaklanjuti": "Bukan kewenangan KPU"
			if state == "Tidak Ditindaklanjuti"
			else None,
			"Alasan Pencabutan": "Dicabut pelapor." if state == "Dicabut" else None,
			"Nomor Tanda Terima": f"{i:03d}/TT/{prefix}/{YEAR}",
			"Nomor Surat Tanggapan": f"{i:03d}/ST/{prefix}/{YEAR}" if state == "Selesai" else None,
			"Tanggal Surat Tanggapan": answered if state == "Selesai" else None,
			"Disampaikan Melalui": "Surat" if state == "Selesai" else None,
			"Tanggal Disampaikan": answered if state == "Selesai" else None,
		}
		rows.append([values.get(c.header) for c in ri.COLUMNS["Pengaduan"]])
	return rows


def timing(rows: list[dict]) -> tuple[int, int]:
	"""(on time, late) of the recap's total row."""
	total = rows[-1] if rows else {}
	return (total.get("tepat_waktu") or 0, total.get("terlambat") or 0)


def request_rows(n: int) -> list[list]:
	rows = []
	for i in range(1, n + 1):
		received = datetime.datetime(YEAR, 3, 1 + i, 10, 0)
		granted = i % 4 != 0
		notice = received.date() + datetime.timedelta(days=5) if i != n else None  # the last: date unknown
		values = {
			"Nomor Registrasi": f"ARSIP-PPID/{i:03d}/{YEAR}",
			"Tanggal Diterima": received,
			"Kanal": "Langsung (Meja Layanan)",
			"Nama Pemohon": f"Pemohon Arsip {i}",
			"Informasi yang Diminta": "Salinan DPT",
			"Keputusan": "Dikabulkan Seluruhnya" if granted else "Ditolak",
			"Nomor Pemberitahuan": f"{i:03d}/PB/{YEAR}",
			"Tanggal Pemberitahuan": notice,
		}
		rows.append([values.get(c.header) for c in ri.COLUMNS["Permohonan Informasi"]])
	return rows


class TestImporRegister(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()

	def importer(self, kind: str, rows: list[list]):
		book = Workbook()
		sheet = book.active
		sheet.append(ri.template_header(kind))
		for row in rows:
			sheet.append(row)
		out = BytesIO()
		book.save(out)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"register-{frappe.generate_hash(length=6)}.xlsx",
				"content": out.getvalue(),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		with as_user(self.users["pyb"] if kind == "Pengaduan" else self.users["ppid"]):
			doc = frappe.get_doc(
				{"doctype": "Impor Register", "jenis_register": kind, "tahun": YEAR, "berkas": file.file_url}
			)
			doc.insert()
			doc.impor()
		return frappe.get_doc("Impor Register", doc.name)

	def test_fifty_complaints_become_closed_cases_counted_for_their_year(self):
		_c, before_rows, _m, _ch, before_summary = rekap_pengaduan.execute(
			frappe._dict(periode="Tahunan", tahun=YEAR, rincian="Kanal")
		)
		before = before_summary[0]["value"]
		before_timing = timing(before_rows)
		imported = self.importer("Pengaduan", complaint_rows(50))
		self.assertEqual((imported.status, imported.jumlah_dibuat), ("Berhasil", 50), imported.hasil)
		cases = frappe.get_all(
			"Pengaduan",
			filters={"impor_register": imported.name},
			fields=[
				"name",
				"workflow_state",
				"docstatus",
				"diimpor",
				"diimpor_oleh",
				"nomor_tanda_terima",
				"kanal",
			],
		)
		self.assertEqual(len(cases), 50)
		case = {c.name: c for c in cases}[f"ARSIP-DUMAS/007/{YEAR}"]
		self.assertEqual(
			(
				case.workflow_state,
				case.docstatus,
				case.diimpor,
				case.diimpor_oleh,
				case.nomor_tanda_terima,
				case.kanal,
			),
			(STATES[7 % 3], 1, 1, self.users["pyb"], f"007/TT/ARSIP-DUMAS/{YEAR}", "Surat"),
		)
		self.assertEqual({c.workflow_state for c in cases}, set(STATES))
		self.assertFalse(frappe.get_all("Riwayat Tahap", filters={"parent": ("in", [c.name for c in cases])}))
		columns, rows, _message, _chart, summary = rekap_pengaduan.execute(
			frappe._dict(periode="Tahunan", tahun=YEAR, rincian="Kanal")
		)
		self.assertEqual(summary[0]["value"], before + 50)
		# Stages unknown: none of them counts as on time or late (other tests' cases of YEAR may).
		self.assertEqual(timing(rows), before_timing)
		# An imported case stays: it cannot be deleted (Frappe refuses a submitted one; ours would too).
		with self.assertRaises((frappe.PermissionError, frappe.ValidationError)):
			frappe.delete_doc("Pengaduan", case.name)

	def test_requests_count_in_the_annual_information_report(self):
		imported = self.importer("Permohonan Informasi", request_rows(12))
		self.assertEqual((imported.status, imported.jumlah_dibuat), ("Berhasil", 12), imported.hasil)
		_columns, _rows, _message, _chart, summary = llip.execute(frappe._dict(periode="Tahunan", tahun=YEAR))
		figures = {s["label"]: s["value"] for s in summary}
		self.assertEqual(figures["Jumlah Permohonan"], 12)
		self.assertEqual(figures["Ditolak"], 3)
		self.assertEqual(figures["Dikabulkan"], 9)
		# Deadlines come from the dates the register carries (10 working days from receipt).
		doc = frappe.get_doc("Permohonan Informasi", f"ARSIP-PPID/001/{YEAR}")
		self.assertEqual(doc.batas_pemberitahuan.year, YEAR)

	def test_a_collision_refuses_everything_and_names_the_row(self):
		rows = complaint_rows(5, prefix="ARSIP-B")
		first = self.importer("Pengaduan", rows[:1])
		self.assertEqual(first.status, "Berhasil", first.hasil)
		second = self.importer("Pengaduan", rows)  # row 2 of the sheet repeats the number already imported
		self.assertEqual((second.status, second.jumlah_dibuat), ("Ditolak", 0))
		self.assertIn(f"Baris 2: nomor ARSIP-B/001/{YEAR} sudah dipakai di situs ini", second.hasil)
		self.assertEqual(frappe.db.count("Pengaduan", {"impor_register": second.name}), 0)
		bad = complaint_rows(3, prefix="ARSIP-C")
		bad[1][1] = datetime.datetime(2020, 5, 1, 9, 0)
		third = self.importer("Pengaduan", bad)
		self.assertEqual(third.status, "Ditolak")
		self.assertIn(f"Baris 3: tanggal diterima 01-05-2020 bukan tahun register {YEAR}", third.hasil)
		self.assertEqual(frappe.db.count("Pengaduan", {"name": ("like", "ARSIP-C/%")}), 0)

	def test_each_register_is_imported_by_its_own_officer(self):
		with as_user(self.users["ppid"]):
			doc = frappe.get_doc(
				{
					"doctype": "Impor Register",
					"jenis_register": "Pengaduan",
					"tahun": YEAR,
					"berkas": "/files/x.xlsx",
				}
			).insert()
			with self.assertRaises(frappe.PermissionError):
				doc.impor()

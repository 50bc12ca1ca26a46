"""The PPID reports and their Excel export, on a small data set with known dates (office time, WITA).

Seven requests in August and September 2026 (17 and 25 Aug are holidays) and one outside the period are
driven through the workflow at frozen times, so every count and working-day figure is known in advance:

	R1  3 Agu  Dikabulkan Seluruhnya (6 Agu) ..................... 3 hari kerja, Selesai
	R2  4 Agu  Dikabulkan Sebagian, Ps 17 h (18 Agu) ............. 9 hari kerja
	R3  5 Agu  Ditolak at the desk, Ps 17 h (5 Agu) .............. 0; objection K1 (10 Agu): Ditolak,
	                                                                   the requester goes to the Komisi Informasi
	R4 10 Agu  Diperpanjang (24 Agu), Ditolak, Ps 17 c (7 Sep) ... 18, past the extended deadline (4 Sep);
	                                                                   objection K2 (9 Sep): Diterima
	R5  1 Sep  Informasi Tidak Dikuasai (3 Sep) .................. 2
	R6  2 Sep  Terdaftar, never decided .......................... in process, past its deadline (16 Sep)
	R7  3 Sep  Email, Informasi Belum Didokumentasikan (3 Sep) ... 0
	R8  1 Okt  outside the period
"""

from __future__ import annotations

import io
from datetime import date, datetime

import frappe
import openpyxl
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from kpu_dumas import clock
from kpu_dumas.core.dates import format_date
from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import laporan_layanan_informasi_publik
from kpu_dumas.kpu_dumas.report.register_keberatan_informasi import register_keberatan_informasi
from kpu_dumas.kpu_dumas.report.register_permohonan_informasi import register_permohonan_informasi
from kpu_dumas.reports import common
from kpu_dumas.reports.dashboard import count_overdue_requests
from kpu_dumas.reports.export import export_xlsx
from kpu_dumas.tests.test_laporan import act_at, frozen_at
from kpu_dumas.tests.utils import GRANTED_NOTICE, as_user, make_permohonan, make_user, office

PERIOD = {"from_date": "2026-08-01", "to_date": "2026-09-30"}
AUGUST = {"periode": "Bulanan", "tahun": 2026, "bulan": "Agustus"}
SIGNATORY = {"nama": "Rina PPID Uji", "nip": "198502022010012002", "jabatan": "PPID KPU Kabupaten Pohuwato"}
ATASAN = {"nama_atasan": "Ketua Uji", "jabatan_atasan": "Ketua KPU Kabupaten Pohuwato"}
FORMULA = "=1+1"
REFUSAL_H = {"pasal_pengecualian": "Pasal 17 huruf h", "uji_konsekuensi": "Memuat data pribadi pemilih."}
OBJECTION_REASON = "a. Penolakan atas permintaan informasi berdasarkan alasan pengecualian"


def received(moment: datetime, **values):
	with frozen_at(moment):
		return make_permohonan(tanggal_diterima=moment, **values)


def forward(doc, users, moment: datetime):
	doc = act_at(moment, doc, "Registrasi", users["desk"])
	return act_at(moment, doc, "Teruskan", users["desk"])


def objection(request, cause: str, moment: datetime, users):
	with frozen_at(moment):
		doc = frappe.get_doc(
			{
				"doctype": "Keberatan Informasi",
				"permohonan": request.name,
				"tanggal_penyebab": cause,
				"tanggal_diajukan": moment,
				"alasan": OBJECTION_REASON,
				"kasus_posisi": "Permohonan ditolak.",
			}
		).insert(ignore_permissions=True)
	return forward(doc, users, moment)


class TestLaporanInformasi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Only the users these tests act as (creating a user hashes its password: about a second each).
		cls.users = users = {key: make_user(key) for key in ("desk", "ppid", "atasan", "petugas")}
		clock.clear_calendar_cache()
		ppid, desk = users["ppid"], users["desk"]
		decide = lambda moment, doc, **notice: act_at(moment, doc, "Putuskan", ppid, **notice)  # noqa: E731

		r1 = forward(
			received(office(2026, 8, 3, 9, 0), nama_pemohon="Andi Uji Satu"), users, office(2026, 8, 3, 9, 5)
		)
		r1 = decide(office(2026, 8, 6, 10, 0), r1, **GRANTED_NOTICE, biaya=15000, rincian_biaya="Fotokopi")
		r1 = act_at(
			office(2026, 8, 7, 9, 0),
			r1,
			"Serahkan",
			desk,
			diserahkan_melalui="Email",
			tanggal_diserahkan="2026-08-07",
		)

		r2 = forward(
			received(office(2026, 8, 4, 9, 0), informasi_diminta=FORMULA), users, office(2026, 8, 4, 9, 5)
		)
		r2 = decide(
			office(2026, 8, 18, 10, 0),
			r2,
			**{**GRANTED_NOTICE, **REFUSAL_H, "keputusan": "Dikabulkan Sebagian"},
			bagian_dihitamkan="NIK pemilih",
		)

		r3 = received(office(2026, 8, 5, 9, 0))
		r3 = act_at(office(2026, 8, 5, 9, 10), r3, "Registrasi", desk)
		r3 = act_at(office(2026, 8, 5, 9, 30), r3, "Tolak", desk, keputusan="Ditolak", **REFUSAL_H)

		r4 = forward(received(office(2026, 8, 10, 9, 0)), users, office(2026, 8, 10, 9, 5))
		r4 = act_at(
			office(2026, 8, 24, 10, 0),
			r4,
			"Perpanjang",
			ppid,
			alasan_perpanjangan="Arsip di gudang logistik.",
		)
		r4 = decide(
			office(2026, 9, 7, 10, 0),
			r4,
			keputusan="Ditolak",
			pasal_pengecualian="Pasal 17 huruf c",
			uji_konsekuensi="Membahayakan pertahanan dan keamanan negara.",
		)

		r5 = forward(received(office(2026, 9, 1, 9, 0)), users, office(2026, 9, 1, 9, 5))
		r5 = decide(
			office(2026, 9, 3, 10, 0),
			r5,
			keputusan="Informasi Tidak Dikuasai",
			badan_publik_penguasa="KPU Provinsi Gorontalo",
		)

		r6 = received(office(2026, 9, 2, 9, 0))
		r6 = act_at(office(2026, 9, 2, 9, 5), r6, "Registrasi", desk)

		r7 = forward(received(office(2026, 9, 3, 9, 0), kanal="Email"), users, office(2026, 9, 3, 9, 5))
		r7 = decide(
			office(2026, 9, 3, 14, 0),
			r7,
			keputusan="Informasi Belum Didokumentasikan",
			perkiraan_dokumentasi="2026-12-31",
		)

		received(office(2026, 10, 1, 9, 0))  # R8, outside the period

		k1 = objection(r3, "2026-08-05", office(2026, 8, 10, 10, 0), users)
		k1 = act_at(
			office(2026, 8, 12, 10, 0),
			k1,
			"Tanggapi",
			users["atasan"],
			keputusan_atasan="Keberatan Ditolak",
			tanggapan="<p>Penolakan sudah sesuai Pasal 17 huruf h.</p>",
			**ATASAN,
		)
		k1 = act_at(
			office(2026, 8, 13, 10, 0),
			k1,
			"Selesaikan",
			desk,
			tanggapan_pemohon="Tidak Menerima (ke Komisi Informasi)",
		)
		k2 = objection(r4, "2026-09-07", office(2026, 9, 9, 10, 0), users)
		k2 = act_at(
			office(2026, 9, 11, 10, 0),
			k2,
			"Tanggapi",
			users["atasan"],
			keputusan_atasan="Keberatan Diterima",
			tanggapan="<p>Informasi diberikan sebagian.</p>",
			**ATASAN,
		)

		cls.r = [x.name for x in (r1, r2, r3, r4, r5, r6, r7)]
		cls.k = [k1.name, k2.name]
		assert [x.workflow_state for x in (r1, r2, r3, r4, r5, r6, r7, k1, k2)] == [
			"Selesai",
			"Pemberitahuan",
			"Pemberitahuan",
			"Pemberitahuan",
			"Pemberitahuan",
			"Terdaftar",
			"Pemberitahuan",
			"Selesai",
			"Ditanggapi",
		]

		settings = frappe.get_single("Pengaturan Kantor")
		row = next((r for r in settings.penandatangan if r.peran == "PPID"), None)
		if row:
			frappe.db.set_value("Penandatangan Surat", row.name, SIGNATORY)
		else:
			frappe.get_doc(
				{
					"doctype": "Penandatangan Surat",
					"parent": "Pengaturan Kantor",
					"parenttype": "Pengaturan Kantor",
					"parentfield": "penandatangan",
					"idx": 99,
					"peran": "PPID",
					**SIGNATORY,
				}
			).db_insert()
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		cls.office_name = settings.nama_kantor
		cls.town = settings.kota

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		super().tearDownClass()

	def filters(self, **extra):
		return frappe._dict(PERIOD, **extra)

	# --- Register Permohonan Informasi ----------------------------------------------------------------

	def test_register_permohonan_rows(self):
		columns, rows, message, chart, summary = register_permohonan_informasi.execute(self.filters())
		self.assertEqual([r["name"] for r in rows], self.r)
		self.assertEqual([r["no"] for r in rows], list(range(1, 8)))
		self.assertEqual([r["hari_kerja"] for r in rows], [3, 9, 0, 18, 2, None, 0])
		self.assertEqual(
			[r["status_informasi"] for r in rows],
			["Dikuasai"] * 4 + ["Tidak Dikuasai", "", "Belum Didokumentasikan"],
		)
		self.assertEqual([r["perpanjangan"] for r in rows], ["Tidak"] * 3 + ["Ya"] + ["Tidak"] * 3)
		self.assertEqual(
			[r["keberatan"] for r in rows], ["Tidak", "Tidak", "Ada", "Ada", "Tidak", "Tidak", "Tidak"]
		)
		self.assertEqual((rows[2]["nomor_keberatan"], rows[3]["nomor_keberatan"]), tuple(self.k))
		r1, r2, r3, r4 = rows[:4]
		self.assertEqual(r1["tanggal_diterima"], date(2026, 8, 3))  # the office's date
		self.assertEqual(
			(r1["nama_pemohon"], r1["jenis_pemohon"], r1["kontak"], r1["kanal"]),
			("Andi Uji Satu", "Perorangan", "081298765432 / andi.uji@contoh.id", "Langsung (Meja Layanan)"),
		)
		self.assertEqual(r1["cara_memperoleh"], "Mendapatkan Salinan (Softcopy); Email")
		self.assertEqual(
			(r1["keputusan"], r1["tanggal_pemberitahuan"], r1["tanggal_diserahkan"], r1["biaya"]),
			("Dikabulkan Seluruhnya", date(2026, 8, 6), date(2026, 8, 7), 15000),
		)
		self.assertEqual(r2["informasi_diminta"], FORMULA)
		self.assertEqual(
			(r2["keputusan"], r2["pasal_pengecualian"]), ("Dikabulkan Sebagian", "Pasal 17 huruf h")
		)
		self.assertEqual((r3["keputusan"], r3["tanggal_pemberitahuan"]), ("Ditolak", date(2026, 8, 5)))
		self.assertEqual(
			(r4["pasal_pengecualian"], r4["tanggal_perpanjangan"], r4["tanggal_pemberitahuan"]),
			("Pasal 17 huruf c", date(2026, 8, 24), date(2026, 9, 7)),
		)
		self.assertEqual(rows[5]["status"], "Terdaftar")
		self.assertIn("1 Agustus 2026 s.d. 30 September 2026", message)
		self.assertIsNone(chart)
		self.assertEqual(
			{s["label"]: s["value"] for s in summary},
			{
				"Jumlah Permohonan": 7,
				"Sudah Diputus": 6,
				"Dalam Proses": 1,
				"Melewati Batas Waktu": 2,  # R4 after its extended deadline, R6 still open
				"Dengan Keberatan": 2,
			},
		)
		self.assertEqual(
			register_permohonan_informasi.totals_row(rows),
			{
				"name": "7 permohonan",
				"kanal": "Langsung (Meja Layanan) 6; Email 1",
				"jenis_informasi": "(tidak diisi) 7",
				"perpanjangan": "1 diperpanjang",
				"biaya": 15000,
				"keberatan": "2 ada",
			},
		)

	def test_register_permohonan_filters(self):
		names = lambda **f: [r["name"] for r in register_permohonan_informasi.execute(self.filters(**f))[1]]  # noqa: E731
		r1, r2, r3, r4, r5, r6, r7 = self.r
		self.assertEqual(names(keputusan="Ditolak"), [r3, r4])
		self.assertEqual(names(kanal="Email"), [r7])
		self.assertEqual(names(status="Terdaftar"), [r6])
		self.assertEqual(names(from_date="2026-09-01", to_date="2026-09-30"), [r5, r6, r7])
		self.assertEqual(names(**AUGUST), [r1, r2, r3, r4])

	# --- Register Keberatan Informasi -----------------------------------------------------------------

	def test_register_keberatan_rows(self):
		columns, rows, message, chart, summary = register_keberatan_informasi.execute(self.filters())
		self.assertEqual([r["name"] for r in rows], self.k)
		k1, k2 = rows
		self.assertEqual(
			{key: k1[key] for key in ("no", "tanggal_diajukan", "nama_pemohon", "permohonan", "alasan")},
			{
				"no": 1,
				"tanggal_diajukan": date(2026, 8, 10),
				"nama_pemohon": "Andi Pemohon Uji",
				"permohonan": self.r[2],
				"alasan": OBJECTION_REASON,
			},
		)
		self.assertTrue(k1["informasi_diminta"].startswith("Salinan keputusan penetapan DPT"))
		self.assertEqual(k1["tujuan_penggunaan"], "Penelitian skripsi.")
		self.assertEqual(
			(k1["keputusan_atasan"], k1["tanggal_tanggapan"], k1["nama_atasan"], k1["jabatan_atasan"]),
			("Keberatan Ditolak", date(2026, 8, 12), ATASAN["nama_atasan"], ATASAN["jabatan_atasan"]),
		)
		self.assertTrue(k1["nomor_tanggapan"])
		self.assertEqual(k1["tanggapan_pemohon"], "Tidak Menerima (ke Komisi Informasi)")
		self.assertEqual(
			(k2["permohonan"], k2["keputusan_atasan"], k2["tanggapan_pemohon"], k2["status"]),
			(self.r[3], "Keberatan Diterima", "", "Ditanggapi"),
		)
		self.assertEqual(
			[s["value"] for s in summary], [2, 1, 1, 0]
		)  # all, accepted, refused, not yet answered
		names = lambda **f: [r["name"] for r in register_keberatan_informasi.execute(self.filters(**f))[1]]  # noqa: E731
		self.assertEqual(names(keputusan_atasan="Keberatan Diterima"), [self.k[1]])
		self.assertEqual(names(status="Selesai"), [self.k[0]])

	# --- Laporan Layanan Informasi Publik -------------------------------------------------------------

	def test_laporan_figures(self):
		columns, rows, message, chart, summary = laporan_layanan_informasi_publik.execute(self.filters())
		col = {c["label"]: c["fieldname"] for c in columns}
		agu, sep, total = rows
		self.assertEqual([r["bulan"] for r in rows], ["Agustus 2026", "September 2026", "Jumlah"])
		self.assertTrue(total["is_total_row"])

		def figures(label):
			return [r[col[label]] for r in rows]

		self.assertEqual(figures("Jumlah Permohonan"), [4, 3, 7])
		self.assertEqual(figures("Dikabulkan Seluruhnya"), [1, 0, 1])
		self.assertEqual(figures("Dikabulkan Sebagian"), [1, 0, 1])
		self.assertEqual(figures("Ditolak"), [2, 0, 2])
		self.assertEqual(figures("Ditolak: Pasal 17 huruf c"), [1, 0, 1])
		self.assertEqual(figures("Ditolak: Pasal 17 huruf h"), [1, 0, 1])
		self.assertNotIn("Ditolak: Pasal 17 huruf a", col)  # only the letters cited
		self.assertEqual(figures("Informasi Tidak Dikuasai"), [0, 1, 1])
		self.assertEqual(figures("Informasi Belum Didokumentasikan"), [0, 1, 1])
		self.assertEqual(figures("Masih Diproses"), [0, 1, 1])
		# (3 + 9 + 0 + 18) / 4, (2 + 0) / 2, 32 / 6
		self.assertEqual(figures("Rata-rata Hari Kerja s.d. Pemberitahuan"), [7.5, 1.0, 5.3])
		self.assertEqual(figures("Diperpanjang"), [1, 0, 1])
		self.assertEqual(figures("Melewati Batas Waktu"), [1, 1, 2])
		self.assertEqual(figures("Keberatan Diajukan"), [1, 1, 2])
		self.assertEqual(figures("Keberatan Diterima"), [0, 1, 1])
		self.assertEqual(figures("Keberatan Ditolak"), [1, 0, 1])
		self.assertEqual(figures("Keberatan Belum Ditanggapi"), [0, 0, 0])
		self.assertEqual(figures("Diajukan ke Komisi Informasi"), [1, 0, 1])

		self.assertEqual(chart["data"]["labels"], ["Agu 2026", "Sep 2026"])
		granted = next(d for d in chart["data"]["datasets"] if d["name"] == "Dikabulkan Seluruhnya")
		self.assertEqual(granted["values"], [1, 0])
		self.assertEqual(
			{s["label"]: s["value"] for s in summary},
			{
				"Jumlah Permohonan": 7,
				"Dikabulkan": 2,
				"Ditolak": 2,
				"Masih Diproses": 1,
				"Rata-rata Hari Kerja": 5.3,
				"Keberatan": 2,
			},
		)

	def test_laporan_monthly_and_annual_periods(self):
		columns, rows, *_ = laporan_layanan_informasi_publik.execute(frappe._dict(AUGUST))
		self.assertEqual([r["bulan"] for r in rows], ["Agustus 2026", "Jumlah"])
		self.assertEqual((rows[-1]["permohonan"], rows[-1]["keberatan"]), (4, 1))
		annual = frappe._dict(periode="Tahunan", tahun=2026)
		self.assertEqual(common.period_bounds(annual), (date(2026, 1, 1), date(2026, 12, 31)))
		self.assertEqual(common.get_period(annual).months[-1], "2026-12")
		with self.assertRaises(frappe.ValidationError):
			common.get_period(frappe._dict(periode="Bulanan", tahun=2026, bulan="Agustusan"))

	# --- Excel ----------------------------------------------------------------------------------------

	def export(self, report_name, user, filters):
		frappe.local.response = frappe._dict()
		with as_user(user):
			export_xlsx(report_name, frappe.as_json(filters))
		response = frappe.local.response
		self.assertEqual(response["type"], "binary")
		return response["filename"], openpyxl.load_workbook(io.BytesIO(response["filecontent"])).active

	def signature(self, ws, after_row):
		today = clock.office_today()
		values = [v for row in ws.iter_rows(min_row=after_row, values_only=True) for v in row if v]
		self.assertEqual(
			values,
			[
				f"{self.town}, {format_date(today)}",
				SIGNATORY["jabatan"],
				SIGNATORY["nama"],
				f"NIP. {SIGNATORY['nip']}",
			],
		)

	def test_laporan_xlsx(self):
		filename, ws = self.export("Laporan Layanan Informasi Publik", self.users["atasan"], AUGUST)
		self.assertEqual(filename, "laporan_layanan_informasi_publik_2026-08-01_2026-08-31.xlsx")
		self.assertEqual(ws["A1"].value, "LAPORAN LAYANAN INFORMASI PUBLIK")
		self.assertEqual(ws["A2"].value, self.office_name)
		self.assertEqual(ws["A3"].value, "Periode: 1 Agustus 2026 s.d. 31 Agustus 2026")
		self.assertEqual(ws["A4"].value, "Laporan Bulanan: Agustus 2026")
		header = [c.value for c in ws[6]]
		self.assertEqual(
			header[:5],
			["Bulan", "Jumlah Permohonan", "Dikabulkan Seluruhnya", "Dikabulkan Sebagian", "Ditolak"],
		)
		self.assertEqual([c.value for c in ws[7]][:5], ["Agustus 2026", 4, 1, 1, 2])
		totals = [c.value for c in ws[8]]
		self.assertEqual(totals[:2], ["Jumlah", 4])
		self.assertEqual(totals[header.index("Rata-rata Hari Kerja s.d. Pemberitahuan")], 7.5)
		self.assertEqual(totals[header.index("Ditolak: Pasal 17 huruf h")], 1)
		self.assertEqual(totals[header.index("Keberatan Ditolak")], 1)
		self.assertTrue(ws["A8"].font.b)
		self.signature(ws, 9)

	def test_register_permohonan_xlsx(self):
		filename, ws = self.export(
			"Register Permohonan Informasi", self.users["desk"], self.filters(keputusan="Ditolak")
		)
		self.assertEqual(ws["A1"].value, "REGISTER PERMOHONAN INFORMASI PUBLIK")
		self.assertEqual(ws["A3"].value, "Periode: 1 Agustus 2026 s.d. 30 September 2026")
		self.assertEqual(ws["A4"].value, "Keputusan: Ditolak")
		header = [c.value for c in ws[6]]
		self.assertEqual(header[:4], ["No.", "Nomor Registrasi", "Tanggal Diterima", "Nama Pemohon"])
		first = [c.value for c in ws[7]]
		self.assertEqual(first[:3], [1, self.r[2], datetime(2026, 8, 5)])
		self.assertEqual(first[header.index("Alasan Penolakan (Pasal 17)")], "Pasal 17 huruf h")
		self.assertEqual(first[header.index("Nomor Keberatan")], self.k[0])
		self.assertEqual(ws.cell(row=8, column=header.index("Jangka Waktu (Hari Kerja)") + 1).value, 18)
		totals = [c.value for c in ws[9]]
		self.assertEqual(totals[:2], ["Jumlah", "2 permohonan"])
		self.assertEqual(totals[header.index("Perpanjangan")], "1 diperpanjang")
		self.signature(ws, 10)

		filename, ws = self.export("Register Permohonan Informasi", self.users["ppid"], self.filters())
		header = [c.value for c in ws[5]]
		cell = ws.cell(row=7, column=header.index("Informasi yang Diminta") + 1)
		self.assertEqual((cell.value, cell.data_type), (FORMULA, "s"))  # text, never a formula

	def test_register_keberatan_xlsx(self):
		filename, ws = self.export("Register Keberatan Informasi", self.users["atasan"], self.filters())
		self.assertEqual(ws["A1"].value, "REGISTER KEBERATAN INFORMASI PUBLIK")
		header = [c.value for c in ws[5]]
		self.assertIn("Tanggapan Pemohon", header)
		self.assertEqual([c.value for c in ws[6]][:2], [1, self.k[0]])
		totals = [c.value for c in ws[8]]
		self.assertEqual(totals[:2], ["Jumlah", "2 keberatan"])
		self.assertEqual(totals[header.index("Keputusan Atasan PPID")], "2 ditanggapi")
		self.signature(ws, 9)

	# --- Permissions and the workspace ----------------------------------------------------------------

	def test_report_roles(self):
		for key in ("desk", "ppid", "atasan"):
			with self.subTest(user=key), as_user(self.users[key]):
				result = run_report("Laporan Layanan Informasi Publik", filters=frappe._dict(AUGUST))
				self.assertEqual(result["result"][-1]["permohonan"], 4)
		with as_user(self.users["petugas"]):
			for report in ("Register Permohonan Informasi", "Register Keberatan Informasi"):
				with self.assertRaises(frappe.PermissionError):
					run_report(report, filters=self.filters())
				with self.assertRaises(frappe.PermissionError):
					export_xlsx(report, frappe.as_json(self.filters()))
			with self.assertRaises(frappe.PermissionError):
				count_overdue_requests()

	def test_workspace_and_overdue_card(self):
		with as_user(self.users["ppid"]):
			self.assertGreaterEqual(count_overdue_requests()["value"], 1)  # R6, plus older test data
		workspace = frappe.get_doc("Workspace", "Layanan Informasi Publik")
		self.assertEqual(
			{s.link_to for s in workspace.shortcuts},
			{
				"Permohonan Informasi",
				"Keberatan Informasi",
				"Register Permohonan Informasi",
				"Register Keberatan Informasi",
				"Laporan Layanan Informasi Publik",
				"Pengaturan Kantor",
			},
		)
		for card in workspace.number_cards:
			self.assertTrue(frappe.db.exists("Number Card", card.number_card_name))
		self.assertTrue(frappe.db.exists("Dashboard Chart", "Permohonan Informasi per Bulan"))

"""The Pengaduan reports and their Excel export, on a small data set with known months and times.

Five complaints are received at frozen office times (WITA) in May, June and July 2026 and moved along the
workflow at known minutes, so every count, share and working time in the reports is known in advance:

	A  12 Mei 09:00  Email        Data Pemilih  named     each step within its standard ... Selesai
	B  19 Mei 09:00  SP4N-LAPOR!  rahasia       Registrasi after 2 hours (late) ........... Terdaftar
	C   9 Jun 09:00  Surat        anonim        Tolak after 15 minutes ................... Tidak Ditindaklanjuti
	D   9 Jun 10:00  Email        named         never acted on (open, past due) .......... Diterima
	E   7 Jul 09:00  Email        named         Minta Kelengkapan after 20 minutes ....... Perlu Dilengkapi
"""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from datetime import date, datetime

import frappe
import openpyxl
import pytz
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_system_timezone

from kpu_dumas import clock
from kpu_dumas.core.dates import format_date
from kpu_dumas.kpu_dumas.report.kepatuhan_mutu_baku import kepatuhan_mutu_baku
from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
from kpu_dumas.reports.dashboard import count_overdue
from kpu_dumas.reports.export import export_xlsx
from kpu_dumas.tests.utils import (
	COMPLETE,
	act,
	as_user,
	make_all_users,
	make_identitas,
	make_pengaduan,
	office,
)

PERIOD = {"from_date": "2026-05-01", "to_date": "2026-07-31"}
HYPERLINK = '=HYPERLINK("http://x","klik")'
SECRET_NAME = "Rahasia Laporan Uji"
SECRET_NIK = "7503016607850099"
OPEN_NAME = "Budi Terbuka Uji"
SIGNATORY = {
	"nama": "Siti Kasubag Uji",
	"nip": "198001012005011001",
	"jabatan": "Kepala Subbagian Hukum dan SDM",
}

# Happy path after Registrasi: action, user key, fields.
TO_SELESAI = [
	("Teruskan", "petugas", {}),
	(
		"Ajukan Rekomendasi",
		"tim",
		{
			"hasil_telaah": "Terbukti.",
			"kesimpulan": "Terbukti",
			"jenis_rekomendasi": "Perbaikan Layanan",
			"rekomendasi": "Tambah loket.",
		},
	),
	("Setujui", "pyb", {"tanggapan": "<p>Loket tambahan dibuka.</p>"}),
	("Selesaikan", "petugas", {"media_tanggapan": "Email"}),
]


@contextmanager
def frozen_at(moment: datetime):
	"""Freeze time at a system-zone moment (as FrappeTestCase.freeze_time, usable in setUpClass)."""
	from freezegun import freeze_time

	utc = pytz.timezone(get_system_timezone()).localize(moment).astimezone(pytz.utc)
	with freeze_time(utc):
		yield


def act_at(moment: datetime, doc, action: str, user: str, **fields):
	with frozen_at(moment):
		return act(doc, action, user, **fields)


class TestLaporanPengaduan(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = users = make_all_users()
		clock.clear_calendar_cache()
		petugas = users["petugas"]

		# need to know: the Tim user of these tests is on the team of every case (pengaduan_permissions)
		team = [{"anggota": users["tim"]}]
		with frozen_at(office(2026, 5, 12, 9, 0)):
			a = make_pengaduan(
				perihal=HYPERLINK,
				kanal="Email",
				kategori="Data Pemilih",
				identitas=make_identitas(nama_lengkap=OPEN_NAME),
				tim_pemeriksa=team,
			)
		a = act_at(office(2026, 5, 12, 9, 10), a, "Registrasi", petugas, **COMPLETE)  # 10 of 30 minutes
		for i, (action, who, fields) in enumerate(TO_SELESAI):
			a = act_at(
				office(2026, 5, 12, 9, 15 + 5 * i), a, action, users[who], **fields
			)  # Terdaftar: 5 min

		with frozen_at(office(2026, 5, 19, 9, 0)):
			b = make_pengaduan(
				rahasia=True,
				kanal="SP4N-LAPOR!",
				nomor_tiket_lapor="LAPOR-2026-77",
				identitas=make_identitas(nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK),
				tim_pemeriksa=team,
			)
		b = act_at(office(2026, 5, 19, 11, 0), b, "Registrasi", petugas, **COMPLETE)  # 120 of 30 minutes

		with frozen_at(office(2026, 6, 9, 9, 0)):
			c = make_pengaduan(anonim=True, kanal="Surat", tim_pemeriksa=team)
		c = act_at(
			office(2026, 6, 9, 9, 15),
			c,
			"Tolak",
			petugas,
			alasan_tidak_ditindaklanjuti="Bukan kewenangan KPU",
		)

		with frozen_at(office(2026, 6, 9, 10, 0)):
			d = make_pengaduan(kanal="Email", tim_pemeriksa=team)

		with frozen_at(office(2026, 7, 7, 9, 0)):
			e = make_pengaduan(kanal="Email", tim_pemeriksa=team)
		e = act_at(office(2026, 7, 7, 9, 20), e, "Minta Kelengkapan", petugas, kekurangan="Salinan KTP.")

		cls.a, cls.b, cls.c, cls.d, cls.e = (x.name for x in (a, b, c, d, e))
		assert [x.workflow_state for x in (a, b, c, d, e)] == [
			"Selesai",
			"Terdaftar",
			"Tidak Ditindaklanjuti",
			"Diterima",
			"Perlu Dilengkapi",
		]

		settings = frappe.get_single("Pengaturan Kantor")
		row = next(r for r in settings.penandatangan if r.peran == "Kasubag Hukum dan SDM")
		frappe.db.set_value("Penandatangan Surat", row.name, SIGNATORY)
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		cls.office_name = settings.nama_kantor
		cls.town = settings.kota

	@classmethod
	def tearDownClass(cls):
		# Roll back the signatory first, then drop the cached settings that still hold it.
		frappe.db.rollback()
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		super().tearDownClass()

	def filters(self, **extra):
		return frappe._dict(PERIOD, **extra)

	# --- Register -------------------------------------------------------------------------------------

	def test_register_rows(self):
		columns, rows, message, chart, summary = register_pengaduan.execute(self.filters())
		self.assertEqual([r["name"] for r in rows], [self.a, self.b, self.c, self.d, self.e])
		self.assertEqual([r["no"] for r in rows], [1, 2, 3, 4, 5])
		a, b, c, d, e = rows
		self.assertEqual(
			a["tanggal_diterima"], date(2026, 5, 12)
		)  # the office's date, whatever the system zone
		self.assertEqual(
			(a["kanal"], a["pelapor"], a["perihal"], a["kategori"], a["status"]),
			("Email", OPEN_NAME, HYPERLINK, "Data Pemilih", "Selesai"),
		)
		self.assertTrue(a["nomor_surat_tanggapan"])
		self.assertEqual(a["tanggal_tanggapan"], date(2026, 5, 12))
		self.assertEqual(b["kanal"], "SP4N-LAPOR! (tiket LAPOR-2026-77)")
		self.assertEqual(
			[r["ketepatan"] for r in rows],
			["Tepat Waktu", "Terlambat", "Tepat Waktu", "Terlambat", "Tepat Waktu"],
		)
		self.assertIn("1 Mei 2026 s.d. 31 Juli 2026", message)
		self.assertIsNone(chart)
		self.assertEqual([s["value"] for s in summary], [5, 1, 3, 2])
		self.assertEqual(
			register_pengaduan.totals_row(rows), {"name": "5 pengaduan", "ketepatan": "2 terlambat"}
		)

	def test_register_masks_rahasia_and_anonim_for_every_user(self):
		for key in ("petugas", "pyb", "tim", "kasubag", "pimpinan"):
			with self.subTest(user=key), as_user(self.users[key]):
				result = run_report("Register Pengaduan", filters=self.filters())
				rows = {r["name"]: r for r in result["result"]}
				self.assertEqual(rows[self.b]["pelapor"], "Dirahasiakan")
				self.assertEqual(rows[self.c]["pelapor"], "Anonim")
				self.assertEqual(rows[self.a]["pelapor"], OPEN_NAME)
				text = frappe.as_json(result)
				self.assertNotIn(SECRET_NAME, text)
				self.assertNotIn(SECRET_NIK, text)

	def test_register_filters(self):
		names = lambda **f: [r["name"] for r in register_pengaduan.execute(self.filters(**f))[1]]  # noqa: E731
		self.assertEqual(names(kanal="Email"), [self.a, self.d, self.e])
		self.assertEqual(names(kategori="Data Pemilih"), [self.a])
		self.assertEqual(names(status="Diterima"), [self.d])
		self.assertEqual(names(from_date="2026-06-01", to_date="2026-06-30"), [self.c, self.d])
		with self.assertRaises(frappe.ValidationError):
			register_pengaduan.execute(frappe._dict(from_date="2026-07-31", to_date="2026-05-01"))

	# --- Rekap ----------------------------------------------------------------------------------------

	def test_rekap_by_channel(self):
		columns, rows, message, chart, summary = rekap_pengaduan.execute(self.filters(rincian="Kanal"))
		col = {c["label"]: c["fieldname"] for c in columns}
		mei, jun, jul, total = rows
		self.assertEqual([r["bulan"] for r in rows], ["Mei 2026", "Juni 2026", "Juli 2026", "Jumlah"])
		self.assertEqual([r["jumlah"] for r in rows], [2, 2, 1, 5])
		self.assertEqual([r[col["Email"]] for r in rows], [1, 1, 1, 3])
		self.assertEqual([r[col["SP4N-LAPOR!"]] for r in rows], [1, 0, 0, 1])
		self.assertEqual([r[col["Surat"]] for r in rows], [0, 1, 0, 1])
		self.assertEqual([r["tepat_waktu"] for r in rows], [1, 1, 1, 3])
		self.assertEqual([r["terlambat"] for r in rows], [1, 1, 0, 2])
		self.assertEqual([r["persen_tepat_waktu"] for r in rows], [50.0, 50.0, 100.0, 60.0])
		self.assertTrue(total["is_total_row"])
		self.assertEqual(chart["data"]["labels"], ["Mei 2026", "Jun 2026", "Jul 2026"])
		email = next(d for d in chart["data"]["datasets"] if d["name"] == "Email")
		self.assertEqual(email["values"], [1, 1, 1])
		self.assertEqual(
			{s["label"]: s["value"] for s in summary},
			{
				"Jumlah Pengaduan": 5,
				"Selesai": 1,
				"Dalam Proses": 3,
				"Tidak Ditindaklanjuti": 1,
				"% Tepat Waktu": 60.0,
			},
		)

	def test_rekap_by_category_and_status(self):
		columns, rows, *_ = rekap_pengaduan.execute(self.filters(rincian="Kategori"))
		col = {c["label"]: c["fieldname"] for c in columns}
		self.assertEqual(rows[-1][col["Data Pemilih"]], 1)
		self.assertEqual(rows[-1][col["Pelayanan Administrasi"]], 4)

		columns, rows, *_ = rekap_pengaduan.execute(self.filters(rincian="Status"))
		col = {c["label"]: c["fieldname"] for c in columns}
		total = rows[-1]
		for state in ("Selesai", "Terdaftar", "Tidak Ditindaklanjuti", "Diterima", "Perlu Dilengkapi"):
			self.assertEqual(total[col[state]], 1, state)
		self.assertEqual(total[col["Ditelaah"]], 0)

		columns, rows, *_ = rekap_pengaduan.execute(self.filters(kategori="Data Pemilih"))
		self.assertEqual(rows[-1]["jumlah"], 1)

	# --- Kepatuhan Mutu Baku --------------------------------------------------------------------------

	def test_kepatuhan_mutu_baku(self):
		columns, rows, message, chart, summary = kepatuhan_mutu_baku.execute(self.filters())
		by_stage = {r["tahap"]: r for r in rows}
		self.assertEqual(
			list(by_stage),
			[
				"Diterima",
				"Perlu Dilengkapi",
				"Terdaftar",
				"Ditelaah",
				"Rekomendasi",
				"Ditanggapi",
				"Semua tahap",
			],
		)
		diterima = by_stage["Diterima"]  # A 10, B 120 (late), C 15, E 20 minutes; D still open and late
		self.assertEqual(
			(
				diterima["selesai"],
				diterima["tepat_waktu"],
				diterima["terlambat"],
				diterima["berjalan_terlambat"],
			),
			(4, 3, 1, 1),
		)
		self.assertEqual((diterima["median_menit"], diterima["terlama_menit"]), (17.5, 120))
		self.assertEqual((diterima["median"], diterima["terlama"]), ("18 menit", "2 jam"))
		self.assertEqual((diterima["mutu_baku"], diterima["persen_tepat_waktu"]), ("30 menit", 75.0))
		terdaftar = by_stage["Terdaftar"]  # A 5 minutes; B still open and late
		self.assertEqual(
			(
				terdaftar["selesai"],
				terdaftar["median_menit"],
				terdaftar["tepat_waktu"],
				terdaftar["berjalan_terlambat"],
			),
			(1, 5, 1, 1),
		)
		self.assertEqual((by_stage["Ditelaah"]["selesai"], by_stage["Ditelaah"]["tanpa_batas"]), (1, 1))
		self.assertEqual(by_stage["Perlu Dilengkapi"]["selesai"], 0)
		total = by_stage["Semua tahap"]
		self.assertEqual((total["selesai"], total["tepat_waktu"], total["terlambat"]), (8, 4, 1))
		self.assertEqual((total["berjalan_terlambat"], total["persen_tepat_waktu"]), (2, 80.0))
		self.assertEqual(chart["data"]["labels"], ["Diterima", "Terdaftar"])
		self.assertEqual({s["label"]: s["value"] for s in summary}["Selesai Terlambat"], 1)

	# --- Excel ----------------------------------------------------------------------------------------

	def export(self, report_name, user, **extra):
		frappe.local.response = frappe._dict()
		with as_user(user):
			export_xlsx(report_name, frappe.as_json(self.filters(**extra)))
		response = frappe.local.response
		self.assertEqual(response["type"], "binary")
		self.assertTrue(response["filename"].endswith("_2026-05-01_2026-07-31.xlsx"))
		return response["filecontent"]

	def test_register_xlsx(self):
		content = self.export("Register Pengaduan", self.users["kasubag"])
		ws = openpyxl.load_workbook(io.BytesIO(content)).active
		self.assertEqual(ws["A1"].value, "REGISTER PENGADUAN MASYARAKAT")
		self.assertEqual(ws["A2"].value, self.office_name)
		self.assertEqual(ws["A3"].value, "Periode: 1 Mei 2026 s.d. 31 Juli 2026")
		header = [c.value for c in ws[5]]
		self.assertEqual(
			header[:6], ["No.", "Nomor Registrasi", "Tanggal Diterima", "Kanal", "Pelapor", "Perihal"]
		)
		self.assertEqual(ws.freeze_panes, "A6")

		first = [c.value for c in ws[6]]
		self.assertEqual(first[:5], [1, self.a, datetime(2026, 5, 12), "Email", OPEN_NAME])
		perihal = ws.cell(row=6, column=header.index("Perihal") + 1)
		self.assertEqual((perihal.value, perihal.data_type), (HYPERLINK, "s"))
		self.assertEqual(ws.cell(row=7, column=header.index("Pelapor") + 1).value, "Dirahasiakan")
		self.assertEqual(ws.cell(row=8, column=header.index("Pelapor") + 1).value, "Anonim")

		totals = [c.value for c in ws[11]]
		self.assertEqual(totals[:2], ["Jumlah", "5 pengaduan"])
		self.assertEqual(totals[header.index("Ketepatan Waktu")], "2 terlambat")

		signature = [v for row in ws.iter_rows(min_row=12, values_only=True) for v in row if v]
		today = clock.to_office(clock.now(), clock.get_calendar()).date()
		self.assertEqual(
			signature,
			[
				f"{self.town}, {format_date(today)}",
				SIGNATORY["jabatan"],
				SIGNATORY["nama"],
				f"NIP. {SIGNATORY['nip']}",
			],
		)

		# No formula anywhere, and the confidential reporter nowhere (raw bytes or unzipped XML).
		with zipfile.ZipFile(io.BytesIO(content)) as z:
			xml = "".join(z.read(n).decode("utf-8") for n in z.namelist())
		self.assertNotIn("<f>", xml)
		for secret in (SECRET_NAME, SECRET_NIK):
			self.assertNotIn(secret, xml)
			self.assertNotIn(secret.encode(), content)
		self.assertIn(OPEN_NAME, xml)

	def test_rekap_and_kepatuhan_xlsx_totals(self):
		ws = openpyxl.load_workbook(io.BytesIO(self.export("Rekap Pengaduan", self.users["pimpinan"]))).active
		self.assertEqual(ws["A1"].value, "REKAPITULASI PENGADUAN MASYARAKAT")
		self.assertEqual(ws["A4"].value, "Rincian menurut: Kanal")
		header = [c.value for c in ws[6]]
		self.assertEqual(header[:2], ["Bulan", "Jumlah"])
		self.assertEqual([c.value for c in ws[7]][:2], ["Mei 2026", 2])
		totals = [c.value for c in ws[10]]
		self.assertEqual(totals[:2], ["Jumlah", 5])
		self.assertEqual(totals[header.index("Email")], 3)
		self.assertEqual(totals[header.index("% Tepat Waktu")], 0.6)  # a percentage cell

		ws = openpyxl.load_workbook(
			io.BytesIO(self.export("Kepatuhan Mutu Baku", self.users["tim"], kanal="Email"))
		).active
		self.assertEqual(ws["A4"].value, "Kanal: Email")
		totals = next(row for row in ws.iter_rows(values_only=True) if row[0] == "Semua tahap")
		self.assertEqual(totals[1], 6)  # A: 5 stages done, E: Diterima

	def test_refused_without_a_report_role(self):
		with as_user(self.users["lain"]):
			with self.assertRaises(frappe.PermissionError):
				export_xlsx("Register Pengaduan", frappe.as_json(self.filters()))
			with self.assertRaises(frappe.PermissionError):
				run_report("Rekap Pengaduan", filters=self.filters())
			with self.assertRaises(frappe.PermissionError):
				count_overdue()
		with as_user(self.users["kasubag"]), self.assertRaises(frappe.PermissionError):
			export_xlsx("User Activity Report", frappe.as_json(self.filters()))

	def test_overdue_card_counts_open_late_stages(self):
		with as_user(self.users["pimpinan"]):
			result = count_overdue()
		self.assertEqual(result["fieldtype"], "Int")
		self.assertGreaterEqual(result["value"], 2)  # B (Terdaftar) and D (Diterima), plus older test data

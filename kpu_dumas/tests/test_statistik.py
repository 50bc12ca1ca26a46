"""/statistik, its guest JSON and the Laporan Tahunan Layanan Informasi Publik, on a seeded year (2025).

Complaints (category KATEGORI, so they are found again) and requests are received at frozen office
times and moved along their workflows, then committed: the page and the endpoint are fetched over HTTP,
from another connection, as a guest would.

	A  4 Mar  Email                  Selesai (answered 6 Mar)
	B  5 Mar  Langsung, rahasia      Ditelaah (the secret case: nothing of it may reach the page)
	C  8 Apr  Surat                  Tidak Ditindaklanjuti
	D 12 Mei  Telepon/WhatsApp       Diterima, never acted on
	R1  3 Feb  Dikabulkan Seluruhnya     R2  4 Feb  Ditolak at the desk, Pasal 17 huruf h; objection K1
	R3  2 Jun  Terdaftar, undecided          (11 Feb) Ditolak, the requester goes to the Komisi Informasi
"""

from __future__ import annotations

import io
import itertools
import time

import frappe
import openpyxl
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas import statistik
from kpu_dumas.api import statistik as api
from kpu_dumas.core import recap
from kpu_dumas.core import statistik as core
from kpu_dumas.core.dates import MONTHS
from kpu_dumas.kpu_dumas.report.kepatuhan_mutu_baku import kepatuhan_mutu_baku
from kpu_dumas.kpu_dumas.report.laporan_layanan_informasi_publik import (
	laporan_layanan_informasi_publik as llip,
)
from kpu_dumas.kpu_dumas.report.laporan_tahunan_layanan_informasi_publik import (
	laporan_tahunan_layanan_informasi_publik as tahunan,
)
from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
from kpu_dumas.reports.export import export_xlsx
from kpu_dumas.tests import test_laporan, test_laporan_informasi
from kpu_dumas.tests.utils import (
	COMPLETE,
	GRANTED_NOTICE,
	advance,
	as_user,
	delete_identities,
	make_identitas,
	make_pengaduan,
	make_user,
	office,
)
from kpu_dumas.www import statistik as page

YEAR = 2025
KATEGORI = "Uji Statistik Publik"
SECRET = {
	"perihal": "Uji statistik rahasia: pungutan di loket tujuh",
	"nama_lengkap": "Rahasia Statistik Uji Zulkarnain",
	"nomor_identitas": "7503012507910011",
	"email": "rahasia.statistik@contoh.id",
	"telepon": "085211223344",
}
PUBLIC_NAME = "Terbuka Statistik Uji"
REQUESTER = "Pemohon Statistik Uji"
ANNUAL = {"periode": "Tahunan", "tahun": YEAR}
PAGE = "/statistik"
ENDPOINT = "/api/method/kpu_dumas.api.statistik.data"
_addresses = itertools.count(11)

act_at, frozen_at = test_laporan.act_at, test_laporan.frozen_at


def cleanup(attempts: int = 5):
	"""Remove what a run of this module left behind (also what a crashed run left); retried when a
	concurrent writer on the same site causes a lock deadlock."""
	for attempt in range(1, attempts + 1):
		try:
			return _cleanup()
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == attempts:
				raise
			time.sleep(attempt)


def _cleanup():
	frappe.db.rollback()
	complaints = frappe.get_all("Pengaduan", filters={"kategori": KATEGORI}, pluck="name")
	requests = frappe.get_all("Permohonan Informasi", filters={"nama_pemohon": REQUESTER}, pluck="name")
	objections = frappe.get_all(
		"Keberatan Informasi", filters={"permohonan": ("in", requests or [""])}, pluck="name"
	)
	for doctype, names in (
		("Pengaduan", complaints),
		("Permohonan Informasi", requests),
		("Keberatan Informasi", objections),
	):
		for name in names:
			for child in ("Riwayat Tahap", "Bukti Pengaduan", "Pengaduan Tergabung"):
				frappe.db.delete(child, {"parent": name})
			for table in ("ToDo", "Comment", "Email Queue", "Notification Log"):
				field = "document_name" if table == "Notification Log" else "reference_name"
				frappe.db.delete(table, {field: name})
			frappe.db.delete("Version", {"docname": name})
			frappe.db.delete("__Auth", {"doctype": doctype, "name": name})
			if frappe.db.exists("DocType", "Surat Terbit"):  # the letter register, where installed
				frappe.db.delete("Surat Terbit", {"dokumen": name})
			frappe.db.delete(doctype, {"name": name})
	delete_identities("nama_lengkap", [SECRET["nama_lengkap"], PUBLIC_NAME])
	frappe.db.delete("Kategori Pengaduan", {"name": KATEGORI})
	frappe.db.commit()


def cached(key: str):
	"""The value in Redis now (not this process's copy of an earlier read: another request set it)."""
	frappe.local.cache.pop(frappe.cache.make_key(key), None)
	return frappe.cache.get_value(key)


class TestStatistik(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cleanup()
		cls.settings = {f: frappe.db.get_single_value("Pengaturan Kantor", f) for f in statistik.FIELDS}
		keys = ("petugas", "tim", "pyb", "desk", "ppid", "atasan")
		cls.users = users = {key: make_user(key) for key in keys}
		frappe.get_doc({"doctype": "Kategori Pengaduan", "kategori": KATEGORI}).insert(
			ignore_permissions=True
		)
		petugas = users["petugas"]

		def received(moment, **values):
			with frozen_at(moment):
				identitas = None if values.get("anonim") else make_identitas(nama_lengkap=PUBLIC_NAME)
				values.setdefault("identitas", identitas)
				return make_pengaduan(kategori=KATEGORI, **values)

		a = received(office(YEAR, 3, 4, 9, 0), kanal="Email")
		a = act_at(office(YEAR, 3, 4, 9, 10), a, "Registrasi", petugas, **COMPLETE)
		with frozen_at(office(YEAR, 3, 6, 10, 0)):
			a = advance(a, "Selesai", users)
		with frozen_at(office(YEAR, 3, 5, 9, 0)):
			secret = make_identitas(**{k: v for k, v in SECRET.items() if k != "perihal"})
			b = make_pengaduan(rahasia=True, identitas=secret, kategori=KATEGORI, perihal=SECRET["perihal"])
		b = act_at(office(YEAR, 3, 5, 9, 20), b, "Registrasi", petugas, **COMPLETE)
		b = act_at(office(YEAR, 3, 5, 9, 25), b, "Teruskan", petugas)
		c = received(office(YEAR, 4, 8, 9, 0), anonim=True, kanal="Surat")
		c = act_at(
			office(YEAR, 4, 8, 11, 0),
			c,
			"Tolak",
			petugas,
			alasan_tidak_ditindaklanjuti="Bukan kewenangan KPU",
		)
		d = received(office(YEAR, 5, 12, 9, 0), kanal="Telepon/WhatsApp")
		cls.complaints = [a, b, c, d]
		assert [x.workflow_state for x in cls.complaints] == [
			"Selesai",
			"Ditelaah",
			"Tidak Ditindaklanjuti",
			"Diterima",
		]

		tli = test_laporan_informasi
		r1 = tli.forward(
			tli.received(office(YEAR, 2, 3, 9, 0), nama_pemohon=REQUESTER), users, office(YEAR, 2, 3, 9, 5)
		)
		r1 = act_at(office(YEAR, 2, 6, 10, 0), r1, "Putuskan", users["ppid"], **GRANTED_NOTICE)
		r2 = tli.received(office(YEAR, 2, 4, 9, 0), nama_pemohon=REQUESTER)
		r2 = act_at(office(YEAR, 2, 4, 9, 10), r2, "Registrasi", users["desk"])
		r2 = act_at(
			office(YEAR, 2, 4, 9, 30), r2, "Tolak", users["desk"], keputusan="Ditolak", **tli.REFUSAL_H
		)
		r3 = tli.received(office(YEAR, 6, 2, 9, 0), nama_pemohon=REQUESTER)
		r3 = act_at(office(YEAR, 6, 2, 9, 5), r3, "Registrasi", users["desk"])
		k1 = tli.objection(r2, f"{YEAR}-02-04", office(YEAR, 2, 11, 10, 0), users)
		k1 = act_at(
			office(YEAR, 2, 13, 10, 0),
			k1,
			"Tanggapi",
			users["atasan"],
			keputusan_atasan="Keberatan Ditolak",
			tanggapan="<p>Penolakan sudah sesuai.</p>",
			**tli.ATASAN,
		)
		act_at(
			office(YEAR, 2, 14, 10, 0),
			k1,
			"Selesaikan",
			users["desk"],
			tanggapan_pemohon="Tidak Menerima (ke Komisi Informasi)",
		)
		cls.requests = [r1, r2, r3]
		frappe.db.set_single_value("Pengaturan Kantor", {"statistik_aktif": 1, "tahun_statistik": str(YEAR)})
		frappe.db.commit()
		statistik.clear_cache()

	@classmethod
	def tearDownClass(cls):
		try:
			cleanup()
		finally:
			frappe.db.rollback()
			frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
			frappe.db.commit()
			statistik.clear_cache()
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		super().tearDownClass()

	def setUp(self):
		self.ip = f"10.78.0.{next(_addresses)}"
		frappe.cache.delete_value(f"rl:kpu_dumas.api.statistik.data:{self.ip}")
		self.switch(True, str(YEAR))

	def tearDown(self):
		frappe.db.rollback()

	# --- helpers --------------------------------------------------------------------------------------

	def switch(self, on: bool, years: str = ""):
		frappe.db.set_single_value(
			"Pengaturan Kantor", {"statistik_aktif": int(on), "tahun_statistik": years}
		)
		frappe.db.commit()
		statistik.clear_cache()

	def get(self, path, **query):
		return make_request(
			get_test_client().get,
			(path,),
			{"query_string": query, "headers": {"X-Forwarded-For": self.ip, "Accept": "application/json"}},
		)

	def page(self, **query) -> str:
		r = self.get(PAGE, **query)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True)[-2000:])
		return r.get_data(as_text=True)

	def json(self, **query) -> dict:
		r = self.get(ENDPOINT, **query)
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True)[-2000:])
		return r.json["message"]

	def month_index(self, label: str) -> int:
		name = label.split(" ")[0]
		return MONTHS.index(name)

	# --- the same numbers as the reports --------------------------------------------------------------

	def test_the_figures_equal_rekap_pengaduan_for_the_year(self):
		doc = statistik.compute_year(YEAR)
		for rincian, key in (("Kanal", "kanal"), ("Kategori", "kategori")):
			columns, rows, *_ = rekap_pengaduan.execute(frappe._dict(ANNUAL, rincian=rincian))
			values = {c["fieldname"]: c["_value"] for c in columns if "_value" in c}
			*months, total = rows
			self.assertEqual(len(months), 12)
			self.assertEqual(total["jumlah"], doc["pengaduan"]["jumlah"])
			for i, row in enumerate(months):
				month = doc["per_bulan"][i]["pengaduan"]
				self.assertEqual(row["jumlah"], month["jumlah"], (rincian, i))
				shown = {c["label"]: c["jumlah"] for c in month[key]}
				for field, value in values.items():
					self.assertEqual(row[field], shown.get(value, 0), (rincian, i, value))
		columns, rows, message, chart, summary = rekap_pengaduan.execute(
			frappe._dict(ANNUAL, rincian="Status")
		)
		cards = {s["label"]: s["value"] for s in summary}
		p = doc["pengaduan"]
		self.assertEqual(cards["Jumlah Pengaduan"], p["jumlah"])
		self.assertEqual(cards["Selesai"], p["status"]["selesai"])
		self.assertEqual(cards["Dalam Proses"], p["status"]["dalam_proses"])
		self.assertEqual(cards["Tidak Ditindaklanjuti"], p["status"]["tidak_ditindaklanjuti"])
		self.assertEqual(cards["% Tepat Waktu"] or None, p["ketepatan_waktu"]["persen_tepat_waktu"])
		# The seed is in there: our category counts our four complaints, in their months.
		ours = {c["label"]: c["jumlah"] for c in p["kategori"]}[KATEGORI]
		self.assertEqual(ours, 4)
		by_month = [
			{c["label"]: c["jumlah"] for c in m["pengaduan"]["kategori"]}.get(KATEGORI, 0)
			for m in doc["per_bulan"]
		]
		self.assertEqual(by_month[2:5], [2, 1, 1])

	def test_the_stage_figures_equal_kepatuhan_mutu_baku(self):
		doc = statistik.compute_year(YEAR)
		columns, rows, *_ = kepatuhan_mutu_baku.execute(frappe._dict(ANNUAL))
		stages = {s["label"]: s for s in doc["pengaduan"]["tahap"]}
		for row in rows:
			if row.get("is_total_row"):
				self.assertEqual(row["tepat_waktu"], doc["pengaduan"]["ketepatan_tahap"]["tepat_waktu"])
				self.assertEqual(row["terlambat"], doc["pengaduan"]["ketepatan_tahap"]["terlambat"])
				continue
			shown = stages[row["tahap"]]
			for key in ("selesai", "tepat_waktu", "terlambat", "persen_tepat_waktu"):
				self.assertEqual(row[key], shown[key], (row["tahap"], key))
		self.assertIn("Diterima", stages)
		# March in the monthly document is Kepatuhan Mutu Baku for March.
		march = {s["label"]: s for s in doc["per_bulan"][2]["pengaduan"]["tahap"]}
		_c, rows, *_ = kepatuhan_mutu_baku.execute(frappe._dict(periode="Bulanan", tahun=YEAR, bulan="Maret"))
		self.assertEqual(
			{r["tahap"]: r["tepat_waktu"] for r in rows if not r.get("is_total_row")},
			{k: v["tepat_waktu"] for k, v in march.items()},
		)

	def test_the_information_figures_equal_the_ppid_report(self):
		doc = statistik.compute_year(YEAR)
		columns, rows, *_ = llip.execute(frappe._dict(ANNUAL))
		*months, total = rows
		for i, row in enumerate([*months, total]):
			info = doc["per_bulan"][i]["informasi"] if i < 12 else doc["informasi"]
			decisions = {d["label"]: d["jumlah"] for d in info["keputusan"]}
			self.assertEqual(row["permohonan"], info["permohonan"], i)
			self.assertEqual(row["dikabulkan_seluruhnya"], decisions["Dikabulkan Seluruhnya"], i)
			self.assertEqual(row["ditolak"], decisions["Ditolak"], i)
			self.assertEqual(row["dalam_proses"], info["dalam_proses"], i)
			self.assertEqual(row["perpanjangan"], info["perpanjangan"], i)
			self.assertEqual(row["rata_hari_kerja"], info["hari_kerja_pemberitahuan"]["rata_rata"], i)
			self.assertEqual(row["keberatan"], info["keberatan"]["jumlah"], i)
			self.assertEqual(
				row["keberatan_ditolak"],
				{h["label"]: h["jumlah"] for h in info["keberatan"]["hasil"]}["Keberatan Ditolak"],
				i,
			)
			self.assertEqual(row["ke_komisi_informasi"], info["keberatan"]["ke_komisi_informasi"], i)
			refusals = {r["label"]: r["jumlah"] for r in info["penolakan"]}
			self.assertEqual(row.get("ditolak_pasal_17_huruf_h", 0), refusals["Pasal 17 huruf h"], i)
		february = doc["per_bulan"][1]["informasi"]
		self.assertGreaterEqual(february["permohonan"], 2)
		self.assertGreaterEqual(february["keberatan"]["ke_komisi_informasi"], 1)

	# --- the page and the endpoint --------------------------------------------------------------------

	def test_the_page_and_the_json_show_the_cached_year_and_nothing_of_the_secret_case(self):
		statistik.refresh()
		doc = cached(statistik.year_key(YEAR))
		self.assertEqual(doc["tahun"], YEAR)
		html = self.page(tahun=YEAR)
		data = self.json(tahun=YEAR)
		self.assertEqual(
			{k: v for k, v in data.items() if k != "tahun_tersedia"}, frappe.parse_json(frappe.as_json(doc))
		)
		self.assertEqual(data["tahun_tersedia"], [YEAR])
		core.check_public(data)
		# The page shows the same numbers, with a chart and a table for them.
		self.assertIn(f"Tahun {YEAR}", html)
		self.assertIn("Pengaduan menurut kanal", html)
		self.assertIn(f"{KATEGORI}</th><td>4</td>", html)
		self.assertIn('data-grafik="kanal"', html)
		self.assertIn("frappe-charts.umd.js", html)
		self.assertEqual(html.count("<table"), len(core.page_sections(doc, doc["per_bulan"])))
		b = self.complaints[1]
		secret_values = [*SECRET.values(), b.name, b.identitas_pelapor, PUBLIC_NAME, REQUESTER]
		secret_values += [x.name for x in self.complaints + self.requests]
		for value in secret_values:
			self.assertNotIn(value, html)
			self.assertNotIn(value, frappe.as_json(data))
		# One month.
		march = self.page(tahun=YEAR, bulan=3)
		self.assertIn(f"Maret {YEAR}", march)
		self.assertNotIn("Pengaduan per bulan", march)
		for value in secret_values:
			self.assertNotIn(value, march)

	def test_the_page_answers_from_the_cache_until_the_job_runs_again(self):
		job = frappe.get_doc("Scheduled Job Type", {"method": "kpu_dumas.statistik.refresh"})
		self.assertEqual(job.frequency, "Hourly")
		job.execute()
		before = self.json(tahun=YEAR)
		self.assertEqual(before["dihitung_pada"], cached(statistik.year_key(YEAR))["dihitung_pada"])
		with frozen_at(office(YEAR, 5, 20, 9, 0)):
			extra = make_pengaduan(
				kategori=KATEGORI, kanal="Email", identitas=make_identitas(nama_lengkap=PUBLIC_NAME)
			)
		frappe.db.commit()
		still = self.json(tahun=YEAR)
		self.assertEqual(still["pengaduan"]["jumlah"], before["pengaduan"]["jumlah"])
		self.assertEqual(still["dihitung_pada"], before["dihitung_pada"])
		page = self.page(tahun=YEAR)
		self.assertIn(f"{KATEGORI}</th><td>4</td>", page)
		job.execute()
		after = self.json(tahun=YEAR)
		self.assertEqual(after["pengaduan"]["jumlah"], before["pengaduan"]["jumlah"] + 1)
		self.assertEqual(
			after["per_bulan"][4]["pengaduan"]["jumlah"], before["per_bulan"][4]["pengaduan"]["jumlah"] + 1
		)
		self.assertIn(f"{KATEGORI}</th><td>5</td>", self.page(tahun=YEAR))
		self.assertNotIn(extra.name, self.page(tahun=YEAR))

	def test_from_the_cache_the_page_and_the_endpoint_ask_the_database_nothing(self):
		statistik.refresh()
		frappe.local.form_dict = frappe._dict(tahun=str(YEAR))
		page.get_context(frappe._dict())  # Frappe's own cache of the settings fills here
		with self.assertQueryCount(0):
			context = page.get_context(frappe._dict())
			data = api.data(tahun=YEAR)
		self.assertEqual(context.tahun, YEAR)
		self.assertEqual(data["dihitung_pada"], cached(statistik.year_key(YEAR))["dihitung_pada"])
		self.assertEqual(context.ringkasan, core.summary_cards(data))

	def test_a_cache_miss_is_computed_once_and_stored(self):
		self.assertIsNone(cached(statistik.year_key(YEAR)))
		self.page(tahun=YEAR)
		stored = cached(statistik.year_key(YEAR))
		self.assertIsNotNone(stored)
		self.assertEqual(self.json(tahun=YEAR)["dihitung_pada"], stored["dihitung_pada"])
		self.assertEqual(cached(statistik.INDEX_KEY), [YEAR])

	def test_switched_off_the_page_and_the_json_are_not_available(self):
		statistik.refresh()
		self.switch(False)
		r = self.get(PAGE)
		self.assertEqual(r.status_code, 404)
		text = r.get_data(as_text=True)
		self.assertIn("belum tersedia untuk umum", text)
		self.assertNotIn("Pengaduan menurut kanal", text)
		r = self.get(ENDPOINT, tahun=YEAR)
		self.assertEqual(r.status_code, 404)
		self.assertIn("belum tersedia", r.get_data(as_text=True))
		statistik.refresh()  # the job while off keeps nothing
		self.assertEqual(frappe.cache.get_keys(statistik.CACHE_PREFIX), [])

	def test_only_the_years_the_admin_chose_are_shown(self):
		r = self.get(PAGE, tahun=YEAR - 1)
		self.assertEqual(r.status_code, 404)
		self.assertIn("tidak tersedia", r.get_data(as_text=True))
		r = self.get(ENDPOINT, tahun=YEAR - 1)
		self.assertEqual(r.status_code, 404)
		html = self.page()
		self.assertIn(f'<option value="{YEAR}" selected>', html)
		self.assertNotIn(f'<option value="{YEAR - 1}"', html)
		self.assertEqual(self.json()["tahun"], YEAR)  # without tahun: the latest year shown
		# Blank: every year from the first case to this year.
		self.switch(True, "")
		self.assertEqual(statistik.years()[-1], statistik.today_year())
		self.assertIn(YEAR, statistik.years())

	def test_the_settings_validate_the_years_and_clear_the_cache_on_change(self):
		statistik.refresh()
		self.assertIsNotNone(cached(statistik.year_key(YEAR)))
		settings = frappe.get_doc("Pengaturan Kantor")
		settings.tahun_statistik = "2025, dua ribu"
		with self.assertRaises(frappe.ValidationError) as ctx:
			settings.save(ignore_permissions=True)
		self.assertIn("Tahun Statistik", str(ctx.exception))
		settings = frappe.get_doc("Pengaturan Kantor")
		settings.tahun_statistik = f"{YEAR}; {YEAR - 1}"
		settings.save(ignore_permissions=True)
		self.assertEqual(settings.tahun_statistik, f"{YEAR - 1}, {YEAR}")
		self.assertIsNone(cached(statistik.year_key(YEAR)))

	def test_the_endpoint_is_rate_limited(self):
		statistik.refresh()
		for _ in range(60):
			self.assertEqual(self.get(ENDPOINT, tahun=YEAR).status_code, 200)
		self.assertEqual(self.get(ENDPOINT, tahun=YEAR).status_code, 429)

	def test_the_endpoint_is_a_guest_get(self):
		self.assertIn("GET", frappe.allowed_http_methods_for_whitelisted_func[api.data])
		self.assertIn(api.data, frappe.guest_methods)

	# --- Laporan Tahunan Layanan Informasi Publik -----------------------------------------------------

	def test_the_annual_total_is_the_sum_of_its_twelve_months(self):
		columns, rows, message, chart, summary = tahunan.execute({"tahun": YEAR})
		*months, total = rows
		self.assertEqual([r["bulan"] for r in months], [f"{m} {YEAR}" for m in MONTHS])
		self.assertTrue(total["is_total_row"])
		counts = [c["fieldname"] for c in columns if c["fieldtype"] == "Int"]
		self.assertIn("ditolak_pasal_17_huruf_j", counts)  # every letter, cited or not
		for field in counts:
			self.assertEqual(total[field], sum(m[field] for m in months), field)
		self.assertGreaterEqual(total["permohonan"], 3)
		self.assertGreaterEqual(total["ke_komisi_informasi"], 1)
		# The average is the requests' average, not an average of months.
		self.assertIn("Perki 1/2021", message)
		self.assertEqual(
			{s["label"] for s in summary} >= {"Permohonan Diterima", "Sengketa ke Komisi Informasi"}, True
		)

	def test_each_month_of_the_annual_report_equals_the_monthly_report(self):
		_c, rows, *_ = tahunan.execute({"tahun": YEAR})
		for i, name in enumerate(MONTHS):
			_c, monthly, *_ = llip.execute(frappe._dict(periode="Bulanan", tahun=YEAR, bulan=name))
			month = monthly[-1]  # that month's total row
			for field, value in month.items():
				if field in ("bulan", "is_total_row"):
					continue
				self.assertEqual(rows[i].get(field, 0), value, (name, field))
		_c, annual, *_ = llip.execute(frappe._dict(ANNUAL))
		for field in ("permohonan", "rata_hari_kerja", "ditolak", "keberatan", "ke_komisi_informasi"):
			self.assertEqual(rows[-1][field], annual[-1][field], field)

	def test_the_annual_report_exports_to_excel_with_its_total_row(self):
		frappe.local.response = frappe._dict()
		with as_user(self.users["ppid"]):
			export_xlsx(
				"Laporan Tahunan Layanan Informasi Publik",
				frappe.as_json({"tahun": YEAR, "periode": "Tahunan"}),
			)
		response = frappe.local.response
		self.assertEqual(
			response["filename"], f"laporan_tahunan_layanan_informasi_publik_{YEAR}-01-01_{YEAR}-12-31.xlsx"
		)
		ws = openpyxl.load_workbook(io.BytesIO(response["filecontent"])).active
		self.assertEqual(ws["A1"].value, "LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK")
		self.assertEqual(ws["A4"].value, f"Laporan Tahunan: {YEAR}")
		cells = [[c.value for c in row] for row in ws.iter_rows()]
		header_at = next(i for i, row in enumerate(cells) if row[0] == "Bulan")
		header = cells[header_at]
		self.assertIn("Sengketa ke Komisi Informasi", header)
		self.assertEqual(cells[header_at + 1][0], f"Januari {YEAR}")
		totals = cells[header_at + 13]
		self.assertEqual(totals[0], "Jumlah")
		column = header.index("Permohonan Diterima")
		self.assertEqual(totals[column], sum(cells[header_at + 1 + m][column] for m in range(12)))
		self.assertTrue(ws.cell(row=header_at + 14, column=1).font.b)

	def test_the_annual_report_has_its_print_format_and_refuses_a_missing_year(self):
		from frappe.desk.query_report import get_script

		with as_user(self.users["ppid"]):
			script = get_script("Laporan Tahunan Layanan Informasi Publik")
		self.assertIn("LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK", script["html_format"])
		self.assertIn("Sengketa informasi yang diajukan ke Komisi Informasi", script["html_format"])
		_c, rows, *_ = tahunan.execute({"tahun": YEAR})
		self.assertEqual(set(rows[-1]["_cetak"]), {"kantor", "kota", "tanggal", "jabatan", "nama", "nip"})
		with self.assertRaises(frappe.ValidationError):
			tahunan.execute({})
		self.assertEqual(recap.month_label(f"{YEAR}-01"), f"Januari {YEAR}")

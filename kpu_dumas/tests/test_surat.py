"""The Pengaduan letters as PDFs through wkhtmltopdf, read back with pypdf, as the real users.

Each letter shows its number as issued on the document, Indonesian dates, the signatory's name and NIP
from Pengaturan Kantor, and the reporter only where the viewer may see them: the Nota Dinas and the
Surat Tanggapan of a rahasia complaint, printed by the Tim Pemeriksa, hold neither name nor NIK.
Set KPU_DUMAS_PDF_DIR to keep the PDFs for a look.
"""

from __future__ import annotations

import io
import json
import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import cssutils
import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from kpu_dumas import clock, pengungkapan
from kpu_dumas.letters import LETTER_HEAD, RAHASIA
from kpu_dumas.numbering import SERIES_PREFIX, issue_letter_number
from kpu_dumas.permissions import can_read_identity
from kpu_dumas.tests.utils import (
	AssetServer,
	act,
	advance,
	as_user,
	make_all_users,
	make_identitas,
	make_pengaduan,
	office,
)

SECRET_NAME = "Nurlaila Surat Uji"
SECRET_NIK = "7503016607850011"
OPEN_NAME = "Bambang Terbuka Uji"
OPEN_NIK = "7503010101800021"

SIGNATORIES = {
	"Petugas Penerima Aduan": ("Petugas Pelayanan Pengaduan", "Rina Marlina Uji", "199203152019032011"),
	"Kasubag Hukum dan SDM": ("Kepala Subbagian Hukum dan SDM", "Arif Hidayat Uji", "198507222010121003"),
	"Pejabat Yang Berwenang": ("Ketua KPU Kabupaten Pohuwato", "Dra. Hj. Salmah Uji", "197003041995032002"),
}
PDF_DIR = os.environ.get("KPU_DUMAS_PDF_DIR")


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text with whitespace runs folded to one space (pypdf breaks lines where the PDF does)."""
	reader = PdfReader(io.BytesIO(pdf))
	return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


class TestSurat(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.assets = AssetServer().__enter__()
		cls.addClassCleanup(cls.assets.__exit__)
		# Frappe parses its whole print stylesheet with cssutils for every PDF; keep the log readable.
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)
		cls.users = make_all_users()
		settings = frappe.get_single("Pengaturan Kantor")
		settings.alamat = "Jl. Trans Sulawesi No. 45, Marisa, Kabupaten Pohuwato"
		settings.telepon = "(0443) 210123"
		settings.email = "kpu.pohuwato@contoh.go.id"
		settings.kota = "Marisa"
		settings.zona_waktu = "Asia/Makassar"
		settings.set(
			"penandatangan",
			[
				{"peran": role, "jabatan": jabatan, "nama": nama, "nip": nip}
				for role, (jabatan, nama, nip) in SIGNATORIES.items()
			],
		)
		settings.save(ignore_permissions=True)
		clock.clear_calendar_cache()

		at = cls.at
		# Rahasia: received Friday 12 Sep 2025 10:45 WITA, registered 14:30, forwarded Monday 15 Sep,
		# answered (Setujui) Monday 22 Sep 2025.
		secret = make_identitas(nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK)
		with at(2025, 9, 12, 10, 45):
			doc = make_pengaduan(
				rahasia=True,
				identitas=secret,
				tanggal_diterima=office(2025, 9, 12, 10, 45),
				perihal="Dugaan pungutan pada layanan salinan (uji surat)",
				teradu="Sekretariat KPU Kabupaten Pohuwato",
				lokasi_kasus="Kantor KPU Kabupaten Pohuwato, Marisa",
				tanggal_layanan="2025-09-10",
			)
		with at(2025, 9, 12, 14, 30):
			doc = advance(doc, "Terdaftar", cls.users)
		with at(2025, 9, 15, 9, 0):
			doc = advance(doc, "Ditelaah", cls.users)
		with at(2025, 9, 19, 10, 0):
			doc = advance(doc, "Rekomendasi", cls.users)
		with at(2025, 9, 22, 11, 0):
			doc = advance(doc, "Ditanggapi", cls.users)
		cls.rahasia = doc

		# Open complaint asked to complete its file on Tuesday 16 Sep 2025 08:00 WITA.
		with at(2025, 9, 16, 8, 0):
			doc = make_pengaduan(
				identitas=make_identitas(nama_lengkap=OPEN_NAME, nomor_identitas=OPEN_NIK),
				tanggal_diterima=office(2025, 9, 16, 8, 0),
			)
			doc = act(
				doc,
				"Minta Kelengkapan",
				cls.users["petugas"],
				kekurangan="Salinan KTP pelapor dan foto bukti antrean belum dilampirkan.",
			)
		cls.terbuka = doc

	@classmethod
	def at(cls, *args):
		return FrappeTestCase.freeze_time(cls, office(*args))

	def render(self, doc, print_format: str, user: str) -> str:
		with as_user(self.users[user]):
			if doc.rahasia and can_read_identity():  # a letter with a rahasia identity: a print reveal first
				pengungkapan.grant(doc.identitas_pelapor, "print", "Uji cetak surat")
			try:
				pdf = frappe.get_print("Pengaduan", doc.name, print_format=print_format, as_pdf=True)
			finally:
				pengungkapan.clear_grants(frappe.session.user)
		self.assertTrue(pdf.startswith(b"%PDF"), f"{print_format}: not a PDF")
		if PDF_DIR:
			Path(PDF_DIR).mkdir(parents=True, exist_ok=True)
			slug = frappe.scrub(f"{print_format} {user} {'rahasia' if doc.rahasia else 'terbuka'}")
			(Path(PDF_DIR) / f"{slug}.pdf").write_bytes(pdf)
		return pdf_text(pdf)

	def assert_signed_by(self, text: str, role: str):
		jabatan, nama, nip = SIGNATORIES[role]
		self.assertIn(jabatan, text)
		self.assertIn(nama, text)
		self.assertIn(f"NIP. {nip}", text)

	def assert_no_identity(self, text: str):
		self.assertNotIn(SECRET_NAME, text)
		self.assertNotIn(SECRET_NIK, text)
		self.assertNotIn(self.rahasia.identitas_pelapor, text)

	# --- each letter ------------------------------------------------------------------------------------

	def test_tanda_terima_for_petugas_has_the_reporter_and_the_tracking_code(self):
		doc = self.rahasia
		text = self.render(doc, "Tanda Terima Pengaduan", "petugas")
		self.assertIn(f"Nomor: {doc.nomor_tanda_terima}", text)
		self.assertIn(doc.name, text)
		self.assertIn("12 September 2025 pukul 10.45 WITA", text)
		self.assertIn("Marisa, 12 September 2025", text)
		self.assertIn("Langsung (Meja Layanan)", text)
		self.assertIn(SECRET_NAME, text)
		self.assertIn(doc.get_password("kode_lacak"), text)
		self.assertIn("/lacak", text)
		self.assert_signed_by(text, "Petugas Penerima Aduan")

	def test_tanda_terima_for_the_tim_hides_name_and_tracking_code(self):
		doc = self.rahasia
		text = self.render(doc, "Tanda Terima Pengaduan", "tim")
		self.assertIn(doc.nomor_tanda_terima, text)
		self.assertIn(RAHASIA, text)
		self.assert_no_identity(text)
		self.assertNotIn(doc.get_password("kode_lacak"), text)

	def test_formulir_is_filled_with_what_is_known(self):
		doc = self.rahasia
		text = self.render(doc, "Formulir Pengaduan", "petugas")
		self.assertIn("FORMULIR PENGADUAN MASYARAKAT", text)
		for value in (
			doc.name,
			SECRET_NAME,
			SECRET_NIK,
			"Sekretariat KPU Kabupaten Pohuwato",
			"10 September 2025",
		):
			self.assertIn(value, text)
		self.assertIn("Marisa, 12 September 2025", text)
		self.assert_signed_by(text, "Petugas Penerima Aduan")
		walk_in = make_pengaduan(
			anonim=True, perihal="Pengaduan di meja layanan", uraian="Diisi di formulir."
		)
		text = self.render(walk_in, "Formulir Pengaduan", "petugas")
		self.assertIn("Anonim (tanpa identitas)", text)
		self.assertIn("Pelapor, (......", text)  # an unnamed reporter signs over a dotted line

	def test_surat_permintaan_kelengkapan(self):
		doc = self.terbuka
		self.assertTrue(doc.nomor_surat_kelengkapan)
		text = self.render(doc, "Surat Permintaan Kelengkapan", "petugas")
		self.assertIn(doc.nomor_surat_kelengkapan, text)
		self.assertIn("Marisa, 16 September 2025", text)
		self.assertIn(f"Yth. Sdr. {OPEN_NAME}", text)
		self.assertIn("Salinan KTP pelapor dan foto bukti antrean belum dilampirkan.", text)
		# 30 calendar days (Mutu Baku, Perlu Dilengkapi) from Tuesday 16 September 2025, to the day's end.
		self.assertIn("Kamis, 16 Oktober 2025 pukul 23.59 WITA", text)
		self.assertIn("Pasal 44 ayat (4)", text)
		self.assertIn("dianggap mencabut pengaduannya", text)
		self.assert_signed_by(text, "Kasubag Hukum dan SDM")
		self.assertNotIn(OPEN_NIK, text)  # a letter to the reporter needs no identity number

	def test_surat_tanggapan_for_pejabat_is_addressed_to_the_reporter(self):
		doc = self.rahasia
		self.assertEqual(str(doc.tanggal_tanggapan), "2025-09-22")
		text = self.render(doc, "Surat Tanggapan Pengaduan", "pyb")
		self.assertIn(doc.nomor_surat_tanggapan, text)
		self.assertIn("Marisa, 22 September 2025", text)
		self.assertIn(f"Yth. Sdr. {SECRET_NAME}", text)
		self.assertIn("loket tambahan dibuka mulai pekan depan", text)
		self.assertIn("12 September 2025", text)
		self.assert_signed_by(text, "Pejabat Yang Berwenang")
		self.assertNotIn(SECRET_NIK, text)

	def test_rahasia_surat_tanggapan_for_the_tim_hides_the_reporter(self):
		doc = self.rahasia
		text = self.render(doc, "Surat Tanggapan Pengaduan", "tim")
		self.assertIn(doc.nomor_surat_tanggapan, text)
		self.assertIn(f"Yth. Pelapor Pengaduan Nomor {doc.name} ({RAHASIA})", text)
		self.assert_signed_by(text, "Pejabat Yang Berwenang")
		self.assert_no_identity(text)

	def test_rahasia_nota_dinas_never_names_the_reporter(self):
		doc = self.rahasia
		for user in ("tim", "petugas"):  # the Tim reads it, whoever prints it
			with self.subTest(user=user):
				text = self.render(doc, "Nota Dinas Pengaduan", user)
				self.assertIn("NOTA DINAS", text)
				self.assertIn(f"Nomor: {doc.nomor_nota_dinas}", text)
				self.assertIn("Yth. : Tim Pemeriksa Pengaduan", text)
				self.assertIn("Marisa, 15 September 2025", text)
				self.assertIn("Dugaan pungutan pada layanan salinan", text)
				self.assertIn(RAHASIA, text)
				self.assert_signed_by(text, "Kasubag Hukum dan SDM")
				self.assert_no_identity(text)

	def test_each_print_format_json_holds_its_html_file(self):
		"""Frappe renders the .html beside a standard format; the Desk shows and copies the JSON's html."""
		folder = Path(frappe.get_app_path("kpu_dumas", "kpu_dumas", "print_format"))
		formats = frappe.get_all(
			"Print Format", filters={"module": "KPU Dumas", "doc_type": "Pengaduan"}, pluck="name"
		)
		self.assertEqual(len(formats), 6)
		for name in formats:
			slug = frappe.scrub(name)
			meta = json.loads((folder / slug / f"{slug}.json").read_text(encoding="utf-8"))
			html = (folder / slug / f"{slug}.html").read_text(encoding="utf-8")
			self.assertEqual(meta["html"], html, f"copy {slug}.html into the html field of {slug}.json")
			self.assertEqual(
				(meta["standard"], meta["print_format_type"], meta["custom_format"]), ("Yes", "Jinja", 1)
			)

	def test_letters_print_the_kop_surat_of_pengaturan_kantor(self):
		self.assertEqual(frappe.db.get_single_value("Pengaturan Kantor", "kop_surat"), LETTER_HEAD)
		self.assertFalse(frappe.db.get_value("Letter Head", LETTER_HEAD, "is_default"))
		text = self.render(self.rahasia, "Surat Tanggapan Pengaduan", "pyb")
		self.assertIn("KOMISI PEMILIHAN UMUM", text)
		self.assertIn("KABUPATEN POHUWATO", text)


class TestLetterNumberConcurrency(FrappeTestCase):
	"""Its own class: the complaints above hold row and gap locks on Series until their rollback."""

	def test_two_letter_numbers_issued_at_once_differ(self):
		"""Two connections issue a number at the same moment: different numbers, and neither waits for
		the other's transaction (the counter is committed apart, numbering.next_in_series)."""
		on_date = date(2091, 3, 2)
		barrier = threading.Barrier(2)

		def issue():
			barrier.wait(10)
			started = time.monotonic()
			number = issue_letter_number("HM.02-SD", on_date)
			time.sleep(0.5)  # hold the transaction open a while before committing
			return number, time.monotonic() - started

		with year_counter(on_date):
			in_threads(lambda: issue_letter_number("HM.02-SD", on_date))  # the year's counter now exists
			(first, t1), (second, t2) = in_threads(issue, issue)
			self.assertNotEqual(first, second)
			self.assertEqual({first.split("/")[0], second.split("/")[0]}, {"2", "3"})
			self.assertRegex(first, r"/III/2091$")
			self.assertLess(max(t1, t2), 0.9)  # with the lock held to commit, the second took > 1 s

	def test_a_number_taken_by_a_failed_transaction_is_not_given_again(self):
		on_date = date(2092, 5, 4)

		def fail():
			issue_letter_number("HM.02-SD", on_date)
			raise RuntimeError("the request fails after taking its number")

		with year_counter(on_date):
			with self.assertRaises(RuntimeError):
				in_threads(fail)  # rolled back; the number it took stays taken
			(number,) = in_threads(lambda: issue_letter_number("HM.02-SD", on_date))
			self.assertEqual(number.split("/")[0], "2")

	def test_a_counter_held_by_the_own_transaction_still_gives_the_next_number(self):
		"""This transaction set the counter and has not committed: the number is taken inside it."""
		on_date = date(2093, 6, 5)

		def set_then_issue():
			frappe.db.sql(
				"INSERT INTO `tabSeries` (`name`, `current`) VALUES (%s, 41)",
				(f"{SERIES_PREFIX}{on_date.year}-",),
			)
			return issue_letter_number("HM.02-SD", on_date)

		with year_counter(on_date):
			(number,) = in_threads(set_then_issue)
			self.assertEqual(number.split("/")[0], "42")


@contextmanager
def year_counter(on_date: date):
	"""A letter-number year of its own (the test's transaction holds no lock on its counter), whose
	counter, committed by the threads, is removed afterwards."""
	try:
		yield
	finally:
		in_threads(lambda: frappe.db.delete("Series", {"name": f"{SERIES_PREFIX}{on_date.year}-"}))


def in_threads(*functions) -> list:
	"""Run each function in a thread with its own site connection, as concurrent requests would; each
	commits. Returns their results in order; re-raises the first error."""
	site, sites_path = frappe.local.site, frappe.local.sites_path
	outcomes: list[dict] = [{} for _ in functions]

	def run(fn, outcome):
		frappe.init(site=site, sites_path=sites_path)
		try:
			frappe.connect()
			outcome["value"] = fn()
			frappe.db.commit()
		except Exception as e:
			outcome["error"] = e
		finally:
			frappe.destroy()

	threads = [threading.Thread(target=run, args=pair) for pair in zip(functions, outcomes, strict=True)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(60)
	for outcome in outcomes:
		if "error" in outcome:
			raise outcome["error"]
	return [outcome.get("value") for outcome in outcomes]

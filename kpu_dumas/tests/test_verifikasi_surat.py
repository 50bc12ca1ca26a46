"""Verifiable letters on a real site: each numbered letter's PDF (wkhtmltopdf) carries a QR code that zbar
decodes to its /verifikasi-surat link; the page shows the letter's number, Indonesian date, signatory and
status, "Diganti" with the new number after a re-issue or a Koreksi Data, one neutral answer for any code
that is not a letter's, and never a rahasia reporter. Nobody writes a Surat Terbit record but the app.

The page is rendered in this process through Frappe's website renderer, as a Guest request; the PDFs are
rasterised with poppler's pdftoppm and read with zbarimg (Debian's poppler-utils and zbar-tools).
Set KPU_DUMAS_PDF_DIR to keep the PDFs for a look.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import cssutils
import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request
from frappe.website.serve import get_response

from kpu_dumas import pengungkapan, verification
from kpu_dumas.api import koreksi
from kpu_dumas.core import verification as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit import DOCTYPE, verification_url
from kpu_dumas.record import trusted
from kpu_dumas.tests import test_aksesibilitas as markup_check
from kpu_dumas.tests.utils import (
	GRANTED_NOTICE,
	AssetServer,
	act,
	advance,
	as_user,
	make_all_users,
	make_identitas,
	make_pengaduan,
	make_permohonan,
	office,
)

SECRET_NAME = "Nurlaila Verifikasi Uji"
SECRET_NIK = "7503016607850077"
SECRET_EMAIL = "nurlaila.verifikasi@contoh.id"
SECRET_PERIHAL = "Dugaan pungutan pada layanan salinan (uji verifikasi)"
ANSWER = "Terima kasih, loket tambahan dibuka mulai pekan depan."  # tests.utils.advance
SIGNATORIES = {
	"Petugas Penerima Aduan": ("Petugas Pelayanan Pengaduan", "Rina Marlina Uji", "199203152019032011"),
	"Kasubag Hukum dan SDM": ("Kepala Subbagian Hukum dan SDM", "Arif Hidayat Uji", "198507222010121003"),
	"Pejabat Yang Berwenang": ("Ketua KPU Kabupaten Pohuwato", "Dra. Hj. Salmah Uji", "197003041995032002"),
	"Petugas Desk Informasi": ("Petugas Pelayanan Informasi", "Yusuf Desk Uji", "199501102020121004"),
	"PPID": ("PPID KPU Kabupaten Pohuwato", "Hendra Ppid Uji", "198002142006041002"),
	"Atasan PPID": ("Sekretaris KPU Kabupaten Pohuwato", "Ir. Budi Atasan Uji", "197507082000031001"),
}
ROUTE = "/verifikasi-surat"
# A client address of this process's own: its rate-limit counter is not another test run's.
IP = f"10.91.{os.getpid() % 250}.1"
PDF_DIR = os.environ.get("KPU_DUMAS_PDF_DIR")


def qr_codes(pdf: bytes) -> list[str]:
	"""What zbar reads on the PDF's pages rasterised at 200 dpi (a plain office scan)."""
	with tempfile.TemporaryDirectory() as folder:
		path = Path(folder) / "surat.pdf"
		path.write_bytes(pdf)
		subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(Path(folder) / "hal")], check=True)
		pages = sorted(str(p) for p in Path(folder).glob("hal*.png"))
		found = subprocess.run(["zbarimg", "--raw", "-q", *pages], capture_output=True, text=True)
	return [line.strip() for line in found.stdout.splitlines() if line.strip()]


class TestVerifikasiSurat(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		for tool in ("pdftoppm", "zbarimg"):
			if not shutil.which(tool):
				raise RuntimeError(f"{tool} is needed: apt-get install poppler-utils zbar-tools")
		cls.assets = AssetServer().__enter__()
		cls.addClassCleanup(cls.assets.__exit__)
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)
		cls.users = users = make_all_users()
		settings = frappe.get_single("Pengaturan Kantor")
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
		from kpu_dumas import clock

		clock.clear_calendar_cache()
		at = cls.at

		# A rahasia complaint: registered 12 Sep 2025, examined 15 Sep, answered 22 Sep 2025.
		secret = make_identitas(nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK, email=SECRET_EMAIL)
		with at(2025, 9, 12, 10, 45):
			doc = make_pengaduan(
				rahasia=True,
				identitas=secret,
				tanggal_diterima=office(2025, 9, 12, 10, 45),
				perihal=SECRET_PERIHAL,
			)
		with at(2025, 9, 12, 14, 30):
			doc = advance(doc, "Terdaftar", users)
		with at(2025, 9, 15, 9, 0):
			doc = advance(doc, "Ditelaah", users)
		with at(2025, 9, 19, 10, 0):
			doc = advance(doc, "Rekomendasi", users)
		with at(2025, 9, 22, 11, 0):
			doc = advance(doc, "Ditanggapi", users)
		cls.rahasia = doc

		# Asked to complete its file on 16 Sep, completed, asked again on 18 Sep 2025: a new letter number.
		with at(2025, 9, 16, 8, 0):
			doc = make_pengaduan(tanggal_diterima=office(2025, 9, 16, 8, 0))
			doc = act(doc, "Minta Kelengkapan", users["petugas"], kekurangan="Salinan KTP belum dilampirkan.")
		cls.first_kelengkapan = doc.nomor_surat_kelengkapan
		with at(2025, 9, 17, 9, 0):
			doc = act(doc, "Dilengkapi", users["petugas"])
		with at(2025, 9, 18, 9, 0):
			doc = act(
				doc, "Minta Kelengkapan", users["petugas"], kekurangan="Foto bukti antrean belum jelas."
			)
		cls.kelengkapan = doc

		# A rahasia complaint forwarded to DKPP on 19 Sep 2025 (Surat Penerusan).
		other = make_identitas(nama_lengkap=SECRET_NAME, nomor_identitas=SECRET_NIK, email=SECRET_EMAIL)
		with at(2025, 9, 19, 10, 0):
			doc = make_pengaduan(
				rahasia=True,
				identitas=other,
				tanggal_diterima=office(2025, 9, 19, 10, 0),
				perihal="Anggota KPU bertemu peserta pemilu (uji verifikasi)",
			)
			doc = act(doc, "Teruskan ke Instansi", users["petugas"], diteruskan_ke="DKPP")
		cls.penerusan = doc

		# An information request: registered 11 Mar 2026, extended 30 Mar, granted 9 Apr, handed over 10 Apr;
		# its objection answered 20 Apr 2026.
		with at(2026, 3, 11, 10, 0):
			doc = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0))
		with at(2026, 3, 11, 10, 30):
			doc = act(doc, "Registrasi", users["desk"])
			doc = act(doc, "Teruskan", users["desk"])
		with at(2026, 3, 30, 9, 0):
			doc = act(doc, "Perpanjang", users["ppid"], alasan_perpanjangan="Dokumen berada di arsip gudang.")
		with at(2026, 4, 9, 14, 0):
			doc = act(doc, "Putuskan", users["ppid"], **{**GRANTED_NOTICE, "waktu_penyerahan": "2026-04-10"})
		with at(2026, 4, 10, 9, 0):
			doc = act(
				doc, "Serahkan", users["desk"], diserahkan_melalui="Email", tanggal_diserahkan="2026-04-10"
			)
		cls.permohonan = doc
		with at(2026, 4, 13, 9, 0):
			objection = frappe.get_doc(
				{
					"doctype": "Keberatan Informasi",
					"permohonan": doc.name,
					"tanggal_penyebab": "2026-04-10",
					"tanggal_diajukan": office(2026, 4, 13, 9, 0),
					"alasan": "d. Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
					"kasus_posisi": "Rekap yang diserahkan tidak memuat pemilih disabilitas.",
				}
			).insert(ignore_permissions=True)
			objection = act(objection, "Registrasi", users["desk"])
			objection = act(objection, "Teruskan", users["desk"])
		jabatan, nama, _nip = SIGNATORIES["Atasan PPID"]
		with at(2026, 4, 20, 10, 0):
			objection = act(
				objection,
				"Tanggapi",
				users["atasan"],
				keputusan_atasan="Keberatan Ditolak",
				tanggapan="<p>Data disabilitas tidak termasuk informasi yang dimohon.</p>",
				nama_atasan=nama,
				jabatan_atasan=jabatan,
			)
		cls.keberatan = objection

		# A disposition from the Ketua to the Kasubag, sent 3 Mar 2026.
		with at(2026, 3, 3, 9, 0), as_user(users["ketua"]):
			disposisi = frappe.get_doc(
				{
					"doctype": "Disposisi",
					"perihal": "Permohonan salinan DPT (uji verifikasi)",
					"tanggal": "2026-03-03",
					"sifat": "Segera",
					"asal_surat": "Universitas Negeri Gorontalo",
					"penerima": [{"penerima": users["kasubag"], "jabatan": "Kasubag"}],
					"instruksi": [{"instruksi": "Untuk ditindaklanjuti"}],
					"jabatan_pemberi": "Ketua KPU Kabupaten Pohuwato",
				}
			).insert()
		with at(2026, 3, 3, 9, 5):
			disposisi = act(disposisi, "Kirim", users["ketua"])
		cls.disposisi = disposisi

	@classmethod
	def at(cls, *args):
		return FrappeTestCase.freeze_time(cls, office(*args))

	def setUp(self):
		frappe.cache.delete_value(f"kpu_dumas:verifikasi-surat:{IP}")

	# --- helpers --------------------------------------------------------------------------------------

	def record(self, doc, surat: str, status: str = rules.BERLAKU) -> frappe._dict:
		rows = frappe.get_all(
			DOCTYPE,
			filters={"dokumen_type": doc.doctype, "dokumen": doc.name, "surat": surat, "status": status},
			fields=["*"],
			order_by="creation asc",
		)
		self.assertTrue(rows, f"no {status} Surat Terbit for {doc.doctype} {doc.name} {surat}")
		return rows[-1]

	def page(self, kode: str | None, ip: str = IP) -> tuple[int, str]:
		"""/verifikasi-surat?kode=… as a Guest from `ip`: (status, html)."""
		previous, request = frappe.session.user, getattr(frappe.local, "request", None)
		query = {"kode": kode} if kode is not None else {}
		frappe.set_user("Guest")  # (set_user empties form_dict: set it afterwards)
		set_request(method="GET", path=ROUTE, query_string=query, headers={"X-Forwarded-For": ip})
		frappe.local.form_dict = frappe._dict(query)
		frappe.local.request_ip = ip
		try:
			response = get_response(ROUTE)
		finally:
			frappe.set_user(previous)
			if request is None:
				del frappe.local.request
			else:
				frappe.local.request = request
		return response.status_code, response.get_data(as_text=True)

	def answer(self, html: str) -> str:
		"""The page's answer (result card or alert), without the form that echoes what was typed."""
		body = html.split('<div class="kd-portal"', 1)[1].split("<form", 1)[0]
		return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()

	def letters(self):
		"""(document, surat, print format, who prints it) for every numbered letter of the fixtures."""
		return [
			(self.rahasia, "tanda_terima", "Tanda Terima Pengaduan", "petugas"),
			(self.rahasia, "nota_dinas", "Nota Dinas Pengaduan", "tim"),
			(self.rahasia, "tanggapan", "Surat Tanggapan Pengaduan", "pyb"),
			(self.kelengkapan, "kelengkapan", "Surat Permintaan Kelengkapan", "petugas"),
			(self.penerusan, "penerusan", "Surat Penerusan Pengaduan", "pyb"),
			(self.permohonan, "tanda_bukti", "Tanda Bukti Penerimaan Permohonan", "desk"),
			(self.permohonan, "perpanjangan", "Surat Perpanjangan Jangka Waktu", "ppid"),
			(self.permohonan, "pemberitahuan", "Pemberitahuan Tertulis", "ppid"),
			(self.permohonan, "balasan", "Surat Balasan Permohonan Informasi", "ppid"),
			(self.keberatan, "tanggapan", "Tanggapan atas Keberatan", "atasan"),
			(self.disposisi, "lembar", "Lembar Disposisi", "ketua"),
		]

	# --- the records --------------------------------------------------------------------------------

	def test_every_numbered_letter_kind_is_covered_and_recorded_as_issued(self):
		self.assertEqual({(d.doctype, s) for d, s, _f, _u in self.letters()}, set(rules.KINDS))
		for doc, surat, _format, _user in self.letters():
			with self.subTest(surat=surat, doctype=doc.doctype):
				row = self.record(doc, surat)
				kind = rules.kind_of(doc.doctype, surat)
				self.assertEqual(row.jenis_surat, kind.label)
				self.assertEqual(row.nomor_surat, verification.letter_number(doc, surat))
				self.assertEqual(rules.normalize_code(row.kode), row.kode)
				self.assertEqual(row.name, row.kode)
				self.assertEqual(row.sidik_jari, rules.fingerprint(row.isi_kanonik))
				lines = row.isi_kanonik.split("\n")
				self.assertEqual(lines[1], f"Jenis surat: {kind.label}")
				self.assertEqual(lines[2], f"Nomor surat: {row.nomor_surat}")
				self.assertEqual(lines[3], f"Tanggal surat: {row.tanggal_surat}")
				self.assertEqual(lines[5], f"Nomor registrasi: {doc.name}")
		tanggapan = self.record(self.rahasia, "tanggapan")
		self.assertEqual(str(tanggapan.tanggal_surat), "2025-09-22")
		jabatan, nama, nip = SIGNATORIES["Pejabat Yang Berwenang"]
		self.assertEqual(
			(tanggapan.nama_penandatangan, tanggapan.jabatan_penandatangan, tanggapan.nip_penandatangan),
			(nama, jabatan, nip),
		)
		self.assertIn(f"Tanggapan: {ANSWER}", tanggapan.isi_kanonik)
		self.assertEqual(str(self.record(self.rahasia, "nota_dinas").tanggal_surat), "2025-09-15")
		self.assertEqual(str(self.record(self.permohonan, "perpanjangan").tanggal_surat), "2026-03-30")
		lembar = self.record(self.disposisi, "lembar")
		self.assertEqual(str(lembar.tanggal_surat), "2026-03-03")
		self.assertEqual(lembar.nama_penandatangan, self.disposisi.nama_pemberi or self.disposisi.dari)
		self.assertEqual(lembar.jabatan_penandatangan, "Ketua KPU Kabupaten Pohuwato")
		keberatan = self.record(self.keberatan, "tanggapan")
		self.assertEqual(keberatan.nama_penandatangan, "Ir. Budi Atasan Uji")

	def test_the_canonical_content_holds_no_rahasia_identity(self):
		rows = frappe.get_all(
			DOCTYPE,
			filters={"dokumen": ("in", [self.rahasia.name, self.penerusan.name])},
			pluck="isi_kanonik",
		)
		self.assertEqual(len(rows), 4)
		for content in rows:
			for secret in (SECRET_NAME, SECRET_NIK, SECRET_EMAIL, self.rahasia.identitas_pelapor):
				self.assertNotIn(secret, content)

	def test_saving_a_document_again_changes_no_record(self):
		before = frappe.db.count(DOCTYPE)
		with as_user(self.users["petugas"]):  # who may edit a complaint in Ditanggapi
			doc = frappe.get_doc("Pengaduan", self.rahasia.name)
			doc.save()  # nothing changed: no new record
			verification.sync(doc)
		self.assertEqual(frappe.db.count(DOCTYPE), before)

	def test_the_patch_records_letters_numbered_before_and_is_idempotent(self):
		doc = self.keberatan
		frappe.db.delete(DOCTYPE, {"dokumen_type": doc.doctype, "dokumen": doc.name})
		self.assertGreaterEqual(verification.record_existing(["Keberatan Informasi"]), 1)
		self.assertEqual(verification.record_existing(["Keberatan Informasi"]), 0)
		self.assertEqual(self.record(doc, "tanggapan").nomor_surat, doc.nomor_tanggapan)

	# --- the letters ----------------------------------------------------------------------------------

	def reveal_for_print(self, doc):
		"""A letter with a rahasia identity prints after a print reveal (pengungkapan): for everyone here."""
		if doc.doctype == "Pengaduan" and doc.rahasia:
			for user in (*self.users.values(), "Administrator"):
				pengungkapan.grant(doc.identitas_pelapor, "print", "Uji verifikasi surat", user=user)
			self.addCleanup(pengungkapan.clear_grants)

	def test_each_numbered_letter_pdf_carries_a_qr_code_of_its_verification_link(self):
		for doc, surat, print_format, user in self.letters():
			self.reveal_for_print(doc)
			with self.subTest(print_format=print_format):
				row = self.record(doc, surat)
				with as_user(self.users[user]):
					pdf = frappe.get_print(doc.doctype, doc.name, print_format=print_format, as_pdf=True)
				self.assertTrue(pdf.startswith(b"%PDF"))
				if PDF_DIR:
					Path(PDF_DIR).mkdir(parents=True, exist_ok=True)
					(Path(PDF_DIR) / f"{frappe.scrub(print_format)}.pdf").write_bytes(pdf)
				self.assertEqual(qr_codes(pdf), [verification_url(row.kode)])
				self.assertEqual(verification_url(row.kode), frappe.utils.get_url(f"{ROUTE}?kode={row.kode}"))
				html = frappe.get_print(doc.doctype, doc.name, print_format=print_format)
				self.assertIn(row.kode, html)
				self.assertIn(f"{frappe.utils.get_url()}<wbr>", html)
				self.assertIn(ROUTE, html)

	def test_a_letter_without_a_number_prints_no_qr_code(self):
		self.reveal_for_print(self.rahasia)
		with as_user(self.users["petugas"]):
			html = frappe.get_print("Pengaduan", self.rahasia.name, print_format="Formulir Pengaduan")
			draft = make_pengaduan(perihal="Belum diregistrasi (uji verifikasi)")
			receipt = frappe.get_print("Pengaduan", draft.name, print_format="Tanda Terima Pengaduan")
		for text in (html, receipt):
			self.assertNotIn("Kode verifikasi", text)
			self.assertNotIn("data:image/svg+xml", text)

	# --- the page -------------------------------------------------------------------------------------

	def test_the_page_shows_number_date_signatory_and_status(self):
		row = self.record(self.rahasia, "tanggapan")
		status, html = self.page(row.kode)
		self.assertEqual(status, 200)
		answer = self.answer(html)
		for expected in (
			"Surat tercatat dan berlaku",
			"Surat Tanggapan Pengaduan",
			row.nomor_surat,
			"22 September 2025",
			"Dra. Hj. Salmah Uji",
			"Ketua KPU Kabupaten Pohuwato",
			"Berlaku",
			row.kode,
			rules.grouped_fingerprint(row.sidik_jari),
		):
			self.assertIn(expected, answer)
		self.assertIn('name="robots" content="noindex, nofollow"', html)
		self.assertIn('lang="id"', html)
		# Typed by hand: lower case, no dashes, O for 0 and I or L for 1.
		typed = row.kode.lower().replace("-", " ").replace("0", "o").replace("1", "l")
		status, again = self.page(typed)
		self.assertEqual(status, 200)
		self.assertIn(row.nomor_surat, self.answer(again))

		for doc, surat, fmt, _user in self.letters():
			with self.subTest(letter=fmt):
				row = self.record(doc, surat)
				status, html = self.page(row.kode)
				self.assertEqual(status, 200)
				self.assertIn(row.nomor_surat, self.answer(html))
				self.assertIn(format_date(row.tanggal_surat), self.answer(html))

	def test_a_reissued_kelengkapan_says_diganti_with_the_new_number(self):
		doc = self.kelengkapan
		self.assertNotEqual(doc.nomor_surat_kelengkapan, self.first_kelengkapan)
		old = frappe.get_all(
			DOCTYPE,
			filters={"dokumen": doc.name, "surat": "kelengkapan", "nomor_surat": self.first_kelengkapan},
			fields=["*"],
		)[0]
		new = self.record(doc, "kelengkapan")
		self.assertEqual(
			(old.status, old.diganti_oleh, old.nomor_pengganti), ("Diganti", new.name, new.nomor_surat)
		)
		self.assertEqual((str(old.tanggal_surat), str(new.tanggal_surat)), ("2025-09-16", "2025-09-18"))
		status, html = self.page(old.kode)
		self.assertEqual(status, 200)
		answer = self.answer(html)
		self.assertIn("Surat ini sudah diganti", answer)
		self.assertIn("Diganti", answer)
		self.assertIn(f"diganti dengan surat nomor {new.nomor_surat} tanggal 18 September 2025", answer)
		self.assertIn(self.first_kelengkapan, answer)
		self.assertIn("16 September 2025", answer)
		self.assertNotIn("Surat tercatat dan berlaku", answer)
		status, html = self.page(new.kode)
		self.assertIn("Surat tercatat dan berlaku", self.answer(html))
		# The letter printed now is the new one, with the new record's code.
		with as_user(self.users["petugas"]):
			printed = frappe.get_print("Pengaduan", doc.name, print_format="Surat Permintaan Kelengkapan")
		self.assertIn(new.kode, printed)
		self.assertNotIn(old.kode, printed)

	def test_a_corrected_number_and_date_are_verifiable_and_the_old_record_says_diganti(self):
		users = self.users
		with self.at(2025, 10, 1, 9, 0):
			doc = make_pengaduan(
				tanggal_diterima=office(2025, 10, 1, 9, 0), perihal="Koreksi (uji verifikasi)"
			)
			doc = advance(doc, "Ditanggapi", users)
		issued = self.record(doc, "tanggapan")
		with self.at(2025, 10, 3, 9, 0), as_user(users["pyb"]):
			koreksi.koreksi(
				"Pengaduan",
				doc.name,
				"nomor_surat_tanggapan",
				"77/PP.04-SD/7504/X/2025",
				"Nomor diketik keliru dari agenda.",
			)
		corrected = self.record(doc, "tanggapan")
		self.assertEqual(corrected.nomor_surat, "77/PP.04-SD/7504/X/2025")
		old = frappe.get_doc(DOCTYPE, issued.name)
		self.assertEqual(
			(old.status, old.nomor_pengganti, old.diganti_oleh),
			("Diganti", corrected.nomor_surat, corrected.name),
		)
		status, html = self.page(old.kode)
		self.assertIn(f"diganti dengan surat nomor {corrected.nomor_surat}", self.answer(html))
		status, html = self.page(corrected.kode)
		self.assertIn("77/PP.04-SD/7504/X/2025", self.answer(html))
		self.assertIn("1 Oktober 2025", self.answer(html))

		with self.at(2025, 10, 3, 9, 5), as_user(users["pyb"]):
			koreksi.koreksi(
				"Pengaduan",
				doc.name,
				"tanggal_tanggapan",
				"2025-10-02",
				"Surat ditandatangani sehari kemudian.",
			)
		dated = self.record(doc, "tanggapan")
		self.assertEqual(
			(dated.nomor_surat, str(dated.tanggal_surat)), ("77/PP.04-SD/7504/X/2025", "2025-10-02")
		)
		self.assertNotEqual(dated.sidik_jari, corrected.sidik_jari)
		self.assertEqual(frappe.db.get_value(DOCTYPE, corrected.name, "status"), "Diganti")
		status, html = self.page(dated.kode)
		self.assertIn("2 Oktober 2025", self.answer(html))

	def test_an_unknown_altered_or_malformed_code_gets_one_neutral_answer(self):
		real = self.record(self.rahasia, "tanggapan").kode
		altered = real[:-1] + ("X" if real[-1] != "X" else "Y")
		answers = []
		for kode in (
			rules.new_code(),
			altered,
			"K7QM-3XPA",
			"bukan kode",
			"<script>alert(1)</script>",
			"U" * 16,
			"9" * 64,
		):
			with self.subTest(kode=kode):
				status, html = self.page(kode)
				self.assertEqual(status, 404)
				self.assertNotIn("<script>alert(1)</script>", html)
				answers.append(self.answer(html))
		self.assertEqual(len(set(answers)), 1, answers)
		self.assertIn("Kode verifikasi tidak dikenal", answers[0])
		for leaked in ("Berlaku", "Diganti", "Surat Tanggapan", "Salmah"):
			self.assertNotIn(leaked, answers[0])
		status, html = self.page(None)  # the form alone
		self.assertEqual(status, 200)
		self.assertNotIn("tidak dikenal", html)
		self.assertIn('<label for="kd-kode">Kode verifikasi</label>', html)

	def test_the_page_never_shows_a_rahasia_reporter_the_source_or_the_body(self):
		rows = frappe.get_all(
			DOCTYPE, filters={"dokumen": ("in", [self.rahasia.name, self.penerusan.name])}, pluck="kode"
		)
		self.assertEqual(len(rows), 4)
		for kode in rows:
			status, html = self.page(kode)
			self.assertEqual(status, 200)
			for secret in (
				SECRET_NAME,
				SECRET_NIK,
				SECRET_EMAIL,
				self.rahasia.identitas_pelapor,
				self.rahasia.name,
				self.penerusan.name,
				SECRET_PERIHAL,
				ANSWER,
				"Dirahasiakan",
			):
				self.assertNotIn(secret, html)

	def test_the_page_is_rate_limited_per_client(self):
		kode = self.record(self.permohonan, "pemberitahuan").kode
		for _ in range(verification.RATE_LIMIT):
			self.assertEqual(self.page(kode)[0], 200)
		status, html = self.page(kode)
		self.assertEqual(status, 429)
		self.assertIn("Terlalu banyak pemeriksaan", html)
		self.assertNotIn(self.permohonan.nomor_pemberitahuan, self.answer(html))
		other = IP[:-1] + "2"
		frappe.cache.delete_value(f"kpu_dumas:verifikasi-surat:{other}")
		self.assertEqual(self.page(kode, ip=other)[0], 200)

	# --- nobody writes a record -----------------------------------------------------------------------

	def test_staff_and_administrators_cannot_write_a_record(self):
		row = self.record(self.rahasia, "tanggapan")
		from frappe import client

		for user in ("pyb", "sistem"):
			with self.subTest(user=user), as_user(self.users[user]):
				with self.assertRaises(frappe.PermissionError):
					client.set_value(DOCTYPE, row.name, "nomor_surat", "1/PALSU/2025")
				with self.assertRaises(frappe.PermissionError):
					client.set_value(DOCTYPE, row.name, "status", "Diganti")
				with self.assertRaises(frappe.PermissionError):
					client.insert(
						{"doctype": DOCTYPE, "kode": rules.new_code(), "nomor_surat": "1/PALSU/2025"}
					)
				with self.assertRaises(frappe.PermissionError):
					client.delete(DOCTYPE, row.name)
		# Administrator, past every role permission: the controller still refuses.
		record = frappe.get_doc(DOCTYPE, row.name)
		record.nomor_surat = "1/PALSU/2025"
		with self.assertRaises(frappe.PermissionError):
			record.save(ignore_permissions=True)
		record = frappe.get_doc(DOCTYPE, row.name)
		record.status, record.nomor_pengganti = "Diganti", "1/PALSU/2025"
		with self.assertRaises(frappe.PermissionError):
			record.save(ignore_permissions=True)
		with self.assertRaises(frappe.PermissionError):
			frappe.delete_doc(DOCTYPE, row.name, ignore_permissions=True)
		# Even the app may only mark a record in force as replaced, nothing else.
		record = trusted(frappe.get_doc(DOCTYPE, row.name))
		record.sidik_jari = "0" * 64
		with self.assertRaises(frappe.PermissionError):
			record.save(ignore_permissions=True)
		self.assertEqual(frappe.get_doc(DOCTYPE, row.name).as_dict()["nomor_surat"], row.nomor_surat)

	def test_staff_read_the_records_of_what_they_may_read(self):
		complaint = self.record(self.rahasia, "tanggapan").name
		request = self.record(self.permohonan, "pemberitahuan").name
		disposition = self.record(self.disposisi, "lembar").name
		cases = {
			"tim": {complaint},  # reads complaints, not requests
			"desk": {request},  # Petugas Desk Informasi: requests, not complaints
			"kasubag": {complaint, disposition},  # the disposition's recipient
			"ppid": {request},  # a disposition outside their chain stays out
			"ketua": {complaint, request, disposition},
		}
		for key, visible in cases.items():
			with self.subTest(user=key), as_user(self.users[key]):
				listed = set(
					frappe.get_list(
						DOCTYPE, filters={"name": ("in", [complaint, request, disposition])}, pluck="name"
					)
				)
				self.assertEqual(listed, visible)
				for name in (complaint, request, disposition):
					self.assertEqual(
						bool(frappe.has_permission(DOCTYPE, "read", name)), name in visible, name
					)
				self.assertFalse(frappe.has_permission(DOCTYPE, "write", complaint))
				self.assertFalse(frappe.has_permission(DOCTYPE, "create"))
		with as_user(self.users["lain"]):  # Petugas Desk Informasi too
			self.assertFalse(frappe.has_permission(DOCTYPE, "read", complaint))

	# --- markup -----------------------------------------------------------------------------------------

	def test_every_state_of_the_page_is_sound_markup(self):
		"""Indonesian, every control labelled, no id twice, every aria reference to an id that is there.
		(<html lang> follows the request's language: over HTTP it is the site's, see the browser spec.)"""
		replaced = frappe.get_all(
			DOCTYPE, filters={"dokumen": self.kelengkapan.name, "status": "Diganti"}, pluck="kode"
		)[0]
		for kode in (None, self.record(self.rahasia, "tanggapan").kode, replaced, rules.new_code()):
			with self.subTest(kode=kode):
				_status, html = self.page(kode)
				markup = markup_check.parse(html)
				self.assertIn('<div class="kd-portal" lang="id">', html)
				self.assertEqual([i for i, n in markup.ids.items() if n > 1], [])
				self.assertEqual([r for _t, _a, r in markup.references if r not in markup.ids], [])
				self.assertEqual([c["id"] for c in markup.controls], ["kd-kode"])
				self.assertIn("kd-kode", markup.labelled_for)

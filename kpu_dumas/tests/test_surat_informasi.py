"""The PPID letters as PDFs through wkhtmltopdf, read back with pypdf, and the emails that carry them.

One request walks the whole way (received Wednesday 11 March 2026, extended 30 March, granted in part
9 April, handed over by email 10 April 2026) and is objected to (13 April, answered 20 April 2026). Each
of the seven letters is rendered once, as the role that prints it. Other decisions are checked in the
HTML, which needs no wkhtmltopdf. Set KPU_DUMAS_PDF_DIR to keep the PDFs for a look.
"""

from __future__ import annotations

import email
import io
import json
import logging
import os
from email import policy
from pathlib import Path

import cssutils
import frappe
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from kpu_dumas import clock
from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import (
	AssetServer,
	act,
	as_user,
	make_permohonan,
	make_user,
	office,
)

REQUESTER_EMAIL = "andi.uji@contoh.id"
ROLE_USERS = ("desk", "ppid", "atasan")
SIGNATORIES = {
	"Petugas Desk Informasi": ("Petugas Pelayanan Informasi", "Yusuf Desk Uji", "199501102020121004"),
	"PPID": ("PPID KPU Kabupaten Pohuwato", "Hendra Ppid Uji", "198002142006041002"),
	"Atasan PPID": ("Ketua KPU Kabupaten Pohuwato", "Dra. Hj. Salmah Uji", "197003041995032002"),
}
PARTIAL_NOTICE = {
	"keputusan": "Dikabulkan Sebagian",
	"informasi_diberikan": "Salinan SK penetapan DPT Pemilu 2024.\nRekapitulasi DPT per kecamatan.",
	"bentuk_informasi": "Softcopy",
	"biaya": 15000,
	"rincian_biaya": "Penggandaan 30 lembar x Rp500.",
	"waktu_penyerahan": "2026-04-10",
	"pasal_pengecualian": "Pasal 17 huruf h",
	"uji_konsekuensi": "Membuka NIK dan alamat pemilih merugikan privasi lebih besar dari manfaatnya.",
	"bagian_dihitamkan": "NIK dan alamat lengkap pemilih, karena data pribadi.",
}
DATA_FILE = "sk-dpt-pohuwato-2024-uji.pdf"
PDF_DIR = os.environ.get("KPU_DUMAS_PDF_DIR")


def pdf_text(pdf: bytes) -> str:
	"""The PDF's text with whitespace runs folded to one space."""
	reader = PdfReader(io.BytesIO(pdf))
	return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def email_text(raw: str) -> str:
	"""Subject and every decoded text part of a queued MIME message."""
	message = email.message_from_string(raw, policy=policy.default)
	parts = [str(message["Subject"] or "")]
	parts += [p.get_content() for p in message.walk() if p.get_content_maintype() == "text"]
	return "\n".join(parts)


class TestSuratInformasi(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.assets = AssetServer().__enter__()
		cls.addClassCleanup(cls.assets.__exit__)
		cls.addClassCleanup(cssutils.log.setLevel, cssutils.log.getEffectiveLevel())
		cssutils.log.setLevel(logging.CRITICAL)
		cls.users = {key: make_user(key) for key in ROLE_USERS}  # creating users is slow: only these
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
		clock.clear_calendar_cache()
		cls.ensure_outgoing_email()
		cls.pdfs: dict[str, str] = {}

		users = cls.users
		with cls.at(2026, 3, 11, 10, 0):
			doc = make_permohonan(tanggal_diterima=office(2026, 3, 11, 10, 0))
		with cls.at(2026, 3, 11, 10, 30):
			doc = act(doc, "Registrasi", users["desk"])
			doc = act(doc, "Teruskan", users["desk"])
		with cls.at(2026, 3, 30, 9, 0):
			doc = act(
				doc,
				"Perpanjang",
				users["ppid"],
				alasan_perpanjangan="Dokumen DPT berada di arsip gudang logistik dan perlu dihitamkan.",
			)
		with cls.at(2026, 4, 9, 14, 0):
			doc = act(doc, "Putuskan", users["ppid"], **PARTIAL_NOTICE)
		data_file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": DATA_FILE,
				"content": samples.pdf("data DPT uji"),
				"attached_to_doctype": doc.doctype,
				"attached_to_name": doc.name,
				"attached_to_field": "lampiran_informasi",
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		cls.addClassCleanup(Path(data_file.get_full_path()).unlink, missing_ok=True)
		with cls.at(2026, 4, 10, 9, 0):
			doc = act(
				doc,
				"Serahkan",
				users["desk"],
				diserahkan_melalui="Email",
				tanggal_diserahkan="2026-04-10",
				lampiran_informasi=data_file.file_url,
			)
		cls.request = doc

		with cls.at(2026, 4, 13, 9, 0):
			objection = frappe.get_doc(
				{
					"doctype": "Keberatan Informasi",
					"permohonan": doc.name,
					"tanggal_penyebab": "2026-04-10",
					"tanggal_diajukan": office(2026, 4, 13, 9, 0),
					"alasan": "d. Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
					"kasus_posisi": "Rekap per kecamatan yang diserahkan tidak memuat jumlah pemilih disabilitas.",
				}
			).insert(ignore_permissions=True)
			objection = act(objection, "Registrasi", users["desk"])
			objection = act(objection, "Teruskan", users["desk"])
		jabatan, nama, _nip = SIGNATORIES["Atasan PPID"]
		with cls.at(2026, 4, 20, 10, 0):
			objection = act(
				objection,
				"Tanggapi",
				users["atasan"],
				keputusan_atasan="Keberatan Ditolak",
				tanggapan="<p>Data disabilitas per kecamatan tidak termasuk informasi yang dimohon.</p>",
				nama_atasan=nama,
				jabatan_atasan=jabatan,
			)
		cls.objection = objection

	@classmethod
	def ensure_outgoing_email(cls):
		"""Emails are queued only when the site can send; the account goes with the test's rollback."""
		from frappe.email.doctype.email_account.email_account import EmailAccount

		frappe.local.outgoing_email_account = {}
		cls.addClassCleanup(setattr, frappe.local, "outgoing_email_account", {})
		if not EmailAccount.find_outgoing():
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": "Surat Informasi Uji",
					"email_id": "ppid.surat.uji@kpu-dumas.test",
					"enable_outgoing": 1,
					"default_outgoing": 1,
					"smtp_server": "smtp.kpu-dumas.invalid",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)
			frappe.local.outgoing_email_account = {}

	@classmethod
	def at(cls, *args):
		return FrappeTestCase.freeze_time(cls, office(*args))

	def render(self, doc, print_format: str, user: str) -> str:
		with as_user(self.users[user]):
			pdf = frappe.get_print(doc.doctype, doc.name, print_format=print_format, as_pdf=True)
		self.assertTrue(pdf.startswith(b"%PDF"), f"{print_format}: not a PDF")
		if PDF_DIR:
			Path(PDF_DIR).mkdir(parents=True, exist_ok=True)
			(Path(PDF_DIR) / f"{frappe.scrub(print_format)}.pdf").write_bytes(pdf)
		return pdf_text(pdf)

	def html(self, doc, print_format: str, user: str) -> str:
		with as_user(self.users[user]):
			return frappe.get_print(doc.doctype, doc.name, print_format=print_format)

	def assert_signed_by(self, text: str, role: str):
		jabatan, nama, nip = SIGNATORIES[role]
		self.assertIn(jabatan, text)
		self.assertIn(nama, text)
		self.assertIn(f"NIP. {nip}", text)

	def code(self, doc) -> str:
		return doc.get_password("kode_lacak")

	# --- the request's letters --------------------------------------------------------------------------

	def test_formulir_permohonan_holds_the_request_and_both_signatures(self):
		doc = self.request
		text = self.render(doc, "Formulir Permohonan Informasi", "desk")
		for expected in (
			"FORMULIR PERMOHONAN INFORMASI PUBLIK",
			f"Nomor Pendaftaran: {doc.name}",
			"11 Maret 2026 pukul 10.00 WITA",
			"Andi Pemohon Uji",
			"KTP / 7503010101900001",
			"Jl. Merdeka 2, Marisa",
			"081298765432",
			REQUESTER_EMAIL,
			"Salinan keputusan penetapan DPT Pemilu 2024 Kabupaten Pohuwato.",
			"Penelitian skripsi.",
			"X Perorangan",
			"X Mendapatkan Salinan (Softcopy)",
			"X Email",
			"Marisa, 11 Maret 2026",
			"Pemohon Informasi",
			"10 (sepuluh) hari kerja",
		):
			self.assertIn(expected, text)
		self.assert_signed_by(text, "Petugas Desk Informasi")
		self.assertNotIn(self.code(doc), text)

	def test_tanda_bukti_gives_the_deadline_and_the_tracking_code_at_the_desk_only(self):
		doc = self.request
		text = self.render(doc, "Tanda Bukti Penerimaan Permohonan", "desk")
		self.assertIn("TANDA BUKTI PENERIMAAN PERMOHONAN INFORMASI PUBLIK", text)
		self.assertIn(f"Nomor: {doc.nomor_tanda_bukti}", text)
		self.assertIn(doc.name, text)
		self.assertIn("11 Maret 2026 pukul 10.00 WITA", text)
		# 10 working days from Wednesday 11 March 2026, past Nyepi, Idul Fitri and its cuti bersama.
		self.assertIn("Rabu, 1 April 2026 pukul 16.00 WITA", text)
		self.assertIn("10 (sepuluh) hari kerja", text)
		self.assertIn("Pasal 22 ayat (7)", text)
		self.assertIn(self.code(doc), text)
		self.assertIn("/lacak", text)
		self.assertIn("Marisa, 11 Maret 2026", text)
		self.assert_signed_by(text, "Petugas Desk Informasi")

		# The copy the email queue attaches (frappe.attach_print) leaves the code out.
		emailed = frappe.attach_print(
			doc.doctype, doc.name, print_format="Tanda Bukti Penerimaan Permohonan", lang="id"
		)
		self.assertTrue(emailed["fname"].endswith(".pdf"))
		emailed_text = pdf_text(emailed["fcontent"])
		self.assertIn(doc.nomor_tanda_bukti, emailed_text)
		self.assertNotIn(self.code(doc), emailed_text)

	def test_surat_perpanjangan_gives_the_reason_and_the_new_deadline(self):
		doc = self.request
		text = self.render(doc, "Surat Perpanjangan Jangka Waktu", "ppid")
		self.assertIn(doc.nomor_surat_perpanjangan, text)
		self.assertIn("Marisa, 30 Maret 2026", text)
		self.assertIn("Yth. Sdr. Andi Pemohon Uji", text)
		self.assertIn("Dokumen DPT berada di arsip gudang logistik dan perlu dihitamkan.", text)
		self.assertIn("7 (tujuh) hari kerja", text)
		self.assertIn("Pasal 22 ayat (8)", text)
		self.assertIn("Rabu, 1 April 2026 pukul 16.00 WITA", text)
		self.assertIn("Senin, 13 April 2026 pukul 16.00 WITA", text)  # Good Friday 3 April skipped
		self.assert_signed_by(text, "PPID")

	def test_pemberitahuan_tertulis_states_what_the_partial_grant_requires(self):
		doc = self.request
		text = self.render(doc, "Pemberitahuan Tertulis", "ppid")
		for expected in (
			"PEMBERITAHUAN TERTULIS",
			f"Nomor: {doc.nomor_pemberitahuan}",
			"Marisa, 9 April 2026",
			"KEPUTUSAN: DIKABULKAN SEBAGIAN",
			"dikabulkan sebagian",
			"Salinan SK penetapan DPT Pemilu 2024.",
			"Rp15.000",
			"Penggandaan 30 lembar x Rp500.",
			"Jumat, 10 April 2026",
			"Pasal 17 huruf h Undang-Undang Nomor 14 Tahun 2008",
			"mengungkap rahasia pribadi",
			"Membuka NIK dan alamat pemilih merugikan privasi",
			"NIK dan alamat lengkap pemilih, karena data pribadi.",
			"30 (tiga puluh) hari kerja",
			"Pasal 35 ayat (1)",
		):
			self.assertIn(expected, text)
		self.assert_signed_by(text, "PPID")

	def test_surat_balasan_lists_what_is_handed_over(self):
		doc = self.request
		self.assertTrue(doc.nomor_surat_balasan)
		self.assertNotIn(doc.nomor_surat_balasan, (doc.nomor_pemberitahuan, doc.nomor_tanda_bukti))
		text = self.render(doc, "Surat Balasan Permohonan Informasi", "ppid")
		for expected in (
			doc.nomor_surat_balasan,
			"Marisa, 10 April 2026",
			"Lampiran : 1 (satu) berkas",
			"Penyampaian Informasi Publik",
			f"Pemberitahuan Tertulis Nomor {doc.nomor_pemberitahuan}",
			"LAMPIRAN",
			"1. Salinan SK penetapan DPT Pemilu 2024.",
			"2. Rekapitulasi DPT per kecamatan.",
			DATA_FILE,
			"Pasal 5 ayat (1)",
		):
			self.assertIn(expected, text)
		self.assert_signed_by(text, "PPID")

	def test_other_decisions_in_the_written_notice(self):
		refused = make_permohonan()
		refused = act(refused, "Registrasi", self.users["desk"])
		refused = act(
			refused,
			"Tolak",
			self.users["desk"],
			keputusan="Ditolak",
			pasal_pengecualian="Pasal 17 huruf i",
			uji_konsekuensi="Memorandum internal rapat pleno tertutup.",
		)
		html = self.html(refused, "Pemberitahuan Tertulis", "ppid")
		self.assertIn(refused.nomor_pemberitahuan, html)
		self.assertIn("<b>ditolak</b>", html)
		self.assertIn("Pasal 17 huruf i Undang-Undang Nomor 14 Tahun 2008", html)
		self.assertIn("memorandum atau surat-surat antar Badan Publik", html)
		self.assertIn("Memorandum internal rapat pleno tertutup.", html)
		self.assertNotIn("Bagian yang dihitamkan", html)
		self.assertNotIn("Waktu Penyerahan", html)
		# No Surat Balasan number when nothing is handed over.
		refused = act(
			refused,
			"Serahkan",
			self.users["desk"],
			diserahkan_melalui="Email",
			tanggal_diserahkan=clock.office_today(),
		)
		self.assertFalse(refused.nomor_surat_balasan)

		elsewhere = make_permohonan()
		elsewhere = act(elsewhere, "Registrasi", self.users["desk"])
		elsewhere = act(elsewhere, "Teruskan", self.users["desk"])
		elsewhere = act(
			elsewhere,
			"Putuskan",
			self.users["ppid"],
			keputusan="Informasi Tidak Dikuasai",
			badan_publik_penguasa="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pohuwato",
		)
		html = self.html(elsewhere, "Pemberitahuan Tertulis", "ppid")
		self.assertIn("<b>tidak dikuasai</b>", html)
		self.assertIn("dikuasai oleh: <strong>Dinas Kependudukan dan Pencatatan Sipil", html)
		self.assertNotIn("Uji konsekuensi", html)

	# --- the objection's letters ------------------------------------------------------------------------

	def test_formulir_keberatan_ticks_the_ground_and_gives_the_answer_deadline(self):
		doc = self.objection
		text = self.render(doc, "Formulir Keberatan Informasi", "desk")
		for expected in (
			"FORMULIR PENGAJUAN KEBERATAN INFORMASI PUBLIK",
			f"Nomor Registrasi Keberatan: {doc.name}",
			self.request.name,
			"Andi Pemohon Uji",
			"PASAL 35 AYAT (1)",
			"a. Penolakan atas permintaan informasi berdasarkan alasan pengecualian",
			"X d. Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
			"g. Penyampaian informasi yang melebihi waktu yang diatur",
			"tidak memuat jumlah pemilih disabilitas",
			"30 (tiga puluh) hari kerja",
			"Pasal 36 ayat (2)",
			self.code(doc),
			"Marisa, 13 April 2026",
			"Pengaju Keberatan",
		):
			self.assertIn(expected, text)
		self.assertIn(clock.format_office(doc.batas_tanggapan), text)
		self.assert_signed_by(text, "Petugas Desk Informasi")

	def test_tanggapan_atas_keberatan_gives_the_komisi_informasi_window(self):
		doc = self.objection
		text = self.render(doc, "Tanggapan atas Keberatan", "atasan")
		for expected in (
			doc.nomor_tanggapan,
			"Marisa, 20 April 2026",
			"Yth. Sdr. Andi Pemohon Uji",
			doc.name,
			self.request.name,
			"d. Permintaan informasi ditanggapi tidak sebagaimana yang diminta",
			"KEBERATAN DITOLAK",
			"Data disabilitas per kecamatan tidak termasuk informasi yang dimohon.",
			"Komisi Informasi",
			"14 (empat belas) hari kerja",
			"Pasal 37 ayat (2)",
			clock.format_office(doc.batas_komisi_informasi),
		):
			self.assertIn(expected, text)
		self.assert_signed_by(text, "Atasan PPID")

	# --- emails -------------------------------------------------------------------------------------------

	def queued(self, doc) -> list[frappe._dict]:
		rows = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": doc.doctype, "reference_name": doc.name},
			fields=["name", "message", "attachments"],
			order_by="creation asc, modified asc",
		)
		for row in rows:
			row.recipients = frappe.get_all(
				"Email Queue Recipient", filters={"parent": row.name}, pluck="recipient"
			)
			row.text = email_text(row.message)
			row.formats = [
				a.get("print_format") for a in json.loads(row.attachments or "[]") if a.get("print_format")
			]
			row.files = [a.get("file_url") for a in json.loads(row.attachments or "[]") if a.get("file_url")]
		return rows

	def test_the_requester_gets_each_letter_by_email_and_the_code_once(self):
		doc, code = self.request, self.code(self.request)
		mails = self.queued(doc)
		self.assertEqual(
			[(m.formats, m.files) for m in mails],
			[
				([], []),
				(["Tanda Bukti Penerimaan Permohonan"], []),
				(["Surat Perpanjangan Jangka Waktu"], []),
				(["Pemberitahuan Tertulis"], []),
				(["Surat Balasan Permohonan Informasi"], [doc.lampiran_informasi]),
			],
		)
		for mail in mails:
			self.assertEqual(mail.recipients, [REQUESTER_EMAIL])
			self.assertIn(doc.name, mail.text)
		self.assertIn(code, mails[0].text)
		self.assertIn("/lacak", mails[0].text)
		self.assertIn("Permohonan informasi Anda telah diterima", mails[0].text)
		self.assertTrue(all(code not in m.text for m in mails[1:]))
		self.assertIn(doc.nomor_surat_perpanjangan, mails[2].text)
		self.assertIn("Dikabulkan Sebagian", mails[3].text)
		for mail in mails[1:]:
			spec = json.loads(frappe.db.get_value("Email Queue", mail.name, "attachments"))[0]
			self.assertEqual(
				(spec["print_format_attachment"], spec["doctype"], spec["name"], spec["lang"]),
				(1, doc.doctype, doc.name, "id"),
			)

	def test_the_objector_gets_the_form_and_the_answer(self):
		doc, code = self.objection, self.code(self.objection)
		mails = self.queued(doc)
		self.assertEqual(
			[m.formats for m in mails], [["Formulir Keberatan Informasi"], ["Tanggapan atas Keberatan"]]
		)
		self.assertEqual([m.recipients for m in mails], [[REQUESTER_EMAIL]] * 2)
		self.assertIn(code, mails[0].text)
		self.assertNotIn(code, mails[1].text)
		self.assertIn("Komisi Informasi", mails[1].text)
		self.assertIn("14 (empat belas) hari kerja", mails[1].text)
		self.assertIn(clock.format_office(doc.batas_komisi_informasi), mails[1].text)

	def test_each_print_format_json_holds_its_html_file(self):
		folder = Path(frappe.get_app_path("kpu_dumas", "kpu_dumas", "print_format"))
		formats = frappe.get_all(
			"Print Format",
			filters={
				"module": "KPU Dumas",
				"doc_type": ("in", ["Permohonan Informasi", "Keberatan Informasi"]),
			},
			pluck="name",
		)
		self.assertEqual(len(formats), 7)
		for name in formats:
			slug = frappe.scrub(name)
			meta = json.loads((folder / slug / f"{slug}.json").read_text(encoding="utf-8"))
			html = (folder / slug / f"{slug}.html").read_text(encoding="utf-8")
			self.assertEqual(meta["html"], html, f"copy {slug}.html into the html field of {slug}.json")
			self.assertEqual(
				(meta["standard"], meta["print_format_type"], meta["custom_format"]), ("Yes", "Jinja", 1)
			)

"""The XSS corpus (kpu_dumas/tests/data/xss.txt) sent into every citizen text field through the portal
over real HTTP, then checked inert wherever it comes out: the portal pages, the letters' PDF text, the
emails and the .xlsx exports. (The Desk form: tests/browser/xss.spec.mjs.)

Inert means: no element or attribute of the payloads in any HTML (no <script>, no on* handler, no
javascript: URL, no template expression evaluated), the stored text printed literally in the PDFs, and
no cell of an export that is a formula.
"""

from __future__ import annotations

import csv
import email
import io
import json
import random
import re
from email import policy
from html.parser import HTMLParser
from pathlib import Path

import frappe
import openpyxl
from frappe.tests.utils import FrappeTestCase

from kpu_dumas import clock
from kpu_dumas.reports.export import build_report_xlsx
from kpu_dumas.tests import test_portal
from kpu_dumas.tests.served import ServedSite, pdf_text
from kpu_dumas.tests.utils import (
	PASSWORD,
	PORTAL_LIMITS_OFF,
	AssetServer,
	act,
	as_user,
	make_all_users,
	set_office_settings,
)

CORPUS = Path(__file__).parent / "data" / "xss.txt"
MARK = "Uji XSS"
WARGA = "warga.xss.uji@contoh.id"


def payloads() -> list[str]:
	return [
		line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line and not line.startswith("# ")
	]


class Injected(HTMLParser):
	"""Elements and attributes in an HTML page that came from a payload: every payload calls alert(),
	loads xss.rocks or evil.example, or is a javascript: URL; the pages' own markup does none of that."""

	SIGN = re.compile(r"\balert\s*\(|fromcharcode|xss\.rocks|evil\.example|javascript:", re.IGNORECASE)

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found: list[str] = []
		self._script = False

	def handle_starttag(self, tag, attrs):
		self._script = tag == "script"
		for name, value in attrs:
			if self.SIGN.search(value or ""):
				self.found.append(f"<{tag} {name}={value!r}>")

	def handle_endtag(self, tag):
		self._script = False

	def handle_data(self, data):
		if self._script and self.SIGN.search(data):
			self.found.append(f"<script>{data[:80]}")


def injected(html: str) -> list[str]:
	parser = Injected()
	parser.feed(html)
	return parser.found


def squash(text: str) -> str:
	return re.sub(r"\s+", "", text or "")


class TestXss(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.settings = set_office_settings(PORTAL_LIMITS_OFF)
		cls.remove_leftovers()
		cls.users = make_all_users()
		cls.created_account = test_portal.TestPortal.ensure_outgoing_email()
		if not frappe.db.exists("User", WARGA):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": WARGA,
					"first_name": "Warga XSS",
					"send_welcome_email": 0,
					"user_type": "Website User",
					"new_password": PASSWORD,
				}
			)
			user.flags.ignore_password_policy = True
			user.insert(ignore_permissions=True)
		frappe.db.commit()
		cls.payloads = payloads()
		cls.corpus = "\n".join(cls.payloads)
		cls.server = ServedSite().start()
		try:
			cls.file_everything()
		finally:
			cls.server.stop()
		frappe.db.rollback()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
		cls.remove_leftovers()
		if cls.created_account:
			frappe.delete_doc(
				"Email Account", test_portal.TEST_EMAIL_ACCOUNT, force=True, ignore_permissions=True
			)
		if frappe.db.exists("User", WARGA):
			frappe.delete_doc("User", WARGA, force=True, ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	@classmethod
	def remove_leftovers(cls):
		complaints = frappe.get_all(
			"Pengaduan", filters={"perihal": ("like", f"{MARK}%")}, fields=["name", "identitas_pelapor"]
		)
		requests = frappe.get_all(
			"Permohonan Informasi", filters={"tujuan_penggunaan": ("like", f"{MARK}%")}, pluck="name"
		)
		objections = (
			frappe.get_all("Keberatan Informasi", filters={"permohonan": ("in", requests)}, pluck="name")
			if requests
			else []
		)
		for doctype, names in (
			("Pengaduan", [c.name for c in complaints]),
			("Keberatan Informasi", objections),
			("Permohonan Informasi", requests),
		):
			for name in names:
				for child in ("Riwayat Tahap", "Bukti Pengaduan"):
					frappe.db.delete(child, {"parent": name})
				for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
					frappe.db.delete("Email Queue Recipient", {"parent": queue})
				for t in ("ToDo", "Comment", "Email Queue", "Error Log", "Communication"):
					frappe.db.delete(t, {"reference_name": name})
				frappe.db.delete("Notification Log", {"document_name": name})
				frappe.db.delete("Version", {"docname": name})
				frappe.db.delete("__Auth", {"doctype": doctype, "name": name})
				frappe.db.delete("__global_search", {"doctype": doctype, "name": name})
				frappe.db.delete(doctype, {"name": name})
		for c in complaints:
			if c.identitas_pelapor:
				frappe.db.delete("Identitas Pelapor", {"name": c.identitas_pelapor})
		frappe.db.commit()

	# --- filing -----------------------------------------------------------------------------------------

	@classmethod
	def post(cls, method, data, user=WARGA):
		session = cls.server.session(user, PASSWORD)
		cls.sent = getattr(cls, "sent", 0) + 1  # a new client address each time: the per-client limit
		address = f"10.93.{random.randint(0, 250)}.{cls.sent % 250 + 1}"
		r = session.post(
			cls.server.url(f"/api/method/kpu_dumas.api.{method}"),
			data=data,
			headers={"X-Forwarded-For": address},
			timeout=120,
		)
		if r.status_code != 200:
			raise AssertionError(f"{method}: {r.status_code} {r.text[:800]}")
		return r.json()["message"]

	@classmethod
	def identity(cls, n: int, line: str) -> dict:
		return {
			"nama_lengkap": f"Warga {n} {line}"[:140],
			"jenis_identitas": "KTP",
			"nomor_identitas": f"750301550899{n:04d}",
			"alamat": cls.corpus[:1000],
			"telepon": f"0813777{n:05d}",
			"email": f"warga.xss.{n}@contoh.id",
			"pekerjaan": line[:140],
		}

	@classmethod
	def file_everything(cls):
		cls.complaints, cls.requests = [], []
		# One complaint and one request per payload in every single-line field...
		for n, line in enumerate(cls.payloads):
			cls.complaints.append(
				cls.post(
					"portal.ajukan_pengaduan",
					{
						**cls.identity(n, line),
						"perihal": f"{MARK} {n}: {line}"[:140],
						"uraian": cls.corpus,
						"teradu": line[:140],
						"lokasi_kasus": line[:140],
						"permintaan_penyelesaian": cls.corpus[:2000],
						"kerugian": cls.corpus[:2000],
						"persetujuan_pernyataan": "1",
					},
				)["nomor"]
			)
			cls.requests.append(
				cls.post(
					"portal_informasi.ajukan_permohonan",
					{
						"jenis_pemohon": "Perorangan",
						"nama_pemohon": f"Pemohon {n} {line}"[:140],
						"jenis_identitas": "KTP",
						"nomor_identitas": f"750301220799{n:04d}",
						"alamat": cls.corpus[:1000],
						"pekerjaan": line[:140],
						"telepon": f"0852777{n:05d}",
						"email": f"pemohon.xss.{n}@contoh.id",
						"informasi_diminta": cls.corpus,
						"tujuan_penggunaan": f"{MARK} {n}: {line}",
						"cara_memperoleh": "Melihat/Membaca/Mendengarkan/Mencatat",
					},
				)
			)
		# ... the whole corpus in every multi-line one (above), an objection and the reporter's additions.
		first = cls.requests[0]
		cls.objection = cls.post(
			"portal_informasi.ajukan_keberatan",
			{
				"nomor": first["nomor"],
				"kode": first["kode_lacak"],
				"alasan": "c. Tidak ditanggapinya permintaan informasi",
				"tanggal_penyebab": clock.office_today().isoformat(),
				"kasus_posisi": cls.corpus,
			},
		)["nomor"]
		cls.requests = [r["nomor"] for r in cls.requests]
		frappe.db.rollback()
		doc = frappe.get_doc("Pengaduan", cls.complaints[0])
		act(doc, "Minta Kelengkapan", cls.users["petugas"], kekurangan="Lampirkan foto nomor antrean.")
		frappe.db.commit()
		cls.post("portal.lengkapi_pengaduan", {"nomor": cls.complaints[0], "tambahan": cls.corpus})

	# --- checks -----------------------------------------------------------------------------------------

	def test_the_corpus_is_stored_as_plain_text(self):
		doc = frappe.get_doc("Pengaduan", self.complaints[0])
		for field in ("uraian", "tambahan_dari_pelapor", "perihal"):
			self.assertNotIn("<script", (doc.get(field) or "").lower(), field)
			self.assertNotIn("<img", (doc.get(field) or "").lower(), field)
		# Template syntax is stored as text, never evaluated.
		self.assertIn("{{ 7*7 }}", doc.uraian)
		self.assertIn("=cmd|' /C calc'!A0", doc.uraian)

	def test_portal_pages_render_it_inert(self):
		server = ServedSite().start()
		try:
			session = server.session(WARGA, PASSWORD)
			pages = {
				path: session.get(server.url(path), timeout=120) for path in ("/pengaduan-saya", "/lacak")
			}
			first = frappe.get_doc("Pengaduan", self.complaints[0])
			tracked = session.post(
				server.url("/api/method/kpu_dumas.api.portal.lacak_pengaduan"),
				data={"nomor": first.name, "kode": first.get_password("kode_lacak")},
				timeout=120,
			)
		finally:
			server.stop()
		for path, r in pages.items():
			with self.subTest(path):
				self.assertEqual(r.status_code, 200, r.text[:300])
				self.assertEqual(injected(r.text), [], path)
		listing = pages["/pengaduan-saya"].text
		plain = next(n for n, line in enumerate(self.payloads) if line.startswith("a < b"))
		self.assertIn(f"{MARK} {plain}: a &lt; b &gt; c &amp; d", listing)  # escaped, not dropped
		self.assertNotIn(">49<", squash(listing))  # no template expression evaluated
		self.assertEqual(tracked.status_code, 200)
		for key, value in tracked.json()["message"].items():
			if isinstance(value, str):
				self.assertEqual(injected(value), [], key)

	def test_letters_print_the_text_literally(self):
		letters = [
			("Pengaduan", self.complaints[0], "Formulir Pengaduan", "uraian"),
			("Pengaduan", self.complaints[0], "Tanda Terima Pengaduan", "perihal"),
			("Permohonan Informasi", self.requests[0], "Formulir Permohonan Informasi", "informasi_diminta"),
			("Keberatan Informasi", self.objection, "Formulir Keberatan Informasi", "kasus_posisi"),
		]
		with AssetServer():
			for doctype, name, print_format, field in letters:
				with self.subTest(print_format):
					with as_user("Administrator"):
						html = frappe.get_print(doctype, name, print_format=print_format)
						pdf = frappe.get_print(doctype, name, print_format=print_format, as_pdf=True)
					self.assertEqual(injected(html), [], print_format)
					text = squash(pdf_text(pdf))
					stored = frappe.db.get_value(doctype, name, field)
					for line in stored.splitlines():
						# Frappe's PDF step makes every src=/href= in the HTML absolute, text included
						# (frappe.utils.pdf scrub_urls): such a line prints altered, still as text.
						if line.strip() and not re.search(r"(src|href)\s*=", line):
							self.assertIn(squash(line), text, f"{print_format}: {line!r} not printed as text")

	def test_emails_escape_it(self):
		names = [*self.complaints, *self.requests, self.objection]
		queued = frappe.get_all("Email Queue", filters={"reference_name": ("in", names)}, pluck="message")
		self.assertGreaterEqual(len(queued), len(self.complaints), "the receipts were not queued")
		for raw in queued:
			message = email.message_from_string(raw, policy=policy.default)
			for part in message.walk():
				if part.get_content_type() == "text/html":
					self.assertEqual(injected(part.get_content()), [], message["Subject"])

	def test_xlsx_and_csv_cells_are_text_never_formulas(self):
		today = frappe.utils.getdate(frappe.utils.now())
		filters = {
			"from_date": frappe.utils.add_days(today, -1).isoformat(),
			"to_date": frappe.utils.add_days(today, 2).isoformat(),
		}
		books = {}
		with as_user(self.users["petugas"]):
			books["Register Pengaduan"] = build_report_xlsx("Register Pengaduan", filters)[0]
		with as_user(self.users["ppid"]):
			books["Register Permohonan Informasi"] = build_report_xlsx(
				"Register Permohonan Informasi", filters
			)[0]
			books["Register Keberatan Informasi"] = build_report_xlsx(
				"Register Keberatan Informasi", filters
			)[0]
		# Frappe's own export from the report view (Excel), as the Desk's menu does it.
		server = ServedSite().start()
		try:
			s = server.session(self.users["petugas"], PASSWORD)
			r = s.post(
				server.url("/api/method/frappe.desk.reportview.export_query"),
				data={
					"doctype": "Pengaduan",
					"file_format_type": "Excel",
					"filters": json.dumps([["Pengaduan", "perihal", "like", f"{MARK}%"]]),
					"fields": json.dumps(
						[
							f"`tabPengaduan`.`{f}`"
							for f in ("name", "perihal", "teradu", "lokasi_kasus", "uraian")
						]
					),
				},
				timeout=180,
			)
			self.assertEqual(r.status_code, 200, r.text[:300])
			books["Report view export (Frappe)"] = r.content
			r = s.post(
				server.url("/api/method/frappe.desk.reportview.export_query"),
				data={
					"doctype": "Pengaduan",
					"file_format_type": "CSV",
					"filters": json.dumps([["Pengaduan", "perihal", "like", f"{MARK}%"]]),
					"fields": json.dumps(
						[f"`tabPengaduan`.`{f}`" for f in ("name", "teradu", "lokasi_kasus")]
					),
				},
				timeout=180,
			)
			self.assertEqual(r.status_code, 200, r.text[:300])
			cells = [c for row in csv.reader(io.StringIO(r.content.decode("utf-8-sig"))) for c in row]
		finally:
			server.stop()
		# The CSV: a cell that would start a formula starts with an apostrophe instead (OWASP).
		self.assertIn("'=cmd|' /C calc'!A0", cells)
		self.assertEqual(
			[c for c in cells if c[:1] in ("=", "+", "-", "@")], [], "CSV cells that start a formula"
		)
		for title, content in books.items():
			with self.subTest(title):
				book = openpyxl.load_workbook(io.BytesIO(content))
				formulas, seen = [], 0
				for sheet in book.worksheets:
					for row in sheet.iter_rows():
						for cell in row:
							if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
								seen += 1
								if cell.data_type != "s":
									formulas.append(f"{cell.coordinate}: {cell.value[:60]}")
				if title != "Register Keberatan Informasi":  # it shows no citizen text at a cell's start
					self.assertGreater(seen, 0, "no payload starting with = + - @ reached the export")
				self.assertEqual(formulas, [], f"{title}: formula cells")

"""The IDOR matrix over real HTTP: every user x object x door of kpu_dumas/tests/data/idor_matrix.py.

The objects are filed through the portal by two website users on a served site (gunicorn on
127.0.0.1, kpu_dumas.tests.served), then worked in the Desk's way (workflow actions as staff) up to
Ditelaah, with a disposition on the rahasia complaint. Each user logs in once and reuses the session.
What a door answers is compared with the table; every mismatch is reported, then the test fails.
"""

from __future__ import annotations

import csv
import io
import json

import frappe
import openpyxl
from frappe.tests.utils import FrappeTestCase
from frappe.utils.global_search import sync_global_search

from kpu_dumas import clock, roles
from kpu_dumas.kpu_dumas.doctype.disposisi.test_disposisi import send_disposisi
from kpu_dumas.tests import samples
from kpu_dumas.tests.data import idor_matrix as table
from kpu_dumas.tests.served import ServedSite, pdf_text
from kpu_dumas.tests.utils import (
	COMPLETE,
	PASSWORD,
	PORTAL_LIMITS_OFF,
	act,
	ensure_user,
	list_in_global_search,
	make_all_users,
	set_office_settings,
	unlist_from_global_search,
)

MARK = "Uji matriks IDOR"
TOKEN_R = "Kelurahanrahasiaidor"  # one word, for the global search
TOKEN_O = "Kelurahanbiasaidor"
SECRET = {
	"nama_lengkap": "Nurhayati Matriks Rahasia",
	"nomor_identitas": "7503016607850911",
	"telepon": "081355500911",
	"email": "nur.matriks.rahasia@contoh.id",
}
ORDINARY = {
	"nama_lengkap": "Santoso Matriks Biasa",
	"nomor_identitas": "7503011203800912",
	"telepon": "081355500912",
	"email": "santoso.matriks@contoh.id",
}
REQUESTER = {
	"nama_pemohon": "Rahmat Matriks Pemohon",
	"nomor_identitas": "7503012207910913",
	"telepon": "085255500913",
	"email": "rahmat.matriks@contoh.id",
}
WARGA = {"warga_a": "warga.a.matriks@contoh.id", "warga_b": "warga.b.matriks@contoh.id"}
TIM_OFF = "tim.luar.matriks@kpu-dumas.test"
PDF_TEXT = "Bukti matriks IDOR"

DOCTYPES = {
	"pengaduan_rahasia": "Pengaduan",
	"pengaduan_biasa": "Pengaduan",
	"identitas_rahasia": "Identitas Pelapor",
	"identitas_biasa": "Identitas Pelapor",
	"bukti": "File",
	"permohonan": "Permohonan Informasi",
	"keberatan": "Keberatan Informasi",
	"disposisi": "Disposisi",
}
VALUE_FIELDS = {
	"Pengaduan": ["name", "perihal", "identitas_pelapor"],
	"Identitas Pelapor": ["name", "nama_lengkap", "nomor_identitas", "telepon", "email"],
	"File": ["name", "file_url", "attached_to_name"],
	"Permohonan Informasi": ["name", "nama_pemohon", "nomor_identitas", "telepon"],
	"Keberatan Informasi": ["name", "permohonan", "nama_pemohon", "telepon"],
	"Disposisi": ["name", "perihal", "dokumen_sumber"],
}
REPORTS = {
	"pengaduan_rahasia": "Register Pengaduan",
	"pengaduan_biasa": "Register Pengaduan",
	"permohonan": "Register Permohonan Informasi",
	"keberatan": "Register Keberatan Informasi",
}
# Doors that hand out a record's fields: an ALLOWED identity must show its plaintext name there.
VALUE_DOORS = {"getdoc", "rest_get", "client_get", "print", "pdf"}


def secrets_of(values: dict) -> list[str]:
	return [
		v for k, v in values.items() if k in ("nama_lengkap", "nama_pemohon", "nomor_identitas", "telepon")
	] + [values["email"]]


class TestIdorMatrix(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.settings = set_office_settings(PORTAL_LIMITS_OFF)
		cls.remove_leftovers()
		cls.staff = make_all_users()
		cls.emails = {
			"guest": "Guest",
			**WARGA,
			"tim_off": ensure_user(TIM_OFF, [roles.TIM_PEMERIKSA]),
			**{k: cls.staff[k] for k in ("petugas", "kasubag", "pyb", "ppid", "pimpinan")},
			"tim_on": cls.staff["tim"],
		}
		for email in WARGA.values():
			ensure_user(email, [], website=True)
		frappe.db.commit()
		cls.server = ServedSite().start()
		try:
			cls.file_through_the_portal()
			cls.work_in_the_desk()
		except Exception:
			cls.server.stop()
			raise
		# Complaints searchable from the awesome bar (an admin's choice), and what the scheduler does every
		# few minutes: the queued global-search updates go into the index.
		cls.search_was_listed = list_in_global_search("Pengaduan")
		sync_global_search()
		frappe.db.commit()
		cls.answers: dict = {}

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		frappe.db.rollback()
		if not cls.search_was_listed:
			unlist_from_global_search("Pengaduan")
		frappe.db.set_single_value("Pengaturan Kantor", cls.settings)
		cls.remove_leftovers()
		frappe.db.commit()
		super().tearDownClass()

	# --- set-up ---------------------------------------------------------------------------------------

	@classmethod
	def remove_leftovers(cls):
		frappe.db.rollback()
		names = frappe.get_all(
			"Pengaduan", filters={"perihal": ("like", f"{MARK}%")}, fields=["name", "identitas_pelapor"]
		)
		requests = frappe.get_all(
			"Permohonan Informasi", filters={"informasi_diminta": ("like", f"{MARK}%")}, pluck="name"
		)
		objections = (
			frappe.get_all("Keberatan Informasi", filters={"permohonan": ("in", requests)}, pluck="name")
			if requests
			else []
		)
		dispositions = frappe.get_all("Disposisi", filters={"perihal": ("like", f"{MARK}%")}, pluck="name")
		for doctype, rows in (
			("Pengaduan", [n.name for n in names]),
			("Keberatan Informasi", objections),
			("Permohonan Informasi", requests),
			("Disposisi", dispositions),
		):
			for name in rows:
				for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
					frappe.delete_doc("File", file, force=True, ignore_permissions=True)
				for child in ("Riwayat Tahap", "Bukti Pengaduan", "Anggota Tim Pemeriksa"):
					frappe.db.delete(child, {"parent": name})
				for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
					frappe.db.delete("Email Queue Recipient", {"parent": queue})
				for t in ("ToDo", "Comment", "Email Queue", "Error Log", "Communication"):
					frappe.db.delete(t, {"reference_name": name})
				frappe.db.delete("Notification Log", {"document_name": name})
				frappe.db.delete("Version", {"docname": name})
				frappe.db.delete("__Auth", {"doctype": doctype, "name": name})
				frappe.db.delete("__global_search", {"doctype": doctype, "name": name})
				if doctype == "Disposisi":
					frappe.db.delete("Penerima Disposisi", {"parent": name})
					frappe.db.delete("Butir Instruksi Disposisi", {"parent": name})
				frappe.db.delete(doctype, {"name": name})
		for row in names:
			if row.identitas_pelapor:
				frappe.db.delete("Identitas Pelapor", {"name": row.identitas_pelapor})
		for email in (*WARGA.values(), TIM_OFF):
			if frappe.db.exists("User", email):
				frappe.delete_doc("User", email, force=True, ignore_permissions=True)
		frappe.db.commit()

	@classmethod
	def session(cls, user: str):
		email = cls.emails[user]
		return cls.server.session(email, None if email == "Guest" else PASSWORD)

	@classmethod
	def portal(cls, user: str, method: str, data: dict, files=None) -> dict:
		r = cls.session(user).post(
			cls.server.url(f"/api/method/kpu_dumas.api.{method}"), data=data, files=files, timeout=120
		)
		if r.status_code != 200:
			raise AssertionError(f"{method} as {user}: {r.status_code} {r.text[:1000]}")
		return r.json()["message"]

	@classmethod
	def file_through_the_portal(cls):
		common = {"jenis_identitas": "KTP", "alamat": "Jl. Matriks No. 1, Marisa", "pekerjaan": "Petani"}
		complaint = {
			"uraian": "Petugas meminta imbalan untuk salinan berita acara.",
			"persetujuan_pernyataan": "1",
		}
		pdf = samples.pdf(PDF_TEXT)
		cls.rahasia = cls.portal(
			"warga_a",
			"portal.ajukan_pengaduan",
			{**SECRET, **common, **complaint, "perihal": f"{MARK}: {TOKEN_R} pungutan", "rahasia": "1"},
			files=[("bukti", ("bukti-matriks.pdf", pdf, "application/pdf"))],
		)
		cls.biasa = cls.portal(
			"warga_b",
			"portal.ajukan_pengaduan",
			{**ORDINARY, **common, **complaint, "perihal": f"{MARK}: {TOKEN_O} antrean"},
		)
		cls.permohonan = cls.portal(
			"warga_a",
			"portal_informasi.ajukan_permohonan",
			{
				"jenis_pemohon": "Perorangan",
				"jenis_identitas": "KTP",
				**REQUESTER,
				"alamat": "Jl. Beringin No. 9, Paguat",
				"informasi_diminta": f"{MARK}: salinan SK penetapan DPT.",
				"tujuan_penggunaan": "Bahan penelitian.",
				"cara_memperoleh": "Melihat/Membaca/Mendengarkan/Mencatat",
			},
		)
		cls.keberatan = cls.portal(
			"warga_a",
			"portal_informasi.ajukan_keberatan",
			{
				"nomor": cls.permohonan["nomor"],
				"kode": cls.permohonan["kode_lacak"],
				"alasan": "c. Tidak ditanggapinya permintaan informasi",
				"tanggal_penyebab": clock.office_today().isoformat(),
				"kasus_posisi": "Belum ada jawaban atas permohonan saya.",
			},
		)
		frappe.db.rollback()

	@classmethod
	def work_in_the_desk(cls):
		petugas = cls.staff["petugas"]
		for result in (cls.rahasia, cls.biasa):
			doc = frappe.get_doc("Pengaduan", result["nomor"])
			doc = act(doc, "Registrasi", petugas, kategori="Pelayanan Administrasi", **COMPLETE)
			act(doc, "Teruskan", petugas, tim_pemeriksa=[{"anggota": cls.staff["tim"]}])
		r = frappe.get_doc("Pengaduan", cls.rahasia["nomor"])
		b = frappe.get_doc("Pengaduan", cls.biasa["nomor"])
		assert r.workflow_state == b.workflow_state == "Ditelaah", (r.workflow_state, b.workflow_state)
		disposisi = send_disposisi(
			cls.staff,
			"pimpinan",
			["kasubag"],
			perihal=f"{MARK}: telaah pengaduan rahasia",
			dokumen_sumber_type="Pengaduan",
			dokumen_sumber=r.name,
		)
		evidence = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Pengaduan", "attached_to_name": r.name},
			fields=["name", "file_url"],
		)
		assert len(evidence) == 1, evidence
		cls.names = {
			"pengaduan_rahasia": r.name,
			"pengaduan_biasa": b.name,
			"identitas_rahasia": r.identitas_pelapor,
			"identitas_biasa": b.identitas_pelapor,
			"bukti": evidence[0].name,
			"permohonan": cls.permohonan["nomor"],
			"keberatan": cls.keberatan["nomor"],
			"disposisi": disposisi.name,
		}
		cls.file_url = evidence[0].file_url
		rahasia, biasa, pemohon = secrets_of(SECRET), secrets_of(ORDINARY), secrets_of(REQUESTER)
		cls.secrets = {
			"pengaduan_rahasia": rahasia,
			"identitas_rahasia": rahasia,
			"bukti": rahasia,
			"disposisi": rahasia,
			"pengaduan_biasa": biasa,
			"identitas_biasa": biasa,
			"permohonan": pemohon,
			"keberatan": pemohon,
		}

	# --- doors ----------------------------------------------------------------------------------------

	def call(self, user, method, data=None, get=False):
		s, url = self.session(user), self.server.url(f"/api/method/{method}")
		if get:
			return s.get(url, params=data, timeout=180)
		return s.post(url, data=data, timeout=180)

	def knock(self, user: str, obj: str, door: str):
		"""(status, text of the answer) of one door for one object as one user."""
		doctype, name = DOCTYPES[obj], self.names[obj]
		s = self.session(user)
		filters = json.dumps([[doctype, "name", "=", name]])
		if door == "getdoc":
			r = self.call(user, "frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}, get=True)
		elif door == "rest_get":
			r = s.get(self.server.url(f"/api/resource/{doctype}/{name}"), timeout=60)
		elif door == "rest_list":
			r = s.get(
				self.server.url(f"/api/resource/{doctype}"),
				params={"filters": filters, "fields": json.dumps(["*"])},
				timeout=60,
			)
		elif door == "client_get":
			r = self.call(user, "frappe.client.get", {"doctype": doctype, "name": name}, get=True)
		elif door == "client_get_list":
			r = self.call(
				user,
				"frappe.client.get_list",
				{"doctype": doctype, "filters": filters, "fields": json.dumps(VALUE_FIELDS[doctype])},
				get=True,
			)
		elif door == "client_get_value":
			r = self.call(
				user,
				"frappe.client.get_value",
				{"doctype": doctype, "filters": name, "fieldname": json.dumps(VALUE_FIELDS[doctype])},
				get=True,
			)
		elif door == "reportview":
			r = self.call(
				user,
				"frappe.desk.reportview.get",
				{"doctype": doctype, "filters": filters, "fields": json.dumps(self.columns(doctype))},
			)
		elif door == "reportview_export":
			r = self.call(
				user,
				"frappe.desk.reportview.export_query",
				{
					"doctype": doctype,
					"file_format_type": "CSV",
					"filters": filters,
					"fields": json.dumps(self.columns(doctype)),
				},
			)
		elif door in ("script_report", "script_report_xlsx"):
			return self.report(user, REPORTS[obj], xlsx=door == "script_report_xlsx")
		elif door == "print":
			r = s.get(
				self.server.url("/printview"),
				params={"doctype": doctype, "name": name, "trigger_print": 0},
				headers={"Accept": "text/html"},
				timeout=120,
			)
		elif door == "pdf":
			r = self.call(
				user, "frappe.utils.print_format.download_pdf", {"doctype": doctype, "name": name}, get=True
			)
			# The letters' PDF text need not carry the record's number: a PDF of it is the record shown.
			ok = r.status_code == 200 and r.content.startswith(b"%PDF")
			return r.status_code, (name + "\n" + pdf_text(r.content)) if ok else r.text[:2000]
		elif door == "search_link":
			r = self.call(
				user, "frappe.desk.search.search_link", {"doctype": doctype, "txt": name, "page_length": 50}
			)
		elif door == "global_search":
			text = {
				"pengaduan_rahasia": TOKEN_R,
				"pengaduan_biasa": TOKEN_O,
				"identitas_rahasia": SECRET["nama_lengkap"],
				"identitas_biasa": ORDINARY["nama_lengkap"],
			}[obj]
			r = self.call(user, "frappe.utils.global_search.search", {"text": text, "limit": 50})
		elif door == "file_download":
			r = s.get(self.server.url(self.file_url), timeout=60)
			ok = r.status_code == 200 and r.content.startswith(b"%PDF")
			return r.status_code, (name + pdf_text(r.content)) if ok else r.text[:2000]
		else:
			raise KeyError(door)
		return r.status_code, body_text(r)

	def columns(self, doctype):
		return [f"`tab{doctype}`.`{f}`" for f in VALUE_FIELDS[doctype]]

	def report(self, user, report_name, xlsx=False):
		key = (user, report_name, xlsx)
		if key not in self.answers:
			today = clock.office_today()
			filters = json.dumps(
				{
					"from_date": frappe.utils.add_days(today, -1).isoformat(),
					"to_date": frappe.utils.add_days(today, 1).isoformat(),
				}
			)
			method = "kpu_dumas.reports.export.export_xlsx" if xlsx else "frappe.desk.query_report.run"
			r = self.call(user, method, {"report_name": report_name, "filters": filters})
			self.answers[key] = (r.status_code, body_text(r))
		return self.answers[key]

	# --- the matrix -----------------------------------------------------------------------------------

	def judge(self, user, obj, door, want, status, text) -> str | None:
		"""None if the answer is what the table says, else what went wrong."""
		name = self.names[obj]
		shown = 200 <= status < 300 and name in text
		leaked = [s for s in self.secrets[obj] if s in text]
		if want == table.REFUSED:
			if shown:
				at = text.find(name)
				return f"shown (status {status}: {text[max(0, at - 80) : at + 80]!r})" + (
					f", with {leaked}" if leaked else ""
				)
			if leaked:
				return f"refused but leaks {leaked}"
			return None
		if not shown:
			return f"refused (status {status}: {text[:160]!r})"
		if want == table.MASKED and leaked:
			return f"shown unmasked: {leaked}"
		if (
			want == table.ALLOWED
			and obj.startswith("identitas")
			and door in VALUE_DOORS
			and self.secrets[obj][0] not in text
		):
			return "shown without the plain values (a reader must see them)"
		return None

	def run_matrix(self, only_user=None):
		failures, counts = [], {}
		for user, obj, door, want in table.cells():
			if only_user and user != only_user:
				continue
			key = (user, obj, door)
			if key not in self.answers:  # each cell is asked once per class, whichever test asks first
				self.answers[key] = self.knock(user, obj, door)
			status, text = self.answers[key]
			problem = self.judge(user, obj, door, want, status, text)
			# Never, whatever the cell: a rahasia identity value in plain.
			if not problem and any(s in text for s in secrets_of(SECRET)):
				problem = "a rahasia identity value in plain"
			counts[want] = counts.get(want, 0) + 1
			if problem:
				failures.append(f"{user:9} {obj:18} {door:18} want {want:8}: {problem}")
		return failures, counts

	def test_a_tim_member_not_on_the_case_gets_nothing_through_any_door(self):
		failures, counts = self.run_matrix(only_user="tim_off")
		self.assertEqual(counts, {table.REFUSED: sum(counts.values())})
		self.assertFalse(failures, "\n" + "\n".join(failures))

	def test_the_whole_matrix(self):
		failures, counts = self.run_matrix()
		total = sum(counts.values())
		print(f"\nIDOR matrix: {total} cells ({counts}); {total - len(failures)} as the table says")
		self.assertFalse(failures, f"{len(failures)} of {total} cells differ:\n" + "\n".join(failures))


def body_text(r) -> str:
	"""The answer as text: JSON and HTML as they are, CSV and xlsx cells, PDF text."""
	kind = r.headers.get("Content-Type", "")
	content = r.content
	if content.startswith(b"%PDF"):
		return pdf_text(content)
	if content.startswith(b"PK"):
		try:
			book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
			return "\n".join(
				"\t".join("" if c is None else str(c) for c in row)
				for sheet in book.worksheets
				for row in sheet.iter_rows(values_only=True)
			)
		except Exception:
			return content.decode("latin-1")
	if "csv" in kind:
		return "\n".join(",".join(row) for row in csv.reader(io.StringIO(content.decode("utf-8-sig"))))
	return r.text

"""The public complaint portal: file a complaint (/pengaduan), follow it and send missing items (/lacak).

Guests may call these endpoints; each is rate-limited per client. Only the fields named below are read
from the request: state, number, assignments, clocks, channel and portal user are the server's. Evidence
comes in the multipart request, is recognised by its content (kpu_dumas.core.files) and stored as
private files. Identity, complaint and files are written in one transaction; a refusal leaves nothing
behind, neither in the database nor on disk.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.core.doctype.file.utils import delete_file
from frappe.model.workflow import apply_workflow
from frappe.rate_limiter import rate_limit
from frappe.utils import getdate
from frappe.utils.html_utils import clean_html
from frappe.utils.password import get_decrypted_password

from kpu_dumas import batas_pengajuan, clock, duplicates, kerahasiaan, pengaturan
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import files as evidence
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.jalur import contact_lines
from kpu_dumas.core.portal import ANSWERED_STATES, one_line, plain_text, public_state, public_timeline
from kpu_dumas.core.tracking import tracking_code_matches
from kpu_dumas.kpu_dumas.doctype.instansi_berwenang.instansi_berwenang import contact_of
from kpu_dumas.record import trusted

DEFAULT_MAX_MB = 5
DEFAULT_MAX_FILES = 5
FILE_FIELD = "bukti"  # name of the multipart file input
CHANNEL = "Website"
REPORTER_ROLE = "Pelapor (melalui portal)"  # shown as "Sebagai" in the stage history

# Request field -> (label for messages, max length, single line). Nothing else reaches the records.
COMPLAINT_FIELDS = {
	"perihal": ("Perihal", 140, True),
	"uraian": ("Uraian pengaduan", 10000, False),
	"teradu": ("Pihak yang diadukan", 140, True),
	"lokasi_kasus": ("Lokasi kejadian", 140, True),
	"permintaan_penyelesaian": ("Permintaan penyelesaian", 2000, False),
	"kerugian": ("Kerugian yang dialami", 2000, False),
}
IDENTITY_FIELDS = {
	"nama_lengkap": ("Nama lengkap", 140, True),
	"jenis_identitas": ("Jenis identitas", 140, True),
	"nomor_identitas": ("Nomor identitas", 140, True),
	"alamat": ("Alamat", 1000, False),
	"telepon": ("Nomor telepon/HP", 140, True),
	"email": ("Email", 140, True),
	"pekerjaan": ("Pekerjaan", 140, True),
}
REQUIRED_COMPLAINT = {
	"perihal": "Isi Perihal: ringkasan singkat pengaduan Anda.",
	"uraian": "Isi Uraian Pengaduan: apa yang terjadi, kapan, di mana dan siapa yang terlibat.",
}
REQUIRED_IDENTITY = {
	"nama_lengkap": "Isi nama lengkap Anda, atau pilih 'Tanpa identitas (anonim)'.",
	"nomor_identitas": "Isi nomor identitas (NIK 16 digit untuk KTP).",
	"alamat": "Isi alamat Anda agar tanggapan dapat disampaikan.",
}
NOT_FOUND = (
	"Nomor registrasi atau kode lacak tidak cocok. Periksa kembali keduanya seperti tertulis pada "
	"bukti pengaduan Anda, misalnya DUMAS-2026-00012 dan K7QX-M2PA-9VTD."
)
TRUE_VALUES = {"1", "on", "true", "ya", "yes"}


# --- endpoints ------------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
@kerahasiaan.guard_identity_errors
def ajukan_pengaduan():
	"""File a complaint from the portal. Returns the registration number and the secret tracking code."""
	batas_pengajuan.check_guest_cap()
	form = frappe.form_dict
	anonymous = _flag(form, "anonim")
	complaint, errors = _texts(form, COMPLAINT_FIELDS)
	errors += [message for field, message in REQUIRED_COMPLAINT.items() if not complaint.get(field)]
	identity = {}
	if not anonymous:
		identity, identity_errors = _texts(form, IDENTITY_FIELDS)
		errors += identity_errors
		errors += [message for field, message in REQUIRED_IDENTITY.items() if not identity.get(field)]
		identity["jenis_identitas"] = identity.get("jenis_identitas") or "KTP"
		if identity["jenis_identitas"] not in _options("Identitas Pelapor", "jenis_identitas"):
			errors.append("Pilih jenis identitas dari daftar: KTP, Paspor, SIM atau kartu identitas lainnya.")
	service_date, date_error = _service_date(form.get("tanggal_layanan"))
	if date_error:
		errors.append(date_error)
	if not _flag(form, "persetujuan_pernyataan"):
		errors.append("Centang pernyataan kebenaran data sebelum mengirim pengaduan.")
	if errors:
		_refuse(errors)
	if not anonymous:
		batas_pengajuan.check_reporter(
			"Identitas Pelapor",
			"pengaduan",
			identity.get("nomor_identitas") if identity["jenis_identitas"] == "KTP" else None,
			identity.get("telepon"),
			identity.get("email"),
		)
	uploads = _read_uploads()

	written: list[str] = []
	with _all_or_nothing(written):
		files = _store_files(uploads, written)
		reporter = None
		if not anonymous:
			reporter = frappe.get_doc({"doctype": "Identitas Pelapor", **identity})
			reporter.insert(ignore_permissions=True)
		doc = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				**complaint,
				"tanggal_layanan": service_date,
				"kanal": CHANNEL,
				"anonim": 1 if anonymous else 0,
				"rahasia": 0 if anonymous else (1 if _flag(form, "rahasia") else 0),
				"identitas_pelapor": reporter.name if reporter else None,
				"pengguna_portal": None if frappe.session.user == "Guest" else frappe.session.user,
				"persetujuan_pernyataan": 1,
				"bukti": [
					{"berkas": f.file_url, "keterangan": _("Bukti dari pelapor (portal)")} for f in files
				],
			}
		)
		doc.flags.duplicates_later = True  # compared after the answer (_flag_duplicates)
		trusted(doc).insert(ignore_permissions=True)  # the portal writes its channel and marks
		_attach(files, doc)
	frappe.enqueue(
		_flag_duplicates,
		queue="short",
		name=doc.name,
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),
	)

	frappe.clear_messages()  # notes meant for the officer (e.g. late filing) are not the citizen's
	return {
		"nomor": doc.name,
		"kode_lacak": doc.get_password("kode_lacak"),
		"diterima": clock.format_office(doc.tanggal_diterima),
		"email_terkirim": bool(doc.flags.reporter_emailed),
		"jumlah_berkas": len(files),
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60)
def lacak_pengaduan(nomor: str | None = None, kode: str | None = None):
	"""Status, timeline and answer of a complaint, for its number and tracking code. No personal data."""
	return case_for_public(_find_case(nomor, kode))


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
@kerahasiaan.guard_identity_errors
def lengkapi_pengaduan(nomor: str | None = None, kode: str | None = None, tambahan: str | None = None):
	"""The reporter sends the missing items (text and files); the case goes back to the officer."""
	name = _find_case(nomor, kode)
	if frappe.db.get_value("Pengaduan", name, "workflow_state") != rules.PERLU_DILENGKAPI:
		_refuse(["Pengaduan ini tidak sedang menunggu kelengkapan dari Anda."], _("Tidak Perlu Dilengkapi"))
	note = plain_text(tambahan, 5000)
	uploads = _read_uploads()
	if not note and not uploads:
		_refuse(["Tuliskan keterangan kelengkapan atau lampirkan berkas yang diminta petugas."])

	reporter_user = frappe.session.user
	written: list[str] = []
	with _all_or_nothing(written):
		files = _store_files(uploads, written)
		with _as_system():
			doc = frappe.get_doc("Pengaduan", name)
			doc.tambahan_dari_pelapor = _append_note(doc.tambahan_dari_pelapor, note, files)
			for f in files:
				doc.append(
					"bukti", {"berkas": f.file_url, "keterangan": _("Kelengkapan dari pelapor (portal)")}
				)
			trusted(doc).save(ignore_permissions=True)
			_attach(files, doc)
			apply_workflow(doc, "Dilengkapi")
			_mark_reporter_action(name, reporter_user)
	frappe.clear_messages()
	return case_for_public(name)


# --- what the public sees -------------------------------------------------------------------------


def case_for_public(name: str) -> dict:
	"""Number, subject, public status and timeline; the missing items while they are asked for; the
	answer once given. Never the reporter's identity, the team or internal notes."""
	doc = frappe.get_doc("Pengaduan", name)
	state = doc.workflow_state
	label, explanation = public_state(state)
	rows = [{"tahap": r.tahap, "masuk": r.masuk} for r in sorted(doc.riwayat_tahap, key=lambda r: r.idx)]
	case = {
		"nomor": doc.name,
		"perihal": doc.perihal,
		"diterima": clock.format_office(doc.tanggal_diterima),
		"status": label,
		"keterangan_status": explanation,
		"riwayat": [
			{"label": t["label"], "waktu": clock.format_office(t["masuk"])} for t in public_timeline(rows)
		],
		"perlu_dilengkapi": state == rules.PERLU_DILENGKAPI,
	}
	if state == rules.PERLU_DILENGKAPI:
		case["kekurangan"] = plain_text(doc.kekurangan)
		case["batas_kelengkapan"] = clock.format_office(doc.batas_kelengkapan)
	if state in ANSWERED_STATES:
		case["tanggapan"] = clean_html(doc.tanggapan or "")
		case["nomor_surat_tanggapan"] = doc.nomor_surat_tanggapan
		case["tanggal_tanggapan"] = format_date(doc.tanggal_tanggapan) if doc.tanggal_tanggapan else ""
	if state == rules.TIDAK_DITINDAKLANJUTI:
		case["alasan"] = doc.alasan_tidak_ditindaklanjuti or ""
		case["diteruskan_ke"] = doc.diteruskan_ke or ""
	if path := _path_for_public(doc):
		case["jalur"] = path
	return case


def _path_for_public(doc) -> dict | None:
	"""Where a merged, redirected or forwarded complaint went, in public words: the main case's progress
	(never its reporter or answer text), the new number (never its code), the body's contact."""
	state = doc.workflow_state
	if state == rules.DIGABUNGKAN and doc.digabung_ke:
		main = frappe.get_doc("Pengaduan", doc.digabung_ke)
		label, explanation = public_state(main.workflow_state)
		rows = [{"tahap": r.tahap, "masuk": r.masuk} for r in sorted(main.riwayat_tahap, key=lambda r: r.idx)]
		facts = [(_("Pengaduan utama"), main.name), (_("Status pengaduan utama"), label)]
		if main.workflow_state in ANSWERED_STATES and main.nomor_surat_tanggapan:
			facts.append((_("Nomor surat tanggapan"), main.nomor_surat_tanggapan))
		return {
			"judul": _("Ditangani bersama pengaduan {0}").format(main.name),
			"teks": explanation,
			"fakta": facts,
			"riwayat": [
				{"label": t["label"], "waktu": clock.format_office(t["masuk"])} for t in public_timeline(rows)
			],
		}
	if state == rules.DIALIHKAN and doc.dialihkan_ke_permohonan:
		return {
			"judul": _("Dilanjutkan sebagai permohonan informasi"),
			"teks": _(
				"Lacak permohonan ini dengan nomor barunya dan kode lacak yang dikirim kepada Anda untuk nomor itu."
			),
			"fakta": [(_("Nomor permohonan informasi"), doc.dialihkan_ke_permohonan)],
		}
	if state == rules.DITERUSKAN and doc.diteruskan_ke:
		body = contact_of(doc.diteruskan_ke)
		facts = [(_("Instansi"), body.nama_lengkap or body.nama_instansi)]
		if doc.tanggal_penerusan:
			facts.append((_("Diteruskan pada"), format_date(doc.tanggal_penerusan)))
		return {
			"judul": _("Diteruskan kepada {0}").format(body.nama_instansi),
			"teks": _("Untuk tindak lanjut pengaduan Anda, hubungi instansi tersebut."),
			"fakta": facts + [(_(label), value) for label, value in contact_lines(body)],
		}
	return None


def portal_limits() -> tuple[int, int]:
	"""(max MB per file, max files per submission) from Pengaturan Kantor; 0 means the default."""
	max_mb = pengaturan.get("ukuran_berkas_maks_mb")
	max_files = pengaturan.get("jumlah_berkas_maks")
	return int(max_mb or DEFAULT_MAX_MB), int(max_files or DEFAULT_MAX_FILES)


# --- request reading ------------------------------------------------------------------------------


def _first(value):
	if isinstance(value, list | tuple):
		value = value[0] if value else None
	return value


def _flag(form, key: str) -> bool:
	return str(_first(form.get(key)) or "").strip().lower() in TRUE_VALUES


def _texts(form, fields: dict) -> tuple[dict, list[str]]:
	"""Plain-text values of the whitelisted fields, and messages for those that are too long."""
	values, errors = {}, []
	for field, (label, max_length, single_line) in fields.items():
		raw = _first(form.get(field))
		raw = "" if raw is None or isinstance(raw, dict) else str(raw)
		text = one_line(raw) if single_line else plain_text(raw)
		if len(text) > max_length:
			errors.append(f"{label} paling banyak {max_length} karakter; yang diisi {len(text)} karakter.")
		values[field] = text or None
	return values, errors


def _options(doctype: str, fieldname: str) -> list[str]:
	return [o for o in (frappe.get_meta(doctype).get_field(fieldname).options or "").split("\n") if o]


def _service_date(value) -> tuple[str | None, str | None]:
	value = str(_first(value) or "").strip()
	if not value:
		return None, None
	try:
		day = getdate(value)
	except Exception:
		return None, "Tanggal pelayanan tidak dapat dibaca. Pilih tanggal dari kalender."
	if day > clock.office_today():  # the office's day, as the server's date rules count it
		return None, "Tanggal pelayanan yang diadukan tidak boleh setelah hari ini."
	return str(day), None


@dataclass(frozen=True)
class Upload:
	name: str
	content: bytes


def _read_uploads(
	field: str = FILE_FIELD, max_count: int | None = None, title: str | None = None
) -> list[Upload]:
	"""The files sent under `field`, each checked by content and size; refused all together."""
	storages = []
	if frappe.request and frappe.request.files:
		storages = [f for f in frappe.request.files.getlist(field) if f and f.filename]
	max_mb, max_files = portal_limits()
	if error := evidence.count_error(len(storages), max_count or max_files):
		_refuse([error], title)
	max_bytes = max_mb * 1024 * 1024
	uploads, errors = [], []
	for storage in storages:
		content = storage.stream.read(max_bytes + 1)
		if error := evidence.upload_error(storage.filename, content, max_bytes):
			errors.append(error)
		else:
			uploads.append(
				Upload(evidence.safe_file_name(storage.filename, evidence.sniff_type(content)), content)
			)
	if errors:
		_refuse(errors, title)
	return uploads


def _refuse(errors: list[str], title: str | None = None):
	"""One refusal listing every problem, one per line (the page shows them as a list)."""
	frappe.throw("\n".join(errors), frappe.ValidationError, title=title or _("Pengaduan Belum Dapat Dikirim"))


# --- writing --------------------------------------------------------------------------------------


@contextmanager
def _all_or_nothing(written: list[str]):
	"""On any error: roll the transaction back and remove the files this request wrote to disk."""
	try:
		yield
	except Exception:
		frappe.db.rollback()  # File.on_rollback removes new files too; this makes sure of it
		for file_url in written:
			if not frappe.db.exists("File", {"file_url": file_url}):
				delete_file(file_url)
		raise


def _store_files(uploads: list[Upload], written: list[str]):
	"""Private File records for the uploads (attached to their complaint once it exists)."""
	frappe.form_dict.pop("file_size", None)  # File.validate would take a size from the request
	files = []
	for upload in uploads:
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": upload.name,
				"content": upload.content,
				"is_private": 1,
				"folder": "Home/Attachments",
			}
		)
		file.insert(ignore_permissions=True)
		written.append(file.file_url)
		files.append(file)
	return files


def _flag_duplicates(name: str):
	"""The duplicate check of a complaint filed on the portal, in a background job once it is committed:
	it compares with thousands of recent complaints (a third of a second on 100,000), which the citizen
	does not wait for; the officer sees the flag seconds later."""
	if frappe.db.exists("Pengaduan", name):
		duplicates.flag(frappe.get_doc("Pengaduan", name))


def _attach(files, doc):
	for file in files:
		frappe.db.set_value(
			"File",
			file.name,
			{"attached_to_doctype": doc.doctype, "attached_to_name": doc.name, "is_private": 1},
		)


def _append_note(existing: str | None, note: str, files) -> str:
	header = _("Dikirim pelapor melalui portal, {0}").format(clock.format_office(clock.now()))
	lines = [header]
	if note:
		lines.append(note)
	if files:
		lines.append(_("Berkas: {0}").format(", ".join(f.file_name for f in files)))
	entry = "\n".join(lines)
	return f"{existing.rstrip()}\n\n{entry}" if existing else entry


def _mark_reporter_action(name: str, user: str):
	"""The stage the reporter just closed was closed by the reporter, through the portal."""
	row = frappe.get_all(
		"Riwayat Tahap",
		filters={
			"parenttype": "Pengaduan",
			"parent": name,
			"tahap": rules.PERLU_DILENGKAPI,
			"keluar": ("is", "set"),
		},
		order_by="idx desc",
		limit=1,
		pluck="name",
	)
	if row:
		frappe.db.set_value(
			"Riwayat Tahap", row[0], {"oleh": user, "peran_pelaku": REPORTER_ROLE}, update_modified=False
		)


@contextmanager
def _as_system():
	"""Act as Administrator (the reporter holds no role for the 'Dilengkapi' transition), then restore
	the caller's session exactly (frappe.set_user clears its data and the form dict)."""
	user = frappe.session.user
	session = dict(frappe.local.session)
	form_dict = frappe.local.form_dict
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.set_user(user)
		frappe.local.session.update(session)
		frappe.local.form_dict = form_dict


# --- lookups --------------------------------------------------------------------------------------


def _find_case(nomor: str | None, kode: str | None) -> str:
	"""The complaint for this number and code. A wrong code and an unknown number fail alike.

	A logged-in website user may open their own complaints (pengguna_portal) without the code.
	"""
	name = str(nomor or "").strip().upper()[:140]
	stored = get_decrypted_password("Pengaduan", name, "kode_lacak", raise_exception=False) if name else None
	if stored and tracking_code_matches(kode, stored):
		return name
	user = frappe.session.user
	if (
		name
		and not kode
		and user != "Guest"
		and frappe.db.get_value("Pengaduan", name, "pengguna_portal") == user
	):
		return name
	frappe.throw(_(NOT_FOUND), frappe.DoesNotExistError, title=_("Pengaduan Tidak Ditemukan"))

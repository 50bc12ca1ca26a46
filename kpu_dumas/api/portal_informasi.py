"""The public portal for information requests and objections (UU 14/2008, Perki 1/2021).

/permohonan-informasi files a request, /keberatan files an objection against one (with the request's
number AND tracking code), /lacak follows either by number and code. Guests may call every endpoint;
each is rate-limited per client. Only the fields named below are read from the request: state, number,
channel, clocks and portal user are the server's. A requester that is not a person sends its deed or
mandate as a file, recognised by content (kpu_dumas.core.files) and stored privately. Everything is
written in one transaction; a refusal leaves nothing behind, in the database or on disk.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.rate_limiter import rate_limit
from frappe.utils import flt, fmt_money, get_datetime, getdate, now_datetime
from frappe.utils.html_utils import clean_html
from frappe.utils.password import get_decrypted_password

from kpu_dumas import batas_pengajuan, clock, information, kerahasiaan
from kpu_dumas.api.portal import _all_or_nothing, _attach, _first, _flag, _read_uploads, _store_files, _texts
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core import portal_informasi as public
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.identity import email_error, nik_error, normalize_nik, normalize_phone, phone_error
from kpu_dumas.core.portal import plain_text
from kpu_dumas.core.tracking import tracking_code_matches
from kpu_dumas.kpu_dumas.doctype.jenis_informasi.jenis_informasi import active_kinds
from kpu_dumas.record import trusted

REQUEST = public.PERMOHONAN
OBJECTION = public.KEBERATAN
CHANNEL = "Website"
DEED_FIELD = "dokumen_pemohon"  # name of the multipart file input for the deed or mandate

# Request field -> (label for messages, max length, single line). Nothing else reaches the record.
REQUEST_TEXTS = {
	"nama_pemohon": ("Nama pemohon", 140, True),
	"nomor_identitas": ("Nomor identitas", 40, True),
	"alamat": ("Alamat", 1000, False),
	"pekerjaan": ("Pekerjaan", 140, True),
	"telepon": ("Nomor telepon/HP", 20, True),
	"email": ("Email", 140, True),
	"informasi_diminta": ("Rincian informasi yang dibutuhkan", 5000, False),
	"tujuan_penggunaan": ("Tujuan penggunaan informasi", 2000, False),
}
REQUEST_CHOICES = {
	"jenis_pemohon": "Pilih jenis pemohon dari daftar: perorangan, badan hukum atau kelompok orang.",
	"jenis_identitas": "Pilih jenis identitas dari daftar: KTP, Paspor, SIM atau kartu identitas lainnya.",
	"cara_memperoleh": "Pilih cara memperoleh informasi dari daftar.",
	"cara_mendapatkan_salinan": "Pilih cara mendapatkan salinan dari daftar.",
}
REQUIRED_REQUEST = {
	"nama_pemohon": "Isi nama pemohon (nama lengkap, atau nama badan hukum/kelompok).",
	"nomor_identitas": "Isi nomor identitas (NIK 16 digit untuk KTP).",
	"alamat": "Isi alamat pemohon agar pemberitahuan tertulis dapat disampaikan.",
	"informasi_diminta": "Isi rincian informasi yang dibutuhkan.",
	"tujuan_penggunaan": "Isi tujuan penggunaan informasi.",
	"cara_memperoleh": "Pilih cara memperoleh informasi.",
}
OBJECTION_TEXTS = {"kasus_posisi": ("Kasus posisi", 5000, False)}
NOT_FOUND = (
	"Nomor registrasi atau kode lacak tidak cocok. Periksa kembali keduanya seperti tertulis pada "
	"bukti permohonan Anda, misalnya PPID-2026-00012 dan K7QX-M2PA-9VTD."
)


# --- endpoints ------------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
@kerahasiaan.guard_identity_errors
def ajukan_permohonan():
	"""File an information request. Returns the registration number and the secret tracking code."""
	batas_pengajuan.check_guest_cap()
	form = frappe.form_dict
	values, errors = _texts(form, REQUEST_TEXTS)
	refused = set()
	for field, message in REQUEST_CHOICES.items():
		value = str(_first(form.get(field)) or "").strip() or None
		if value and value not in _options(REQUEST, field):
			errors.append(message)
			refused.add(field)
			value = None
		values[field] = value
	kind = str(_first(form.get("jenis_informasi")) or "").strip() or None
	if kind and kind not in active_kinds():
		errors.append(
			"Pilih jenis informasi dari daftar, atau biarkan kosong agar petugas yang menggolongkan."
		)
		kind = None
	values["jenis_informasi"] = kind
	values["jenis_pemohon"] = values["jenis_pemohon"] or "Perorangan"
	values["jenis_identitas"] = values["jenis_identitas"] or "KTP"
	errors += [m for field, m in REQUIRED_REQUEST.items() if not values.get(field) and field not in refused]
	errors += _contact_errors(values)
	errors += public.request_form_errors(values)
	person = values["jenis_pemohon"] == "Perorangan"
	deed = [] if person else _read_uploads(DEED_FIELD, max_count=1, title=_("Permohonan Belum Dapat Dikirim"))
	# The DocType's own rule (a deed for a legal entity or group), with a placeholder for the file.
	errors += rules.requester_errors({**values, "dokumen_pendukung_pemohon": "x" if deed else None})
	if errors:
		_refuse(errors)
	batas_pengajuan.check_reporter(
		REQUEST,
		"permohonan informasi",
		values.get("nomor_identitas") if values["jenis_identitas"] == "KTP" else None,
		values.get("telepon"),
		values.get("email"),
	)

	written: list[str] = []
	with _all_or_nothing(written):
		files = _store_files(deed, written)
		doc = frappe.get_doc(
			{
				"doctype": REQUEST,
				**values,
				"tanggal_diterima": now_datetime(),
				"kanal": CHANNEL,
				"dokumen_pendukung_pemohon": files[0].file_url if files else None,
				"pengguna_portal": None if frappe.session.user == "Guest" else frappe.session.user,
			}
		)
		if frappe.get_meta(REQUEST).has_field("informasi_pemilu"):
			doc.informasi_pemilu = 1 if _flag(form, "informasi_pemilu") else 0
		trusted(doc).insert(ignore_permissions=True)  # the portal writes its channel and user
		_attach(files, doc)
		for file in files:
			frappe.db.set_value("File", file.name, "attached_to_field", "dokumen_pendukung_pemohon")

	frappe.clear_messages()  # notes meant for the officers are not the citizen's
	return {
		"nomor": doc.name,
		"kode_lacak": doc.get_password("kode_lacak"),
		"diterima": clock.format_office(doc.tanggal_diterima),
		"batas": clock.format_office(doc.batas_pemberitahuan) if doc.batas_pemberitahuan else "",
		"email_terkirim": _emailed(doc),
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=10, seconds=60)
@kerahasiaan.guard_identity_errors
def ajukan_keberatan(nomor: str | None = None, kode: str | None = None):
	"""File an objection against a request, given the request's number and tracking code."""
	batas_pengajuan.check_guest_cap()
	request = _find_case(REQUEST, public.normalize_number(nomor), kode)
	form = frappe.form_dict
	values, errors = _texts(form, OBJECTION_TEXTS)
	ground = str(_first(form.get("alasan")) or "").strip()
	if ground not in _options(OBJECTION, "alasan"):
		errors.append("Pilih alasan keberatan (UU 14/2008 Pasal 35 ayat 1, huruf a sampai g).")
	if not values.get("kasus_posisi"):
		errors.append(
			"Isi kasus posisi: uraikan apa yang terjadi dengan permohonan Anda dan mengapa Anda keberatan."
		)
	cause, cause_error = _cause_day(form.get("tanggal_penyebab"), request)
	if cause_error:
		errors.append(cause_error)
	if errors:
		_refuse(errors, _("Keberatan Belum Dapat Dikirim"))

	with _all_or_nothing([]):
		doc = frappe.get_doc(
			{
				"doctype": OBJECTION,
				"permohonan": request,
				"tanggal_diajukan": now_datetime(),
				"tanggal_penyebab": cause,
				"alasan": ground,
				**values,
			}
		)
		doc.insert(ignore_permissions=True)  # refused by the controller when filed too late

	frappe.clear_messages()
	return {
		"nomor": doc.name,
		"kode_lacak": doc.get_password("kode_lacak"),
		"permohonan": request,
		"diterima": clock.format_office(doc.tanggal_diajukan),
		"batas": clock.format_office(doc.batas_tanggapan) if doc.batas_tanggapan else "",
		"email_terkirim": _emailed(doc),
	}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@rate_limit(limit=20, seconds=60)
def lacak_informasi(nomor: str | None = None, kode: str | None = None):
	"""Status, timeline, deadline and decision of a request (PPID-…) or objection (KEB-…). No personal data."""
	name = public.normalize_number(nomor)
	doctype = public.doctype_for_number(name)
	if not doctype:
		_not_found()
	name = _find_case(doctype, name, kode)
	return request_for_public(name) if doctype == REQUEST else objection_for_public(name)


# --- what the public sees -------------------------------------------------------------------------


def request_for_public(name: str) -> dict:
	"""Number, what was asked, status, timeline, deadline, the written notice and its delivery.
	Never the requester's name, ID, address, phone or email, nor who handled it."""
	doc = frappe.get_doc(REQUEST, name)
	state = doc.workflow_state
	decided = state in public.DECIDED_REQUEST_STATES
	case = _common(doc, doc.tanggal_diterima)
	case.update(
		{
			"jenis": "permohonan",
			"judul": _("Permohonan Informasi"),
			"ringkasan": plain_text(doc.informasi_diminta, 300),
			"batas": "",
			"tautan_keberatan": f"/keberatan?nomor={doc.name}",
		}
	)
	if rules.awaits_notice(state):
		extended = state == rules.DIPERPANJANG and doc.batas_perpanjangan
		due = doc.batas_perpanjangan if extended else doc.batas_pemberitahuan
		if due:
			case["batas"] = _("Pemberitahuan tertulis paling lambat {0}{1}.").format(
				clock.format_office(due),
				_(" (setelah perpanjangan)") if extended else "",
			)
	if doc.alasan_perpanjangan and (state == rules.DIPERPANJANG or doc.batas_perpanjangan):
		case["perpanjangan"] = plain_text(doc.alasan_perpanjangan)
	if decided:
		case["nada"] = "stop" if doc.keputusan == rules.REFUSED else "done"
		case["keputusan"] = doc.keputusan or ""
		case["fakta"] = _facts(
			[
				(_("Nomor pemberitahuan tertulis"), doc.nomor_pemberitahuan),
				(_("Tanggal pemberitahuan"), _date(doc.tanggal_pemberitahuan)),
				(_("Informasi yang diberikan"), plain_text(doc.informasi_diberikan)),
				(_("Bentuk informasi"), doc.bentuk_informasi),
				(
					_("Biaya"),
					_money(doc.biaya)
					if doc.keputusan in (rules.GRANTED_IN_FULL, rules.GRANTED_IN_PART)
					else "",
				),
				(_("Rincian biaya"), plain_text(doc.rincian_biaya)),
				(_("Waktu penyerahan"), _date(doc.waktu_penyerahan)),
				(_("Pengecualian"), doc.pasal_pengecualian and f"{doc.pasal_pengecualian} UU 14/2008"),
				(_("Uji konsekuensi"), plain_text(doc.uji_konsekuensi)),
				(_("Bagian yang dihitamkan dan alasannya"), plain_text(doc.bagian_dihitamkan)),
				(_("Badan publik yang menguasai informasi"), doc.badan_publik_penguasa),
				(_("Perkiraan informasi didokumentasikan"), _date(doc.perkiraan_dokumentasi)),
				(_("Diserahkan melalui"), doc.diserahkan_melalui if state == rules.SELESAI else ""),
				(_("Tanggal diserahkan"), _date(doc.tanggal_diserahkan) if state == rules.SELESAI else ""),
			]
		)
		if doc.tanggal_pemberitahuan:
			clocks = information.clocks_for(getdate(doc.tanggal_diterima), doc.informasi_pemilu)[0]
			deadline = information.objection_in_time(doc.tanggal_pemberitahuan, now_datetime(), clocks)[1]
			case["lanjutan"] = _(
				"Bila Anda tidak puas dengan keputusan ini, Anda dapat mengajukan keberatan kepada Atasan "
				"PPID paling lambat {0} (UU 14/2008 Pasal 35 dan 36)."
			).format(clock.format_office(deadline))
	if state == rules.DIALIHKAN and doc.dialihkan_ke_pengaduan:
		case["jalur"] = {
			"judul": _("Dilanjutkan sebagai pengaduan"),
			"teks": _(
				"Lacak pengaduan ini dengan nomor barunya dan kode lacak yang dikirim kepada Anda untuk nomor itu."
			),
			"fakta": [(_("Nomor pengaduan"), doc.dialihkan_ke_pengaduan)],
		}
	return case


def objection_for_public(name: str) -> dict:
	"""Number, the request it concerns, ground, status, timeline, deadline and the Atasan PPID's answer."""
	doc = frappe.get_doc(OBJECTION, name)
	state = doc.workflow_state
	answered = state in public.ANSWERED_OBJECTION_STATES
	case = _common(doc, doc.tanggal_diajukan)
	case.update(
		{
			"jenis": "keberatan",
			"judul": _("Keberatan atas Permohonan {0}").format(doc.permohonan),
			"ringkasan": _("Alasan: {0}").format(doc.alasan or ""),
			"batas": "",
		}
	)
	if not answered and doc.batas_tanggapan:
		case["batas"] = _("Tanggapan Atasan PPID paling lambat {0}.").format(
			clock.format_office(doc.batas_tanggapan)
		)
	if answered:
		case["nada"] = "done"
		case["keputusan"] = doc.keputusan_atasan or ""
		case["fakta"] = _facts(
			[
				(_("Nomor surat tanggapan"), doc.nomor_tanggapan),
				(_("Tanggal tanggapan"), _date(doc.tanggal_tanggapan)),
				(_("Jabatan"), doc.jabatan_atasan),
			]
		)
		case["tanggapan"] = clean_html(doc.tanggapan or "")
		if doc.batas_komisi_informasi:
			case["lanjutan"] = _(
				"Bila Anda tidak puas dengan tanggapan ini, Anda dapat mengajukan sengketa informasi ke "
				"Komisi Informasi paling lambat {0} (UU 14/2008 Pasal 37 ayat 2)."
			).format(clock.format_office(doc.batas_komisi_informasi))
	return case


def _common(doc, received) -> dict:
	label, explanation = public.public_state(doc.doctype, doc.workflow_state)
	rows = [{"tahap": r.tahap, "masuk": r.masuk} for r in sorted(doc.riwayat_tahap, key=lambda r: r.idx)]
	return {
		"nomor": doc.name,
		"diterima": clock.format_office(received),
		"status": label,
		"keterangan_status": explanation,
		"nada": "",
		"riwayat": [
			{"label": t["label"], "waktu": clock.format_office(t["masuk"])}
			for t in public.public_timeline(doc.doctype, rows)
		],
	}


def _facts(pairs) -> list[list[str]]:
	return [[label, str(value)] for label, value in pairs if value not in (None, "")]


def _date(value) -> str:
	return format_date(value) if value else ""


def _money(value) -> str:
	return fmt_money(flt(value), currency="IDR") if flt(value) else _("Tanpa biaya")


# --- request reading ------------------------------------------------------------------------------


def _options(doctype: str, fieldname: str) -> list[str]:
	return [o for o in (frappe.get_meta(doctype).get_field(fieldname).options or "").split("\n") if o]


def _contact_errors(values: dict) -> list[str]:
	"""The DocType's identity and contact checks, run first so every problem is listed at once."""
	errors = []
	if values.get("jenis_identitas") == "KTP" and values.get("nomor_identitas"):
		values["nomor_identitas"] = normalize_nik(values["nomor_identitas"])
		errors += [e for e in [nik_error(values["nomor_identitas"])] if e]
	if values.get("telepon"):
		values["telepon"] = normalize_phone(values["telepon"])
		errors += [e for e in [phone_error(values["telepon"])] if e]
	if values.get("email"):
		errors += [e for e in [email_error(values["email"])] if e]
	return errors


def _cause_day(value, request: str) -> tuple[str | None, str | None]:
	"""The office day the reason for the objection arose: required, not in the future, not before the request."""
	value = str(_first(value) or "").strip()
	if not value:
		return None, (
			"Isi tanggal terjadinya alasan keberatan, misalnya tanggal Anda menerima pemberitahuan "
			"tertulis atau tanggal batas waktu jawaban terlewati."
		)
	try:
		day = getdate(value)
	except Exception:
		return None, "Tanggal terjadinya alasan keberatan tidak dapat dibaca. Pilih tanggal dari kalender."
	if day > clock.office_today():
		return None, "Tanggal terjadinya alasan keberatan tidak boleh setelah hari ini."
	received_at = get_datetime(frappe.db.get_value(REQUEST, request, "tanggal_diterima"))
	received = clock.to_office(received_at, clock.get_calendar()).date()  # the office's day
	if day < received:
		return None, (
			f"Tanggal terjadinya alasan keberatan tidak boleh sebelum permohonan diterima ({format_date(received)})."
		)
	return str(day), None


def _refuse(errors: list[str], title: str | None = None):
	frappe.throw(
		"\n".join(errors), frappe.ValidationError, title=title or _("Permohonan Belum Dapat Dikirim")
	)


def _emailed(doc) -> bool:
	return bool(
		frappe.db.exists("Email Queue", {"reference_doctype": doc.doctype, "reference_name": doc.name})
	)


# --- lookups --------------------------------------------------------------------------------------


def _find_case(doctype: str, name: str, kode: str | None) -> str:
	"""The request or objection for this number and code; a wrong code and an unknown number fail alike.

	A logged-in website user may open their own request (pengguna_portal), and the objections against it,
	without the code.
	"""
	if name and public.doctype_for_number(name) == doctype:
		stored = get_decrypted_password(doctype, name, "kode_lacak", raise_exception=False)
		if stored and tracking_code_matches(kode, stored):
			return name
		if (
			not kode
			and frappe.session.user != "Guest"
			and portal_user_of(doctype, name) == frappe.session.user
		):
			return name
	_not_found()


def portal_user_of(doctype: str, name: str) -> str | None:
	"""The website user who filed this request (or the request this objection is against)."""
	if doctype == OBJECTION:
		name = frappe.db.get_value(OBJECTION, name, "permohonan")
	return frappe.db.get_value(REQUEST, name, "pengguna_portal") if name else None


def _not_found():
	frappe.throw(_(NOT_FOUND), frappe.DoesNotExistError, title=_("Permohonan Tidak Ditemukan"))

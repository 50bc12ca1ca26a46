"""What the Pengaduan letters print: office, letterhead, number, dates, signatory and the reporter.

The letters are standard Jinja Print Formats (kpu_dumas/kpu_dumas/print_format/). Each one calls
`kpu_surat_context(doc, "<surat>")` once (a Jinja method, see hooks.py) and prints what it returns, so
the rules live here and the templates stay plain HTML. Layout pieces they share are macros in
kpu_dumas/templates/surat/surat.html.

The reporter is shown as the viewer may see them (README "Confidentiality"):
- anonim: "Anonim", there is no identity at all;
- rahasia: "Dirahasiakan", unless the viewer may read identities (`permissions.can_read_identity`), and
  then only after a print reveal with a reason (`pengungkapan.require_print`, logged);
- otherwise the contact details, as `permissions.get_kontak_pelapor` opens them to staff; the identity
  number (NIK) only to identity readers.
The Nota Dinas goes to the Tim Pemeriksa, so it shows the reporter as the Tim sees them, whoever prints it.

Letter numbers are issued by the controller at workflow events (pengaduan.LETTERS_ON_ENTRY); a letter
only prints the number on the document. A letter is dated the day its workflow event happened.

The PPID letters (Permohonan and Keberatan Informasi) go through the same Jinja method and share the
office, letterhead, signatory and date helpers below; their own rules are in letters_informasi.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import frappe
from frappe.utils import get_datetime, get_url, getdate
from frappe.utils.pdf import is_wkhtmltopdf_valid
from markupsafe import Markup, escape

from kpu_dumas import clock, kerahasiaan
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.dates import WEEKDAYS, format_date, format_datetime, zone_abbreviation
from kpu_dumas.kpu_dumas.doctype.instansi_berwenang.instansi_berwenang import contact_of
from kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit import printed_code
from kpu_dumas.permissions import can_read_identity
from kpu_dumas.roles import KASUBAG_HUKUM, PEJABAT_BERWENANG, PETUGAS_PENERIMA_ADUAN

SETTINGS = "Pengaturan Kantor"
LETTER_HEAD = "Kop Surat KPU Dumas"
RAHASIA = "Dirahasiakan"
ANONIM = "Anonim"
TRACKING_ROUTE = "/lacak"
# wkhtmltopdf without patched Qt prints a page at about 3/4 of its size; the letters scale up to match.
UNPATCHED_WKHTMLTOPDF_SCALE = 1.33

IDENTITY_ACCESS, CONTACT_ACCESS, NO_ACCESS = "identitas", "kontak", "tidak"
# Identity fields any staff member who can read a non-confidential complaint may see...
CONTACT_FIELDS = ("nama_lengkap", "alamat", "telepon", "email", "pekerjaan")
# ...and those only identity readers see.
IDENTITY_FIELDS = ("jenis_identitas", "nomor_identitas", "dikuasakan", "nama_kuasa")


@dataclass(frozen=True)
class Surat:
	number_field: str | None  # the number the controller issued for this letter
	state: str | None  # the workflow state whose entry issued it; the letter carries that day's date
	signers: tuple[str, ...]  # Penandatangan Surat roles, first row found signs
	reissued: bool = False  # a new number each time the state is entered (date of the last entry)
	# Read by the Tim Pemeriksa, or sent to another body: the reporter as the Tim sees them (never a
	# rahasia identity, never the identity number), whoever prints it.
	contact_only: bool = False


SURAT = {
	"tanda_terima": Surat("nomor_tanda_terima", rules.TERDAFTAR, (PETUGAS_PENERIMA_ADUAN, KASUBAG_HUKUM)),
	"formulir": Surat(None, None, (PETUGAS_PENERIMA_ADUAN, KASUBAG_HUKUM)),
	"kelengkapan": Surat(
		"nomor_surat_kelengkapan",
		rules.PERLU_DILENGKAPI,
		(KASUBAG_HUKUM, PETUGAS_PENERIMA_ADUAN, PEJABAT_BERWENANG),
		reissued=True,
	),
	"nota_dinas": Surat(
		"nomor_nota_dinas", rules.DITELAAH, (KASUBAG_HUKUM, PETUGAS_PENERIMA_ADUAN), contact_only=True
	),
	"tanggapan": Surat("nomor_surat_tanggapan", rules.DITANGGAPI, (PEJABAT_BERWENANG,)),
	"penerusan": Surat("nomor_surat_penerusan", rules.DITERUSKAN, (PEJABAT_BERWENANG,), contact_only=True),
}

# Free text typed by reporters and staff, printed escaped with its line breaks.
TEXT_FIELDS = (
	"perihal",
	"uraian",
	"teradu",
	"lokasi_kasus",
	"permintaan_penyelesaian",
	"kerugian",
	"kekurangan",
	"kanal",
	"kategori",
	"nomor_tiket_lapor",
	"catatan_penerusan",
)


def kpu_surat_context(doc, surat: str) -> frappe._dict:
	"""Everything a letter prints. Jinja: `{% set s = kpu_surat_context(doc, "tanggapan") %}`.

	Pengaduan letters are built here; Permohonan and Keberatan Informasi letters in letters_informasi.
	"""
	if isinstance(doc, str):
		doc = frappe.get_doc("Pengaduan", doc)
		doc.check_permission("read")
	if doc.doctype != "Pengaduan":
		from kpu_dumas import letters_informasi

		return letters_informasi.context(doc, surat)
	if surat not in SURAT:
		frappe.throw(f"Jenis surat tidak dikenal: {surat!r}. Pilihan: {', '.join(SURAT)}.")
	kind = SURAT[surat]
	settings = frappe.get_cached_doc(SETTINGS)
	zone = zone_abbreviation(settings.zona_waktu or "Asia/Jakarta")
	access = _access(doc, kind.contact_only)
	letter_date = _letter_date(doc, kind)
	nomor = doc.get(kind.number_field) if kind.number_field else None
	return frappe._dict(
		kantor=office_details(settings, zone),
		kop=Markup(render_letter_head(settings, doc)),
		nomor=nomor,
		tempat_tanggal=f"{settings.kota or ''}, {format_date(letter_date)}".lstrip(", "),
		sifat="Rahasia" if doc.rahasia else "Biasa",
		penandatangan=signatory(settings, kind.signers),
		pelapor=reporter(doc, access),
		tanggal=_dates(doc, zone),
		teks=frappe._dict({field: text(doc.get(field)) for field in TEXT_FIELDS}),
		bukti=[text(row.keterangan) for row in doc.get("bukti") or [] if row.keterangan],
		jumlah_bukti=len(doc.get("bukti") or []),
		kode_lacak=_tracking_code(doc) if surat == "tanda_terima" and access == IDENTITY_ACCESS else None,
		instansi=competent_body(doc.diteruskan_ke) if surat == "penerusan" else None,
		url_lacak=get_url(TRACKING_ROUTE),
		skala_pdf=1 if is_wkhtmltopdf_valid() else UNPATCHED_WKHTMLTOPDF_SCALE,
		verifikasi=printed_code(doc, surat, nomor),  # QR code and verification code (Surat Terbit)
	)


# --- the reporter ----------------------------------------------------------------------------------------


def reporter(doc, access: str) -> frappe._dict:
	"""The reporter as a viewer with `access` ("identitas", "kontak" or "tidak") may see them.

	Every field is present, "" when hidden or unknown. `status`: "anonim", "rahasia" (hidden from this
	viewer), "kosong" (not recorded yet) or "terbuka"; `identitas_terbuka`: the identity number and the
	proxy are shown too.
	"""
	shown = frappe._dict({field: "" for field in CONTACT_FIELDS + IDENTITY_FIELDS})
	shown.update(status="kosong", nama="", terbuka=False, identitas_terbuka=False, dikuasakan=False)
	if doc.anonim:
		shown.update(status="anonim", nama=ANONIM)
	elif access == NO_ACCESS or (doc.rahasia and access != IDENTITY_ACCESS):
		shown.update(status="rahasia", nama=RAHASIA)
	elif doc.identitas_pelapor:
		full = access == IDENTITY_ACCESS
		if doc.rahasia:  # an identity reader's letter: only after a print reveal with a reason
			from kpu_dumas import pengungkapan

			pengungkapan.require_print(doc)
		fields = CONTACT_FIELDS + (IDENTITY_FIELDS if full else ())
		values = frappe.db.get_value("Identitas Pelapor", doc.identitas_pelapor, fields, as_dict=True) or {}
		kerahasiaan.decrypt_row(values, "Identitas Pelapor")
		shown.update({field: text(value) for field, value in values.items()})
		shown.update(status="terbuka", nama=shown.nama_lengkap, terbuka=True)
		shown.update(identitas_terbuka=full, dikuasakan=bool(values.get("dikuasakan")))
	return shown


def competent_body(name: str | None) -> frappe._dict:
	"""The addressee of a Surat Penerusan: its full name and address, as the office filled them in."""
	row = contact_of(name)
	return frappe._dict(nama=text(row.nama_lengkap or row.nama_instansi), alamat=text(row.alamat))


def _access(doc, contact_only: bool) -> str:
	"""What the current user may see of the reporter; a letter for the Tim or for another body never shows
	more than the Tim sees (no rahasia identity, no identity number)."""
	if not frappe.has_permission("Pengaduan", "read", doc):
		return NO_ACCESS  # e.g. a letter rendered for a Guest
	return IDENTITY_ACCESS if can_read_identity() and not contact_only else CONTACT_ACCESS


def _tracking_code(doc) -> str | None:
	return doc.get_password("kode_lacak", raise_exception=False) if not doc.is_new() else None


# --- office, letterhead, signatory ----------------------------------------------------------------------


def office_details(settings, zone: str) -> frappe._dict:
	return frappe._dict(
		instansi=settings.nama_instansi or "",
		nama=settings.nama_kantor or "",
		kota=settings.kota or "",
		alamat=settings.alamat or "",
		telepon=settings.telepon or "",
		email=settings.email or "",
		situs_web=settings.situs_web or "",
		zona=zone,
	)


def render_letter_head(settings, doc) -> str:
	"""The Letter Head chosen in Pengaturan Kantor (Kop Surat), rendered as Frappe renders letter heads."""
	if not settings.kop_surat:
		return ""
	content = frappe.db.get_value("Letter Head", settings.kop_surat, "content")
	if not content:
		return ""
	return frappe.render_template(content, {"doc": doc.as_dict()})


def letter_head_html(settings) -> str:
	"""The default kop surat, built from Pengaturan Kantor; the office edits it afterwards in Letter Head."""
	instansi = (settings.nama_instansi or "").strip()
	kantor = (settings.nama_kantor or "").strip()
	if instansi and kantor.lower().startswith(instansi.lower()):
		kantor = kantor[len(instansi) :].strip()  # "Komisi Pemilihan Umum" / "Kabupaten Pohuwato"
	contact = [
		f"{label} {escape(value)}"
		for label, value in (
			("Telepon", settings.telepon),
			("Email", settings.email),
			("Laman", settings.situs_web),
		)
		if value
	]
	# Sizes in em of the letter's text, so the kop scales with the letter.
	bold = "font-size: 1.25em; font-weight: bold; letter-spacing: 1px;"
	lines = [f'<div style="{bold}">{escape(name.upper())}</div>' for name in (instansi, kantor) if name]
	if settings.alamat:
		lines.append(f'<div style="font-size: 0.8em;">{text(settings.alamat)}</div>')
	if contact:
		lines.append(f'<div style="font-size: 0.8em;">{" &middot; ".join(contact)}</div>')
	# The double rule under a kop surat: a thick line over a thin one.
	return (
		'<div style="border-bottom: 1px solid #000; padding-bottom: 2px;">\n'
		'<div style="border-bottom: 3px solid #000; padding-bottom: 0.4em; text-align: center; line-height: 1.3;">\n'
		+ "\n".join(lines)
		+ "\n</div>\n</div>"
	)


def signatory(settings, roles: tuple[str, ...]) -> frappe._dict:
	"""The Penandatangan Surat row of the first role that has one; an empty block to sign by hand if none."""
	rows = {}
	for row in settings.get("penandatangan") or []:
		rows.setdefault(row.peran, row)
	for role in roles:
		if row := rows.get(role):
			return frappe._dict(
				peran=role, jabatan=text(row.jabatan), nama=text(row.nama), nip=text(row.nip or "")
			)
	return frappe._dict(peran=roles[0], jabatan=roles[0], nama="", nip="")


# --- dates -------------------------------------------------------------------------------------------------


def office_time(value) -> datetime | None:
	return clock.to_office(get_datetime(value), clock.get_calendar()) if value else None


def date_and_time(value, zone: str, with_weekday: bool = False) -> str:
	"""'Rabu, 8 Oktober 2025 pukul 10.45 WITA' for a system-zone datetime, in the office's zone."""
	moment = office_time(value)
	if not moment:
		return ""
	if not with_weekday:
		return f"{format_datetime(moment)} {zone}"
	return f"{WEEKDAYS[moment.weekday()]}, {format_datetime(moment)} {zone}"


def _dates(doc, zone: str) -> frappe._dict:
	received = office_time(doc.tanggal_diterima)
	return frappe._dict(
		diterima=date_and_time(doc.tanggal_diterima, zone),
		diterima_tanggal=unbroken(format_date(received)),  # in running text
		layanan=format_date(doc.tanggal_layanan),
		tanggapan=format_date(doc.tanggal_tanggapan),
		batas_kelengkapan=date_and_time(doc.batas_kelengkapan, zone, with_weekday=True),
		batas_keputusan=format_date(office_time(doc.batas_keputusan)),
	)


def _letter_date(doc, kind: Surat):
	"""The day the letter's workflow event happened (office zone); today while it has not happened."""
	if kind.state == rules.DITANGGAPI and doc.tanggal_tanggapan:
		return getdate(doc.tanggal_tanggapan)
	if kind.state == rules.DITERUSKAN and doc.tanggal_penerusan:
		return getdate(doc.tanggal_penerusan)
	if kind.state:
		entries = [
			row.masuk for row in doc.get("riwayat_tahap") or [] if row.tahap == kind.state and row.masuk
		]
		if entries:
			return office_time(entries[-1] if kind.reissued else entries[0]).date()
	elif doc.tanggal_diterima:
		return office_time(doc.tanggal_diterima).date()
	return office_time(clock.now()).date()


def unbroken(text_: str) -> Markup:
	"""A date kept on one line: old WebKit stretches a date broken across lines when justifying."""
	return Markup(str(escape(text_)).replace(" ", "&nbsp;"))


# --- text ----------------------------------------------------------------------------------------------------


def text(value) -> Markup:
	"""Escaped text with its line breaks kept, safe to print in a letter."""
	if value is None or value == "":
		return Markup("")
	return Markup(str(escape(str(value))).replace("\n", "<br>"))

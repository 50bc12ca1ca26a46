"""What the PPID letters print (UU 14/2008, Perki 1/2021): Permohonan and Keberatan Informasi.

Same machinery as the Pengaduan letters (letters.py): each Print Format calls
`kpu_surat_context(doc, "<surat>")` once, which comes here for these two DocTypes. The letterhead,
signatory rows (Pengaturan Kantor > Penandatangan) and date helpers are shared with letters.py; the
wording of decisions, exemptions and day counts is in kpu_dumas/core/information_letters.py.

Letter numbers are issued by the controllers at workflow events; a letter only prints the number on the
document and is dated the day its event happened.

The tracking code is secret. It is printed only on the receipt handed to the requester at the desk (Tanda
Bukti, Formulir Keberatan), by staff who register requests, and never in a PDF attached to an email: the
first email already carried it (notify_informasi.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import frappe
from frappe.utils import get_url, getdate
from frappe.utils.html_utils import clean_html
from frappe.utils.pdf import is_wkhtmltopdf_valid
from markupsafe import Markup

from kpu_dumas import clock, information
from kpu_dumas.core import information_letters as wording
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.dates import format_date, zone_abbreviation
from kpu_dumas.kpu_dumas.doctype.surat_terbit.surat_terbit import printed_code
from kpu_dumas.letters import (
	SETTINGS,
	TRACKING_ROUTE,
	UNPATCHED_WKHTMLTOPDF_SCALE,
	date_and_time,
	office_details,
	office_time,
	render_letter_head,
	signatory,
	text,
	unbroken,
)
from kpu_dumas.roles import ATASAN_PPID, PETUGAS_DESK_INFORMASI, PPID

PERMOHONAN = "Permohonan Informasi"
KEBERATAN = "Keberatan Informasi"
# Who may print the tracking code on a receipt: those who register requests at the desk.
TRACKING_CODE_PRINTERS = frozenset({PETUGAS_DESK_INFORMASI, PPID, "System Manager"})


@dataclass(frozen=True)
class Surat:
	print_format: str
	number_field: str | None  # issued by the controller
	signers: tuple[str, ...]  # Penandatangan Surat roles, first row found signs
	date_field: str | None = None  # the letter is dated by this field...
	state: str | None = None  # ...else by the first entry into this workflow state, else today
	tracking_code: bool = False  # a receipt for the requester


SURAT = {
	PERMOHONAN: {
		"formulir": Surat(
			"Formulir Permohonan Informasi",
			None,
			(PETUGAS_DESK_INFORMASI, PPID),
			date_field="tanggal_diterima",
		),
		"tanda_bukti": Surat(
			"Tanda Bukti Penerimaan Permohonan",
			"nomor_tanda_bukti",
			(PETUGAS_DESK_INFORMASI, PPID),
			state=rules.TERDAFTAR,
			tracking_code=True,
		),
		"perpanjangan": Surat(
			"Surat Perpanjangan Jangka Waktu", "nomor_surat_perpanjangan", (PPID,), state=rules.DIPERPANJANG
		),
		"pemberitahuan": Surat(
			"Pemberitahuan Tertulis", "nomor_pemberitahuan", (PPID,), date_field="tanggal_pemberitahuan"
		),
		"balasan": Surat(
			"Surat Balasan Permohonan Informasi",
			"nomor_surat_balasan",
			(PPID,),
			state=rules.SELESAI,  # issued, like its number, by the handover (Serahkan)
		),
	},
	KEBERATAN: {
		"formulir": Surat(
			"Formulir Keberatan Informasi",
			None,
			(PETUGAS_DESK_INFORMASI, PPID),
			date_field="tanggal_diajukan",
			tracking_code=True,
		),
		"tanggapan": Surat(
			"Tanggapan atas Keberatan", "nomor_tanggapan", (ATASAN_PPID,), date_field="tanggal_tanggapan"
		),
	},
}

# Free text typed by requesters and staff, printed escaped with its line breaks.
TEXT_FIELDS = (
	"nama_pemohon",
	"alamat",
	"pekerjaan",
	"telepon",
	"email",
	"informasi_diminta",
	"tujuan_penggunaan",
	"alasan_perpanjangan",
	"informasi_diberikan",
	"rincian_biaya",
	"uji_konsekuensi",
	"bagian_dihitamkan",
	"badan_publik_penguasa",
	"nomor_ekspedisi",
	"kasus_posisi",
	"nama_atasan",
	"jabatan_atasan",
	# Selects, printed as chosen
	"cara_memperoleh",
	"cara_mendapatkan_salinan",
	"keputusan",
	"bentuk_informasi",
	"diserahkan_melalui",
	"alasan",
)


def context(doc, surat: str) -> frappe._dict:
	"""Everything a PPID letter prints (see kpu_dumas.letters.kpu_surat_context)."""
	kinds = SURAT.get(doc.doctype) or {}
	if surat not in kinds:
		frappe.throw(
			f"Jenis surat tidak dikenal untuk {doc.doctype}: {surat!r}. Pilihan: {', '.join(kinds)}."
		)
	kind = kinds[surat]
	settings = frappe.get_cached_doc(SETTINGS)
	zone = zone_abbreviation(settings.zona_waktu or "Asia/Jakarta")
	request = _request(doc)
	clocks = request_clocks(request)
	nomor = doc.get(kind.number_field) if kind.number_field else None
	s = frappe._dict(
		kantor=office_details(settings, zone),
		kop=Markup(render_letter_head(settings, doc)),
		nomor=nomor,
		tempat_tanggal=f"{settings.kota or ''}, {format_date(_letter_date(doc, kind))}".lstrip(", "),
		sifat="Biasa",
		penandatangan=_signer(doc, settings, kind),
		teks=frappe._dict(
			{field: text(doc.get(field)) for field in TEXT_FIELDS if doc.meta.has_field(field)}
		),
		permohonan=_request_summary(request, zone),
		hari=frappe._dict(
			pemberitahuan=wording.working_days(clocks.notice_days),
			perpanjangan=wording.working_days(clocks.extension_days),
			keberatan=wording.working_days(clocks.objection_filing_days),
			tanggapan_keberatan=wording.working_days(clocks.objection_answer_days),
			komisi_informasi=wording.working_days(clocks.komisi_informasi_days),
		),
		pilihan=_choices(doc),
		kode_lacak=_tracking_code(doc) if kind.tracking_code else None,
		url_lacak=get_url(TRACKING_ROUTE),
		skala_pdf=1 if is_wkhtmltopdf_valid() else UNPATCHED_WKHTMLTOPDF_SCALE,
		verifikasi=printed_code(doc, surat, nomor),  # QR code and verification code (Surat Terbit)
	)
	if doc.doctype == PERMOHONAN:
		s.update(_notice(doc, zone))
	else:
		s.update(_objection(doc, zone))
	return s


def print_format(doctype: str, surat: str) -> str:
	return SURAT[doctype][surat].print_format


# --- the request, its clocks and the requester ----------------------------------------------------------


def _request(doc):
	"""The Permohonan Informasi a letter is about (an objection's request, or the document itself)."""
	if doc.doctype == PERMOHONAN:
		return doc
	if not doc.permohonan:
		return None
	return frappe.get_doc(PERMOHONAN, doc.permohonan)


def request_clocks(request):
	"""The request's clocks (the election-stage regime included), for the day counts the letters cite."""
	received = (
		getdate(request.tanggal_diterima) if request and request.tanggal_diterima else clock.office_today()
	)
	return information.clocks_for(received, bool(request and request.informasi_pemilu))[0]


def _request_summary(request, zone: str) -> frappe._dict:
	"""The request as every PPID letter cites it: number, receipt, requester."""
	if not request:
		return frappe._dict(nomor="", diterima="", diterima_tanggal="", jenis_pemohon="", jenis_identitas="")
	received = office_time(request.tanggal_diterima)
	return frappe._dict(
		nomor=request.name,
		diterima=date_and_time(request.tanggal_diterima, zone),
		diterima_tanggal=unbroken(format_date(received)),
		jenis_pemohon=text(request.jenis_pemohon),
		jenis_identitas=text(request.jenis_identitas),
		nomor_identitas=text(request.nomor_identitas),
		pekerjaan=text(request.pekerjaan),
		kanal=text(request.kanal),
		nomor_pemberitahuan=request.nomor_pemberitahuan or "",
		tanggal_pemberitahuan=unbroken(format_date(request.tanggal_pemberitahuan)),
		keputusan=request.keputusan or "",
	)


def _choices(doc) -> frappe._dict:
	"""Each Select printed as a form's tick boxes: [(option, ticked)] from the DocType's own options."""
	fields = ("jenis_pemohon", "cara_memperoleh", "cara_mendapatkan_salinan", "alasan")
	choices = frappe._dict()
	for fieldname in fields:
		field = doc.meta.get_field(fieldname)
		if field:
			options = [o for o in (field.options or "").split("\n") if o]
			choices[fieldname] = [(text(o), o == doc.get(fieldname)) for o in options]
	return choices


def _tracking_code(doc) -> str | None:
	"""The secret code, for a receipt printed at the desk; never in an email attachment."""
	if doc.is_new() or frappe.flags.ignore_print_permissions:  # set by frappe.attach_print
		return None
	if not TRACKING_CODE_PRINTERS.intersection(frappe.get_roles()):
		return None
	return doc.get_password("kode_lacak", raise_exception=False)


# --- signatory and date ----------------------------------------------------------------------------------


def _signer(doc, settings, kind: Surat) -> frappe._dict:
	"""The Penandatangan Surat row; the Atasan PPID who answered an objection signs as recorded on it."""
	signer = signatory(settings, kind.signers)
	if kind.signers == (ATASAN_PPID,) and doc.get("nama_atasan"):
		same = signer.nama and str(signer.nama).strip() == doc.nama_atasan.strip()
		signer = frappe._dict(
			peran=ATASAN_PPID,
			jabatan=text(doc.jabatan_atasan or signer.jabatan),
			nama=text(doc.nama_atasan),
			nip=signer.nip if same else "",
		)
	return signer


def _letter_date(doc, kind: Surat):
	"""The day the letter's event happened (office zone); today while it has not happened."""
	value = doc.get(kind.date_field) if kind.date_field else None
	if value:
		field = doc.meta.get_field(kind.date_field)
		return office_time(value).date() if field.fieldtype == "Datetime" else getdate(value)
	if kind.state:
		entries = [
			row.masuk for row in doc.get("riwayat_tahap") or [] if row.tahap == kind.state and row.masuk
		]
		if entries:
			return office_time(entries[0]).date()
	return clock.office_today()


# --- per DocType -----------------------------------------------------------------------------------------


def _notice(doc, zone: str) -> frappe._dict:
	"""Dates, decision, cost and attachments of a request."""
	decision = doc.keputusan or ""
	return frappe._dict(
		tanggal=frappe._dict(
			diterima=date_and_time(doc.tanggal_diterima, zone),
			batas_pemberitahuan=date_and_time(doc.batas_pemberitahuan, zone, with_weekday=True),
			batas_perpanjangan=date_and_time(doc.batas_perpanjangan, zone, with_weekday=True),
			pemberitahuan=unbroken(format_date(doc.tanggal_pemberitahuan)),
			waktu_penyerahan=format_date(doc.waktu_penyerahan, with_weekday=True),
			perkiraan_dokumentasi=format_date(doc.perkiraan_dokumentasi),
			diserahkan=format_date(doc.tanggal_diserahkan),
		),
		keputusan=frappe._dict(
			nilai=decision,
			kalimat=Markup(wording.DECISIONS.get(decision, "")),
			dikabulkan=decision in wording.GRANTED,
			dikecualikan=decision in wording.WITH_EXEMPTION,
			sebagian=decision == rules.GRANTED_IN_PART,
			tidak_dikuasai=decision == rules.NOT_HELD,
			belum_didokumentasikan=decision == rules.NOT_YET_DOCUMENTED,
		),
		pengecualian=frappe._dict(
			pasal=text(doc.pasal_pengecualian), uraian=wording.exemption(doc.pasal_pengecualian)
		),
		biaya=wording.rupiah(doc.biaya) if doc.biaya else "Tidak dikenakan biaya (Rp0)",
		lampiran=_attachments(doc),
	)


def _attachments(doc) -> frappe._dict:
	"""What the Surat Balasan hands over: each line of 'Informasi yang Diberikan', and the data file."""
	items = [
		text(line.strip(" -•\t")) for line in (doc.informasi_diberikan or "").splitlines() if line.strip()
	]
	files = []
	if doc.lampiran_informasi:
		name = frappe.db.get_value("File", {"file_url": doc.lampiran_informasi}, "file_name")
		files.append(text(name or doc.lampiran_informasi.rsplit("/", 1)[-1]))
	count = len(files) or len(items)
	return frappe._dict(
		informasi=items, berkas=files, jumlah=wording.count_in_words(count, "berkas") if count else "-"
	)


def _objection(doc, zone: str) -> frappe._dict:
	"""Dates and decision of an objection."""
	return frappe._dict(
		tanggal=frappe._dict(
			diajukan=date_and_time(doc.tanggal_diajukan, zone),
			diajukan_tanggal=unbroken(format_date(office_time(doc.tanggal_diajukan))),  # in running text
			penyebab=format_date(doc.tanggal_penyebab),
			batas_tanggapan=date_and_time(doc.batas_tanggapan, zone, with_weekday=True),
			batas_komisi_informasi=date_and_time(doc.batas_komisi_informasi, zone, with_weekday=True),
			tanggapan=unbroken(format_date(doc.tanggal_tanggapan)),
		),
		diterima=doc.keputusan_atasan == "Keberatan Diterima",
		keputusan_atasan=text(doc.keputusan_atasan),
		tanggapan=Markup(clean_html(doc.tanggapan or "")),
	)

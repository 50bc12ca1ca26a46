"""Email to the requester as a Permohonan or Keberatan Informasi moves, with its letter attached as PDF.

| event                                   | letter attached                                   |
|-----------------------------------------|---------------------------------------------------|
| request received (number issued at once)| none: number, secret tracking code, /lacak link   |
| Terdaftar                               | Tanda Bukti Penerimaan Permohonan                 |
| Diperpanjang                            | Surat Perpanjangan Jangka Waktu                   |
| Pemberitahuan (the decision)            | Pemberitahuan Tertulis                            |
| Selesai, handed over by email, granted  | Surat Balasan Permohonan Informasi + the data file|
| objection received                      | Formulir Keberatan Informasi (+ its tracking code)|
| objection Ditanggapi                    | Tanggapan atas Keberatan                          |

Only to the requester (the `email` on the request; an objection carries its request's). The tracking code
is in the first email only; the receipts attached later are rendered without it (letters_informasi).
The PDF is rendered when the queue sends (print_format_attachment), not inside the workflow action. A
site without an outgoing email account sends nothing; an email problem never blocks the workflow.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, get_url

from kpu_dumas import clock, kerahasiaan
from kpu_dumas.core import information_letters as wording
from kpu_dumas.core import information_rules as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.letters_informasi import KEBERATAN, PERMOHONAN, print_format, request_clocks
from kpu_dumas.notify import CAME_BY_EMAIL, can_send, fact_table, paragraph

TRACKING_PAGE = "/lacak"


def state_changed(doc) -> None:
	"""Called from the controllers' on_update; emails the requester when the save changed the state."""
	change = _state_change(doc)
	if not change:
		return
	if change[0] is None and doc.flags.get(CAME_BY_EMAIL):
		return  # answered on the mail's thread once Frappe has stored the mail (received_by_email)
	_send(doc, MESSAGES.get((doc.doctype, change[1] if change[0] else None)))


def received_by_email(doc, reply: dict) -> None:
	"""The first email to the requester of a request that came by email: an answer on the mail's
	thread (`reply`: In-Reply-To, subject and sender for frappe.sendmail, from kpu_dumas.email_masuk)."""
	_send(doc, request_received, reply)


def _send(doc, compose, reply: dict | None = None) -> None:
	reply = reply or {}
	recipient = (doc.email or "").strip()
	if not compose or not recipient or not can_send(doc.doctype, reply.get("sender")):
		return
	try:
		message = compose(doc)
		if not message:
			return
		subject, body, attachments = message
		frappe.sendmail(
			recipients=[recipient],
			message=_page(doc, body),
			attachments=attachments,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			add_unsubscribe_link=0,
			delayed=True,
			**{"subject": subject, **reply},
		)
		doc.flags.requester_emailed = True
	except Exception:
		# without local variables: they hold the recipient's address (kerahasiaan.log_error)
		kerahasiaan.log_error(
			_("Email kepada pemohon gagal diantrekan"),
			[recipient],
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)


def _state_change(doc) -> tuple[str | None, str] | None:
	"""(old_state, new_state) of the save that just happened; old_state is None on insert."""
	if doc.flags.in_insert:
		return (None, doc.workflow_state)
	before = doc.get_doc_before_save()
	old = before.workflow_state if before else None
	if old and old != doc.workflow_state:
		return (old, doc.workflow_state)
	return None


def letter(doc, surat: str) -> dict:
	"""The attachment spec of a letter: the queue renders it as PDF when it sends."""
	return {
		"print_format_attachment": 1,
		"doctype": doc.doctype,
		"name": doc.name,
		"print_format": print_format(doc.doctype, surat),
		"lang": "id",
	}


# --- Permohonan Informasi --------------------------------------------------------------------------


def request_received(doc):
	code = doc.get_password("kode_lacak", raise_exception=False)
	body = (
		paragraph(
			_(
				"Permohonan informasi publik Anda telah kami terima pada {0} dan dicatat dengan nomor berikut."
			).format(clock.format_office(doc.tanggal_diterima))
		)
		+ fact_table([(_("Nomor pendaftaran"), doc.name), (_("Kode lacak"), code or "")])
		+ paragraph(
			_(
				"Simpan kode lacak ini dan jangan berikan kepada orang lain. Kode ini hanya dikirim sekali "
				"dan tidak pernah diminta oleh petugas kami."
			)
		)
		+ paragraph(
			_(
				"Pemberitahuan tertulis atas permohonan Anda kami sampaikan paling lambat {0} "
				"(UU 14/2008 Pasal 22 ayat 7). Ikuti perkembangannya di {1} dengan nomor pendaftaran dan "
				"kode lacak di atas."
			).format(clock.format_office(doc.batas_pemberitahuan), _tracking_link(doc))
		)
	)
	return _("Permohonan informasi Anda telah diterima: {0}").format(doc.name), body, []


def request_registered(doc):
	body = (
		paragraph(_("Permohonan informasi Anda telah diregistrasi. Tanda bukti penerimaannya terlampir."))
		+ fact_table(
			[
				(_("Nomor pendaftaran"), doc.name),
				(_("Nomor tanda bukti"), doc.nomor_tanda_bukti or ""),
				(_("Batas pemberitahuan tertulis"), clock.format_office(doc.batas_pemberitahuan)),
			]
		)
		+ _follow(doc)
	)
	subject = _("Tanda bukti penerimaan permohonan informasi {0}").format(doc.name)
	return subject, body, [letter(doc, "tanda_bukti")]


def request_extended(doc):
	body = (
		paragraph(
			_(
				"Jangka waktu pemberitahuan tertulis atas permohonan Anda kami perpanjang (UU 14/2008 Pasal 22 "
				"ayat 8) dengan alasan berikut:"
			)
		)
		+ _quote(doc.alasan_perpanjangan)
		+ fact_table(
			[
				(_("Nomor pendaftaran"), doc.name),
				(_("Nomor surat"), doc.nomor_surat_perpanjangan or ""),
				(_("Batas baru"), clock.format_office(doc.batas_perpanjangan)),
			]
		)
		+ paragraph(_("Surat perpanjangan jangka waktu terlampir."))
		+ _follow(doc)
	)
	subject = _("Perpanjangan jangka waktu permohonan informasi {0}").format(doc.name)
	return subject, body, [letter(doc, "perpanjangan")]


def request_decided(doc):
	facts = [
		(_("Nomor pendaftaran"), doc.name),
		(_("Nomor pemberitahuan"), doc.nomor_pemberitahuan or ""),
		(_("Keputusan"), doc.keputusan or ""),
	]
	if doc.keputusan in wording.GRANTED and doc.waktu_penyerahan:
		facts.append((_("Waktu penyerahan"), format_date(doc.waktu_penyerahan)))
	body = (
		paragraph(_("Berikut pemberitahuan tertulis atas permohonan informasi Anda; suratnya terlampir."))
		+ fact_table(facts)
		+ paragraph(
			_(
				"Bila Anda tidak puas, Anda dapat mengajukan keberatan kepada Atasan PPID paling lambat {0} "
				"sejak menerima pemberitahuan ini (UU 14/2008 Pasal 35 dan 36)."
			).format(wording.working_days(request_clocks(doc).objection_filing_days))
		)
		+ _follow(doc)
	)
	subject = _("Pemberitahuan tertulis atas permohonan informasi {0}").format(doc.name)
	return subject, body, [letter(doc, "pemberitahuan")]


def request_handed_over(doc):
	"""The information itself, when it is handed over by email."""
	if doc.diserahkan_melalui != "Email" or doc.keputusan not in wording.GRANTED:
		return None
	attachments = [letter(doc, "balasan")]
	if doc.lampiran_informasi:
		attachments.append({"file_url": doc.lampiran_informasi})
	body = paragraph(
		_("Bersama email ini kami sampaikan informasi yang Anda mohon, dengan surat balasannya.")
	) + fact_table(
		[
			(_("Nomor pendaftaran"), doc.name),
			(_("Nomor surat balasan"), doc.nomor_surat_balasan or ""),
			(_("Lampiran"), _("{0} berkas").format(len(attachments) - 1) if len(attachments) > 1 else "-"),
		]
	)
	return _("Informasi yang Anda mohon: {0}").format(doc.name), body, attachments


# --- Keberatan Informasi ---------------------------------------------------------------------------


def objection_received(doc):
	code = doc.get_password("kode_lacak", raise_exception=False)
	body = (
		paragraph(
			_("Keberatan Anda atas permohonan informasi {0} telah kami terima pada {1}.").format(
				escape_html(doc.permohonan or ""), clock.format_office(doc.tanggal_diajukan)
			)
		)
		+ fact_table(
			[
				(_("Nomor registrasi keberatan"), doc.name),
				(_("Kode lacak"), code or ""),
			]
		)
		+ paragraph(
			_(
				"Simpan kode lacak ini dan jangan berikan kepada orang lain. Kode ini hanya dikirim sekali "
				"dan tidak pernah diminta oleh petugas kami."
			)
		)
		+ paragraph(
			_(
				"Atasan PPID memberikan tanggapan tertulis paling lambat {0} (UU 14/2008 Pasal 36 ayat 2). "
				"Formulir keberatan Anda terlampir. Ikuti perkembangannya di {1}."
			).format(clock.format_office(doc.batas_tanggapan), _tracking_link(doc))
		)
	)
	subject = _("Keberatan Anda telah diterima: {0}").format(doc.name)
	return subject, body, [letter(doc, "formulir")]


def objection_answered(doc):
	body = (
		paragraph(_("Atasan PPID telah menanggapi keberatan Anda; surat tanggapannya terlampir."))
		+ fact_table(
			[
				(_("Nomor registrasi keberatan"), doc.name),
				(_("Nomor surat tanggapan"), doc.nomor_tanggapan or ""),
				(_("Keputusan"), doc.keputusan_atasan or ""),
			]
		)
		+ paragraph(
			_(
				"Bila Anda tidak puas dengan tanggapan ini, Anda dapat mengajukan penyelesaian sengketa "
				"informasi kepada Komisi Informasi paling lambat {0}, yaitu {1} setelah menerima tanggapan "
				"ini (UU 14/2008 Pasal 37 ayat 2)."
			).format(
				clock.format_office(doc.batas_komisi_informasi),
				wording.working_days(
					request_clocks(frappe.get_doc(PERMOHONAN, doc.permohonan)).komisi_informasi_days
				),
			)
		)
	)
	return _("Tanggapan atas keberatan {0}").format(doc.name), body, [letter(doc, "tanggapan")]


def request_redirected(doc):
	body = paragraph(
		_(
			"Permohonan informasi Anda {0} berisi pengaduan, sehingga kami tangani sebagai pengaduan dengan "
			"nomor <b>{1}</b>, terhitung sejak permohonan Anda diterima pada {2}. Kode lacak untuk nomor baru "
			"dikirim dalam email tersendiri; nomor dan kode lacak permohonan Anda tetap dapat dipakai di {3}."
		).format(
			doc.name,
			doc.dialihkan_ke_pengaduan,
			clock.format_office(doc.tanggal_diterima),
			get_url(TRACKING_PAGE),
		)
	)
	return (
		_("Permohonan {0} ditangani sebagai pengaduan {1}").format(doc.name, doc.dialihkan_ke_pengaduan),
		body,
		[],
	)


MESSAGES = {
	(PERMOHONAN, None): request_received,
	(PERMOHONAN, rules.TERDAFTAR): request_registered,
	(PERMOHONAN, rules.DIPERPANJANG): request_extended,
	(PERMOHONAN, rules.PEMBERITAHUAN): request_decided,
	(PERMOHONAN, rules.SELESAI): request_handed_over,
	(PERMOHONAN, rules.DIALIHKAN): request_redirected,
	(KEBERATAN, None): objection_received,
	(KEBERATAN, rules.DITANGGAPI): objection_answered,
}


# --- building blocks ------------------------------------------------------------------------------


def _page(doc, content: str) -> str:
	settings = frappe.get_cached_doc("Pengaturan Kantor")
	office = settings.nama_kantor or settings.nama_instansi or ""
	name = (doc.nama_pemohon or "").strip()
	greeting = _("Yth. Bapak/Ibu {0},").format(escape_html(name)) if name else _("Yth. Bapak/Ibu Pemohon,")
	return (
		paragraph(greeting)
		+ content
		+ paragraph(_("Hormat kami,") + "<br>" + _("PPID {0}").format(escape_html(office)))
	)


def _quote(value) -> str:
	return (
		'<blockquote style="white-space: pre-line; margin: 12px 0; padding-left: 12px; '
		f'border-left: 3px solid #ccc;">{escape_html(value or "")}</blockquote>'
	)


def _follow(doc) -> str:
	return paragraph(_("Ikuti perkembangannya di {0}.").format(_tracking_link(doc)))


def _tracking_link(doc) -> str:
	url = get_url(f"{TRACKING_PAGE}?nomor={doc.name}")
	return f'<a href="{escape_html(url)}">{escape_html(get_url(TRACKING_PAGE))}</a>'

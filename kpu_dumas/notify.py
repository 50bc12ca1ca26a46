"""Email to the reporter when their complaint is filed, when missing items are asked, when it is answered,
and when it goes elsewhere (merged into its main case, redirected to an information request, forwarded
to the competent body).

Only to the reporter, at the email in their Identitas Pelapor, and never for an anonymous complaint. No
one else is copied, so a rahasia identity reaches nobody. Queued with frappe.sendmail: no Communication
is made, so nothing appears in the form's timeline. The secret tracking code is in the first email only.
A site without an outgoing email account simply sends nothing; an email problem never blocks the
workflow action that caused it.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import escape_html, get_url
from frappe.utils.html_utils import clean_html

from kpu_dumas import clock, kerahasiaan, pengaturan
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.jalur import contact_lines
from kpu_dumas.kpu_dumas.doctype.instansi_berwenang.instansi_berwenang import contact_of

TRACKING_PAGE = "/lacak"
CAME_BY_EMAIL = "came_by_email"  # flag set by kpu_dumas.email_masuk on a case Frappe makes from a mail


def state_changed(doc, old_state: str | None, new_state: str) -> None:
	"""Called by the Pengaduan controller after every state change (old_state is None on insert)."""
	if old_state is None:
		if doc.flags.get(CAME_BY_EMAIL):
			return  # answered on the mail's thread once Frappe has stored the mail (registered_by_email)
		compose = registered
	elif new_state == rules.PERLU_DILENGKAPI:
		compose = missing_items
	elif new_state == rules.DITANGGAPI:
		compose = answered
	elif new_state in ROUTED:
		compose = ROUTED[new_state]
	else:
		return
	_send(doc, compose)


def registered_by_email(doc, reply: dict) -> None:
	"""The first email to the reporter of a complaint that came by email: an answer on the mail's
	thread (`reply`: In-Reply-To, subject and sender for frappe.sendmail, from kpu_dumas.email_masuk)."""
	_send(doc, registered, reply)


def _send(doc, compose, reply: dict | None = None) -> None:
	reply = reply or {}
	recipient = reporter_email(doc)
	if not recipient or not can_send(doc.doctype, reply.get("sender")):
		return
	try:
		subject, body = compose(doc)
		frappe.sendmail(
			recipients=[recipient],
			message=body,
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			add_unsubscribe_link=0,
			delayed=True,
			**{"subject": subject, **reply},
		)
		doc.flags.reporter_emailed = True
	except Exception:
		# without local variables: they hold the recipient's address (kerahasiaan.log_error)
		kerahasiaan.log_error(
			_("Email kepada pelapor gagal diantrekan"),
			[recipient],
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)


def reporter_email(doc) -> str | None:
	"""The email in the reporter's identity; for a complaint that came by email and has no identity
	yet, the address it came from."""
	if doc.anonim:
		return None
	if not doc.identitas_pelapor:
		return (doc.get("email_pengirim") or "").strip() or None
	email = kerahasiaan.decrypt(frappe.db.get_value("Identitas Pelapor", doc.identitas_pelapor, "email"))
	return (email or "").strip() or None


def can_send(doctype: str | None = None, sender: str | None = None) -> bool:
	"""Whether the queue has an account to send with: the one for `sender` (the address a mail came
	to), the one appending to `doctype`, or the default outgoing one."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing(match_by_email=sender, match_by_doctype=doctype))


# --- the three messages ---------------------------------------------------------------------------


def registered(doc) -> tuple[str, str]:
	code = doc.get_password("kode_lacak", raise_exception=False)
	subject = _("Pengaduan Anda telah diterima: {0}").format(doc.name)
	body = _page(
		paragraph(
			_("Pengaduan Anda dengan perihal <b>{0}</b> telah kami terima pada {1}.").format(
				escape_html(doc.perihal), clock.format_office(doc.tanggal_diterima)
			)
		)
		+ fact_table(
			[
				(_("Nomor registrasi"), doc.name),
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
			_("Ikuti perkembangan pengaduan di {0} dengan nomor registrasi dan kode lacak di atas.").format(
				_tracking_link(doc)
			)
		)
	)
	return subject, body


def missing_items(doc) -> tuple[str, str]:
	subject = _("Pengaduan {0} perlu dilengkapi").format(doc.name)
	deadline = clock.format_office(doc.batas_kelengkapan)
	body = _page(
		paragraph(
			_(
				"Petugas kami memeriksa pengaduan Anda <b>{0}</b> ({1}) dan memerlukan kelengkapan berikut:"
			).format(escape_html(doc.perihal), doc.name)
		)
		+ f'<blockquote style="white-space: pre-line; margin: 12px 0; padding-left: 12px; border-left: 3px solid #ccc;">'
		f"{escape_html(doc.kekurangan or '')}</blockquote>"
		+ (
			paragraph(
				_(
					"Kirim kelengkapan paling lambat {0}. Bila sampai batas itu tidak dilengkapi, pengaduan "
					"dianggap dicabut (UU 25/2009 Pasal 44)."
				).format(deadline)
			)
			if deadline
			else ""
		)
		+ paragraph(
			_("Kirim kelengkapan melalui {0}: masukkan nomor registrasi dan kode lacak Anda.").format(
				_tracking_link(doc)
			)
		)
	)
	return subject, body


def answered(doc) -> tuple[str, str]:
	subject = _("Tanggapan atas pengaduan {0}").format(doc.name)
	facts = [(_("Nomor registrasi"), doc.name)]
	if doc.nomor_surat_tanggapan:
		facts.append((_("Nomor surat tanggapan"), doc.nomor_surat_tanggapan))
	if doc.tanggal_tanggapan:
		facts.append((_("Tanggal surat"), format_date(doc.tanggal_tanggapan)))
	body = _page(
		paragraph(
			_("Berikut tanggapan kami atas pengaduan Anda <b>{0}</b>.").format(escape_html(doc.perihal))
		)
		+ fact_table(facts)
		+ f'<div style="margin: 12px 0;">{clean_html(doc.tanggapan or "")}</div>'
		+ paragraph(_("Tanggapan ini juga dapat dilihat di {0}.").format(_tracking_link(doc)))
	)
	return subject, body


def merged(doc) -> tuple[str, str]:
	subject = _("Pengaduan {0} digabungkan dengan {1}").format(doc.name, doc.digabung_ke)
	body = _page(
		paragraph(
			_(
				"Pengaduan Anda <b>{0}</b> ({1}) memuat hal yang sama dengan pengaduan {2} yang sudah kami "
				"terima, sehingga keduanya kami tangani bersama sebagai satu pengaduan. Identitas Anda tetap "
				"tercatat pada pengaduan Anda sendiri dan dijaga seperti sebelumnya."
			).format(escape_html(doc.perihal), doc.name, doc.digabung_ke)
		)
		+ paragraph(
			_(
				"Perkembangannya tetap dapat Anda ikuti di {0} dengan nomor dan kode lacak pengaduan Anda."
			).format(_tracking_link(doc))
		)
	)
	return subject, body


def redirected(doc) -> tuple[str, str]:
	new = doc.dialihkan_ke_permohonan
	subject = _("Pengaduan {0} ditangani sebagai permohonan informasi {1}").format(doc.name, new)
	body = _page(
		paragraph(
			_(
				"Pengaduan Anda <b>{0}</b> ({1}) berisi permintaan informasi publik, sehingga kami tangani "
				"sebagai permohonan informasi dengan nomor <b>{2}</b>. Jangka waktu pemberitahuan tertulis "
				"(UU 14/2008 Pasal 22) dihitung sejak pengaduan Anda diterima pada {3}."
			).format(escape_html(doc.perihal), doc.name, new, clock.format_office(doc.tanggal_diterima))
		)
		+ paragraph(
			_(
				"Kode lacak untuk nomor baru dikirim dalam email tersendiri. Nomor dan kode lacak pengaduan "
				"Anda tetap dapat dipakai di {0}."
			).format(_tracking_link(doc))
		)
	)
	return subject, body


def forwarded(doc) -> tuple[str, str]:
	body_row = contact_of(doc.diteruskan_ke)
	name = body_row.nama_lengkap or body_row.nama_instansi
	subject = _("Pengaduan {0} diteruskan kepada {1}").format(doc.name, body_row.nama_instansi)
	body = _page(
		paragraph(
			_(
				"Pokok pengaduan Anda <b>{0}</b> ({1}) bukan kewenangan KPU, sehingga pada {2} kami teruskan "
				"kepada <b>{3}</b> yang berwenang menanganinya."
			).format(
				escape_html(doc.perihal), doc.name, format_date(doc.tanggal_penerusan), escape_html(name)
			)
		)
		+ (fact_table(contact) if (contact := contact_lines(body_row)) else "")
		+ paragraph(
			_(
				"Untuk tindak lanjutnya, hubungi instansi tersebut. Keterangan ini juga dapat dilihat di {0}."
			).format(_tracking_link(doc))
		)
	)
	return subject, body


ROUTED = {rules.DIGABUNGKAN: merged, rules.DIALIHKAN: redirected, rules.DITERUSKAN: forwarded}


# --- building blocks ------------------------------------------------------------------------------


def _page(content: str) -> str:
	office = pengaturan.get("nama_kantor") or pengaturan.get("nama_instansi")
	return (
		paragraph(_("Yth. Bapak/Ibu Pelapor,"))
		+ content
		+ paragraph(_("Hormat kami,") + "<br>" + escape_html(office or ""))
	)


def paragraph(html: str) -> str:
	return f'<p style="margin: 0 0 12px;">{html}</p>'


def fact_table(rows: list[tuple[str, str]]) -> str:
	cells = "".join(
		f'<tr><td style="padding: 4px 16px 4px 0; color: #555;">{escape_html(label)}</td>'
		f'<td style="padding: 4px 0; font-weight: bold; font-family: monospace; font-size: 16px;">'
		f"{escape_html(value)}</td></tr>"
		for label, value in rows
	)
	return f'<table style="margin: 0 0 12px; border-collapse: collapse;">{cells}</table>'


def _tracking_link(doc) -> str:
	url = get_url(f"{TRACKING_PAGE}?nomor={doc.name}")
	return f'<a href="{escape_html(url)}">{escape_html(get_url(TRACKING_PAGE))}</a>'

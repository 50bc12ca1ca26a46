"""SP4N-LAPOR! steps on a complaint that came through LAPOR! (README "SP4N-LAPOR! clocks").

- `catat_tindak_lanjut`: the follow-up posted on LAPOR!, recorded with when, what text and by whom. The
  first one is the step the 5-working-day clock measures (late when posted after it); each one starts
  the 10 working days after which the report counts as finished on LAPOR!.
- `catat_balasan`: a reply from the reporter or the LAPOR! admin; it suspends that closing clock until
  the office posts a new follow-up.
- `selesaikan`: closes the complaint as finished on SP4N-LAPOR! (workflow action "Selesai di
  SP4N-LAPOR!", from Ditanggapi), refused before the 10 working days have passed.

These fields are the server's (kpu_dumas.core.record): no save, REST call or import can write them;
these calls are the only door, for the roles that answer a LAPOR! report.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow
from frappe.utils import cstr, escape_html, get_datetime

from kpu_dumas import clock, lapor
from kpu_dumas.api.jalur import _check_transition, _refuse_role, _transition
from kpu_dumas.core import complaint_rules as complaint
from kpu_dumas.core import lapor as rules
from kpu_dumas.roles import PEJABAT_BERWENANG, PETUGAS_PENERIMA_ADUAN

DOCTYPE = "Pengaduan"
CLOSE = "Selesai di SP4N-LAPOR!"
# Who posts on LAPOR! for the office and records what comes back: the Admin Lapor of the SOPs, and the PyB.
RESPONDERS = (PETUGAS_PENERIMA_ADUAN, PEJABAT_BERWENANG)


def _open_lapor_case(name: str, what: str, responders_only: bool = True):
	if responders_only and not set(RESPONDERS) & set(frappe.get_roles()):
		_refuse_role(what, RESPONDERS)
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("read")
	if doc.kanal != rules.CHANNEL:
		frappe.throw(
			_("Pengaduan {0} tidak datang dari SP4N-LAPOR! (kanal {1}).").format(doc.name, _(doc.kanal)),
			title=_("Bukan Pengaduan SP4N-LAPOR!"),
		)
	if doc.docstatus != 0:
		frappe.throw(
			_("Pengaduan {0} sudah final ({1}).").format(doc.name, _(doc.workflow_state)),
			title=_("Pengaduan Sudah Final"),
		)
	return doc


def _text(value, label: str) -> str:
	text = cstr(value).strip()
	if complaint.is_blank(text):
		frappe.throw(
			_("Isi {0}: salin teks yang diunggah ke SP4N-LAPOR! apa adanya.").format(label),
			title=_("Teks Wajib Diisi"),
		)
	return text


@frappe.whitelist(methods=["POST"])
def catat_tindak_lanjut(name: str, teks: str) -> dict:
	"""Record that the office posted a follow-up on SP4N-LAPOR! now, with its text."""
	doc = _open_lapor_case(name, _("mencatat tindak lanjut SP4N-LAPOR!"))
	text = _text(teks, _("teks tindak lanjut"))
	now = clock.now()
	values = {
		"tindak_lanjut_terakhir_lapor_pada": now,
		"batas_penutupan_lapor": lapor.closing_due(now),
	}
	first = not doc.tindak_lanjut_lapor_pada
	if first:
		values.update(
			{
				"tindak_lanjut_lapor_pada": now,
				"tindak_lanjut_lapor_oleh": frappe.session.user,
				"teks_tindak_lanjut_lapor": text,
			}
		)
		if lapor.late(doc, now):
			values["tindak_lanjut_lapor_terlambat"] = 1
	doc.db_set(values)
	note = (
		_("Tindak lanjut diunggah ke SP4N-LAPOR!")
		if first
		else _("Tindak lanjut baru diunggah ke SP4N-LAPOR!")
	)
	doc.add_comment(
		"Info",
		_("{0} (tiket {1}); dapat dinyatakan selesai mulai {2} bila tidak ada balasan: {3}").format(
			note,
			escape_html(doc.nomor_tiket_lapor or ""),
			clock.format_office(values["batas_penutupan_lapor"]),
			escape_html(text),
		),
	)
	return {"name": doc.name, "batas_penutupan_lapor": str(values["batas_penutupan_lapor"])}


@frappe.whitelist(methods=["POST"])
def catat_balasan(name: str, dari: str, teks: str, pada: str | None = None) -> dict:
	"""Record a reply on SP4N-LAPOR! from the reporter or the LAPOR! admin: the closing clock stops until
	the office posts a new follow-up."""
	doc = _open_lapor_case(name, _("mencatat balasan SP4N-LAPOR!"))
	if dari not in rules.REPLY_FROM:
		frappe.throw(
			_("Pilih siapa yang membalas: {0}.").format(", ".join(_(r) for r in rules.REPLY_FROM)),
			title=_("Pengirim Balasan"),
		)
	text = _text(teks, _("teks balasan"))
	last = doc.tindak_lanjut_terakhir_lapor_pada or doc.tindak_lanjut_lapor_pada
	if not last:
		frappe.throw(
			_("Belum ada tindak lanjut yang dicatat: balasan di SP4N-LAPOR! menjawab tindak lanjut."),
			title=_("Belum Ada Tindak Lanjut"),
		)
	now = clock.now()
	at = get_datetime(pada) if pada else now
	if at > now or at < get_datetime(last):
		frappe.throw(
			_("Waktu balasan harus di antara tindak lanjut terakhir ({0}) dan sekarang.").format(
				clock.format_office(last)
			),
			title=_("Waktu Balasan"),
		)
	doc.db_set(
		{
			"balasan_lapor_pada": at,
			"balasan_lapor_dari": dari,
			"teks_balasan_lapor": text,
			"batas_penutupan_lapor": None,
		}
	)
	doc.add_comment(
		"Info",
		_("Balasan di SP4N-LAPOR! dari {0} ({1}): {2}").format(
			escape_html(_(dari)), clock.format_office(at), escape_html(text)
		),
	)
	return {"name": doc.name}


@frappe.whitelist(methods=["POST"])
def selesaikan(name: str) -> dict:
	"""Close the complaint as finished on SP4N-LAPOR!: its follow-up stood 10 working days unanswered."""
	doc = _open_lapor_case(name, _("menyelesaikan pengaduan di SP4N-LAPOR!"), responders_only=False)
	_check_transition(doc, CLOSE)  # who may close is the workflow's
	if errors := lapor.closing_errors(doc):
		frappe.throw("<br>".join(_(e) for e in errors), title=_("Belum Dapat Diselesaikan di SP4N-LAPOR!"))
	doc.db_set(
		{"selesai_di_lapor": 1, "media_tanggapan": doc.media_tanggapan or rules.CHANNEL},
		update_modified=False,
	)
	doc = apply_workflow(doc, CLOSE)
	return {"name": doc.name, "workflow_state": doc.workflow_state}


@frappe.whitelist()
def aksi(name: str) -> dict:
	"""Which SP4N-LAPOR! steps the session user may take on the complaint now (the form's buttons)."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.check_permission("read")
	open_lapor = doc.kanal == rules.CHANNEL and doc.docstatus == 0
	may = open_lapor and bool(set(RESPONDERS) & set(frappe.get_roles()))
	return {
		"tindak_lanjut": may,
		"balasan": may and bool(doc.tindak_lanjut_lapor_pada),
		"selesai": open_lapor and bool(_transition(doc, CLOSE)),
		"dari": list(rules.REPLY_FROM),
	}

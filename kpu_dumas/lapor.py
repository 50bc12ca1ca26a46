"""SP4N-LAPOR! on the office calendar: a LAPOR! complaint's clocks, its unique ticket and its late sweep.

Thin wrapper over kpu_dumas.core.lapor: reads the day counts from Pengaturan Kantor, converts system-zone
datetimes to the office zone and back. The follow-up and replies are recorded by kpu_dumas.api.lapor;
the Pengaduan controller calls `validate` and `intro`; the hourly sweep calls `sweep_late`.
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe import _
from frappe.utils import get_datetime

from kpu_dumas import clock
from kpu_dumas.core import lapor as rules

SETTINGS = "Pengaturan Kantor"
DOCTYPE = "Pengaduan"


def clocks() -> rules.LaporClocks:
	s = frappe.get_cached_doc(SETTINGS)
	default = rules.LaporClocks()
	return rules.LaporClocks(
		forward_days=s.get("lapor_penerusan_hari") or default.forward_days,
		follow_up_days=s.get("lapor_tindak_lanjut_hari") or default.follow_up_days,
		closing_days=s.get("lapor_penutupan_hari") or default.closing_days,
	)


def on_office_calendar(fn, at, lapor_clocks: rules.LaporClocks) -> datetime:
	"""Run a core clock function on the office calendar; `at` and the result are in system time."""
	cal = clock.get_calendar()
	return clock.to_system(fn(cal, clock.to_office(get_datetime(at), cal), lapor_clocks), cal)


def closing_due(follow_up_at) -> datetime:
	return on_office_calendar(rules.closing_due, follow_up_at, clocks())


def _dt(value) -> datetime | None:
	return get_datetime(value) if value else None


# --- the controller's step ------------------------------------------------------------------------------


def validate(doc):
	"""A LAPOR! complaint: when it came (the receipt time unless given), its deadlines from then, and a
	ticket no other complaint holds."""
	if doc.kanal != rules.CHANNEL:
		if not doc.tindak_lanjut_lapor_pada:  # moved off LAPOR! before anything was posted there
			doc.tanggal_dari_lapor = doc.batas_penerusan_lapor = doc.batas_tindak_lanjut_lapor = None
	else:
		if not doc.tanggal_dari_lapor:
			doc.tanggal_dari_lapor = doc.tanggal_diterima
		if doc.is_new() or doc.has_value_changed("tanggal_dari_lapor") or not doc.batas_tindak_lanjut_lapor:
			check_came(doc)
			set_deadlines(doc)
	check_ticket(doc)


def check_came(doc):
	if doc.tindak_lanjut_lapor_pada and not doc.is_new():
		frappe.throw(
			_(
				"Tanggal dari SP4N-LAPOR! tidak dapat diubah lagi: tindak lanjut sudah diunggah pada {0} dan "
				"batas waktunya sudah dinilai."
			).format(clock.format_office(doc.tindak_lanjut_lapor_pada)),
			title=_("Tanggal dari SP4N-LAPOR!"),
		)
	errors = rules.came_errors(
		get_datetime(doc.tanggal_dari_lapor),
		_dt(doc.tanggal_diterima),
		clock.now(),
		fmt=clock.format_office,
	)
	if errors:
		frappe.throw("<br>".join(_(e) for e in errors), title=_("Tanggal dari SP4N-LAPOR!"))


def set_deadlines(doc):
	current = clocks()
	doc.batas_penerusan_lapor = on_office_calendar(rules.forward_due, doc.tanggal_dari_lapor, current)
	doc.batas_tindak_lanjut_lapor = on_office_calendar(rules.follow_up_due, doc.tanggal_dari_lapor, current)


def check_ticket(doc):
	"""One live complaint per LAPOR! tracking ID; a cancelled complaint gives its ticket up (its key goes),
	the main case a complaint was merged into may take its ticket over."""
	key = rules.ticket_key(doc.nomor_tiket_lapor) or None
	if doc.workflow_state in rules.RELEASED_STATES:
		key = None
	if key and key != doc.kunci_tiket_lapor:
		holder = frappe.db.get_value(
			DOCTYPE,
			{"kunci_tiket_lapor": key, "name": ("!=", doc.name or "")},
			["name", "workflow_state", "digabung_ke"],
			as_dict=True,
		)
		if holder and rules.ticket_conflict(holder.workflow_state, holder.digabung_ke, doc.name):
			refuse_ticket(doc, holder)
		if holder:  # merged into this complaint: the ticket moves here
			frappe.db.set_value(DOCTYPE, holder.name, "kunci_tiket_lapor", None, update_modified=False)
	doc.kunci_tiket_lapor = key


def refuse_ticket(doc, holder):
	link = f'<a href="/app/pengaduan/{holder.name}">{holder.name}</a>'
	where = _("pengaduan {0} ({1})").format(link, _(holder.workflow_state))
	if holder.digabung_ke:
		main = f'<a href="/app/pengaduan/{holder.digabung_ke}">{holder.digabung_ke}</a>'
		where += " " + _("yang digabungkan ke pengaduan {0}").format(main)
	frappe.throw(
		_(
			"Nomor tiket SP4N-LAPOR! {0} sudah tercatat pada {1}. Satu tiket adalah satu laporan: catat "
			"tambahan atau balasan pelapor pada pengaduan itu, atau periksa kembali nomor tiketnya."
		).format(frappe.bold(frappe.utils.escape_html(doc.nomor_tiket_lapor)), where),
		frappe.UniqueValidationError,
		title=_("Tiket SP4N-LAPOR! Sudah Tercatat"),
	)


def closing_errors(doc) -> list[str]:
	"""Why the complaint may not be closed as finished on SP4N-LAPOR! now (core.lapor.closing_errors)."""
	return rules.closing_errors(
		channel=doc.kanal,
		follow_up_at=_dt(doc.tindak_lanjut_lapor_pada),
		last_follow_up=_dt(doc.tindak_lanjut_terakhir_lapor_pada),
		reply_at=_dt(doc.balasan_lapor_pada),
		closing_at=_dt(doc.batas_penutupan_lapor),
		now=clock.now(),
		closing_days=clocks().closing_days,
		fmt=clock.format_office,
	)


# --- where staff see it ---------------------------------------------------------------------------------


def late(doc, now: datetime | None = None) -> bool:
	return rules.follow_up_late(
		_dt(doc.batas_tindak_lanjut_lapor), _dt(doc.tindak_lanjut_lapor_pada), now or clock.now()
	)


def intro(doc, stage: dict | None) -> dict | None:
	"""The form header: the open stage's sentence, followed by where the LAPOR! clocks stand."""
	if doc.kanal != rules.CHANNEL or doc.docstatus != 0 or not doc.batas_tindak_lanjut_lapor:
		return stage
	ticket = doc.nomor_tiket_lapor or "-"
	if doc.tindak_lanjut_lapor_pada:
		text = _("SP4N-LAPOR! (tiket {0}): tindak lanjut diunggah {1}").format(
			ticket, clock.format_office(doc.tindak_lanjut_lapor_pada)
		)
		if doc.tindak_lanjut_lapor_terlambat:
			text += " " + _("(terlambat)")
		if doc.batas_penutupan_lapor:
			text += "; " + _(
				"dapat dinyatakan selesai di SP4N-LAPOR! mulai {0} bila tidak ada balasan"
			).format(clock.format_office(doc.batas_penutupan_lapor))
		elif doc.balasan_lapor_pada:
			text += "; " + _("balasan {0} belum dijawab").format(clock.format_office(doc.balasan_lapor_pada))
		text += "."
	else:
		text = _("SP4N-LAPOR! (tiket {0}): tindak lanjut paling lambat {1}.").format(
			ticket, clock.format_office(doc.batas_tindak_lanjut_lapor)
		)
		if late(doc):
			text += " " + _("Tindak lanjut terlambat.")
	color = "red" if late(doc) and not doc.tindak_lanjut_lapor_pada else None
	if not stage:
		return {"text": text, "color": color or "blue"}
	return {"text": f"{stage['text']} {text}", "color": color or stage["color"]}


# --- the hourly sweep -----------------------------------------------------------------------------------


def sweep_late(now: datetime):
	"""Mark, once, every open LAPOR! complaint whose follow-up deadline passed with nothing posted, and
	tell those who answer it (its assignees, else the Petugas Penerima Aduan): marked in bulk, one
	notification per complaint, or one digest for a person with many (kpu_dumas.tasks)."""
	from kpu_dumas.roles import PETUGAS_PENERIMA_ADUAN
	from kpu_dumas.tasks import CHUNK, assignees_of, send_digest, split_for_digest, users_with_roles

	rows = frappe.get_all(
		DOCTYPE,
		filters=[
			["docstatus", "=", 0],
			["kanal", "=", rules.CHANNEL],
			["tindak_lanjut_lapor_pada", "is", "not set"],
			["tindak_lanjut_lapor_terlambat", "=", 0],
			# "is set" too: Frappe compares an empty Datetime as 0001-01-01, before any deadline
			["batas_tindak_lanjut_lapor", "is", "set"],
			["batas_tindak_lanjut_lapor", "<", now],
		],
		fields=["name", "nomor_tiket_lapor", "batas_tindak_lanjut_lapor"],
	)
	if not rows:
		return
	# `modified` moves too: a form opened before this mark must reload before it saves.
	p = frappe.qb.DocType(DOCTYPE)
	names = [r.name for r in rows]
	for i in range(0, len(names), CHUNK):
		(
			frappe.qb.update(p)
			.set(p.tindak_lanjut_lapor_terlambat, 1)
			.set(p.modified, now)
			.where(p.name.isin(names[i : i + CHUNK]))
			.run()
		)
	assigned = assignees_of(DOCTYPE, names)
	officers = None
	per_user: dict[str, list] = {}
	for row in rows:
		users = assigned.get(row.name)
		if not users:
			officers = users_with_roles([PETUGAS_PENERIMA_ADUAN]) if officers is None else officers
			users = officers
		for user in users:
			per_user.setdefault(user, []).append(row)
	digests, one_by_one = split_for_digest(per_user)
	for user, its_rows in digests.items():
		send_digest(
			user,
			_("{0} tindak lanjut SP4N-LAPOR! melewati batas waktu.").format(len(its_rows)),
			[
				_("Pengaduan {0} (tiket {1}, batas {2})").format(
					r.name, r.nomor_tiket_lapor, clock.format_office(r.batas_tindak_lanjut_lapor)
				)
				for r in its_rows
			],
			"/app/pengaduan?tindak_lanjut_lapor_terlambat=1",
		)
	for row in rows:
		if one_by_one.get(row.name):
			notify_late(row, one_by_one[row.name])


def notify_late(row, users: list[str]):
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	make_notification_logs(
		{
			"type": "Alert",
			"document_type": DOCTYPE,
			"document_name": row.name,
			"subject": _(
				"Tindak lanjut SP4N-LAPOR! pada Pengaduan {0} (tiket {1}) melewati batas waktu ({2})."
			).format(row.name, row.nomor_tiket_lapor, clock.format_office(row.batas_tindak_lanjut_lapor)),
			"from_user": "Administrator",
		},
		users,
	)

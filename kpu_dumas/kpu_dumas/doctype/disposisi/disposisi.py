# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt

"""Disposisi: a superior routes a matter to one or more recipients (DESIGN.md section 3).

Alur Disposisi: Draft -> Kirim -> Dikirim -> (every recipient done) -> Selesai; Batalkan -> Dibatalkan.
Sending assigns each recipient a ToDo; opening it marks them Dibaca; each recipient records the follow-up
and closes their own part (kpu_dumas.api.disposisi.tindak_lanjut). A recipient may pass it down as a
child disposition. The due time comes from the Sifat on the office calendar, unless set by hand.
"""

from __future__ import annotations

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate

from kpu_dumas import clock, stages
from kpu_dumas.core import disposisi as rules
from kpu_dumas.core import record as record_rules
from kpu_dumas.core.dates import format_date
from kpu_dumas.core.deadlines import Duration, StageStatus, Unit
from kpu_dumas.disposisi_permissions import visible_names
from kpu_dumas.record import KpuRecord

DOCTYPE = "Disposisi"
RECIPIENTS = "Penerima Disposisi"
# What only the recipient's own actions change (written with frappe.db.set_value, never by a form save).
RECIPIENT_PROGRESS = record_rules.CHILD_SERVER_FIELDS[DOCTYPE]["penerima"]
PRIORITY = {"Sangat Segera": "High", "Segera": "High"}


class Disposisi(KpuRecord):
	draft_state = rules.DRAFT

	def onload(self):
		self.mark_read()
		self.set_onload("rantai", chain(self))

	def validate(self):
		self.set_issuer()
		self.validate_recipients()
		self.keep_recipient_progress()
		self.validate_oral()
		self.set_chain_path()
		change = stages.state_change(self)
		self._state_change = change
		if change:
			self.on_state_entered(*change)
		else:
			self.check_edit_rights()
		self.set_due_time()
		if change:
			self.record_stage(*change)
		else:
			self.sync_open_stage_due()

	def on_update(self):
		change, self._state_change = getattr(self, "_state_change", None), None
		if self.workflow_state == rules.DIKIRIM:
			self.sync_assignments()
		if not change:
			return
		new_state = change[1]
		if new_state == rules.DIKIRIM:
			self.mark_parent_followed_up()
		elif new_state == rules.DIBATALKAN:
			from frappe.desk.form.assign_to import clear

			clear(self.doctype, self.name, ignore_permissions=True)
		elif new_state == rules.SELESAI:
			self.notify_issuer_done()

	def before_submit(self):
		"""Submitting happens only by moving into a final state of the workflow."""
		if self.workflow_state not in rules.FINAL_STATES:
			frappe.throw(
				_(
					"Disposisi hanya dapat dikunci oleh alur disposisi (Batalkan, atau selesai oleh semua penerima)."
				),
				title=_("Belum Dapat Dikunci"),
			)

	# --- validation steps -------------------------------------------------------------------------

	def set_issuer(self):
		self.dari = self.dari or frappe.session.user
		if not self.jabatan_pemberi:
			self.jabatan_pemberi = known_position(self.dari, parent=self.disposisi_induk)
		for row in self.penerima:
			if row.penerima and not row.jabatan:
				row.jabatan = known_position(row.penerima)

	def validate_recipients(self):
		seen = set()
		for row in self.penerima:
			if row.penerima in seen:
				frappe.throw(
					_("Penerima {0} tercantum lebih dari sekali pada baris Diteruskan kepada.").format(
						frappe.bold(row.nama_penerima or row.penerima)
					),
					title=_("Penerima Ganda"),
				)
			seen.add(row.penerima)
			if row.penerima == self.dari:
				frappe.throw(
					_(
						"Pemberi disposisi tidak dapat menjadi penerimanya sendiri: hapus {0} dari Diteruskan kepada."
					).format(frappe.bold(row.nama_penerima or row.penerima)),
					title=_("Penerima Tidak Valid"),
				)
			user = frappe.db.get_value("User", row.penerima, ["enabled", "user_type"], as_dict=True)
			if not user or not user.enabled or user.user_type != "System User":
				frappe.throw(
					_("{0} bukan pengguna Desk yang aktif, sehingga tidak dapat menerima disposisi.").format(
						frappe.bold(row.penerima)
					),
					title=_("Penerima Tidak Valid"),
				)

	def keep_recipient_progress(self):
		"""A form save never changes what recipients recorded; recipients who acted stay on the list."""
		before = None if self.is_new() else self.get_doc_before_save()
		old = {row.name: row for row in (before.penerima if before else [])}
		for row in self.penerima:
			previous = old.get(row.name)
			for field in RECIPIENT_PROGRESS:
				row.set(field, previous.get(field) if previous else None)
			row.status = row.status or rules.BELUM_DIBACA
			row.terlambat_diberitahukan = row.terlambat_diberitahukan or 0
		kept = {row.name for row in self.penerima}
		acted = [
			row.nama_penerima or row.penerima
			for name, row in old.items()
			if name not in kept and row.status in (rules.DITINDAKLANJUTI, rules.SELESAI)
		]
		if acted:
			frappe.throw(
				_("Penerima yang sudah menindaklanjuti tidak dapat dihapus dari disposisi: {0}.").format(
					", ".join(acted)
				),
				title=_("Penerima Sudah Bertindak"),
			)

	def validate_oral(self):
		if not self.lisan:
			self.waktu_lisan = None
			return
		if not self.waktu_lisan:
			frappe.throw(
				_("Isi kapan disposisi lisan diberikan (Diberikan secara lisan pada)."),
				title=_("Waktu Disposisi Lisan Belum Diisi"),
			)
		if get_datetime(self.waktu_lisan) > clock.now():
			frappe.throw(
				_(
					"Waktu disposisi lisan tidak boleh di masa depan: disposisi lisan dicatat sesudah diberikan."
				),
				title=_("Waktu Disposisi Lisan Tidak Valid"),
			)

	def set_chain_path(self):
		parent_path = None
		if self.disposisi_induk:
			if self.disposisi_induk == self.name:
				frappe.throw(_("Disposisi tidak dapat menjadi induknya sendiri."))
			parent = frappe.db.get_value(
				DOCTYPE, self.disposisi_induk, ["name", "jalur", "workflow_state"], as_dict=True
			)
			if self.is_new():
				self.validate_passing_down(parent)
			parent_path = parent.jalur
		self.jalur = rules.chain_path(self.name, parent_path)

	def validate_passing_down(self, parent):
		"""Only a recipient of a sent disposition passes it further down."""
		if parent.workflow_state != rules.DIKIRIM:
			frappe.throw(
				_(
					"Disposisi {0} berstatus {1}: hanya disposisi yang sudah dikirim dan belum selesai yang dapat diteruskan."
				).format(frappe.bold(parent.name), frappe.bold(_(parent.workflow_state or rules.DRAFT))),
				title=_("Tidak Dapat Diteruskan"),
			)
		recipients = frappe.get_all(
			RECIPIENTS, filters={"parent": parent.name, "parenttype": DOCTYPE}, pluck="penerima"
		)
		if self.dari not in recipients:
			frappe.throw(
				_(
					"Disposisi {0} hanya dapat diteruskan oleh penerimanya; {1} bukan penerima disposisi itu."
				).format(frappe.bold(parent.name), frappe.bold(self.dari)),
				frappe.PermissionError,
				title=_("Tidak Dapat Diteruskan"),
			)

	def check_edit_rights(self):
		"""Outside a transition, only the issuer (or who recorded it) changes a disposition."""
		if self.is_new() or self.flags.ignore_permissions:
			return
		user = frappe.session.user
		if user in ("Administrator", self.dari, self.owner) or "System Manager" in frappe.get_roles(user):
			return
		frappe.throw(
			_(
				"Disposisi {0} hanya dapat diubah oleh pemberinya ({1}). Penerima mencatat tindak lanjut "
				"dengan tombol Tindak Lanjut."
			).format(self.name, self.nama_pemberi or self.dari),
			frappe.PermissionError,
			title=_("Tidak Berwenang"),
		)

	def set_due_time(self):
		"""From the sifat on the office calendar, counted from sending (or from the oral instruction)."""
		if self.batas_waktu_manual:
			if not self.batas_waktu:
				frappe.throw(
					_(
						"Isi Batas Waktu, atau hilangkan centang Batas waktu diisi manual agar dihitung dari sifat."
					),
					title=_("Batas Waktu Belum Diisi"),
				)
			return
		if self.workflow_state in rules.FINAL_STATES:
			return
		self.batas_waktu = clock.due(self.clock_start(), sifat_duration(self.sifat))

	def clock_start(self):
		if self.lisan and self.waktu_lisan:
			return get_datetime(self.waktu_lisan)
		return get_datetime(self.dikirim_pada) if self.dikirim_pada else clock.now()

	# --- workflow ---------------------------------------------------------------------------------

	def on_state_entered(self, old_state, new_state):
		now = clock.now()
		if new_state == rules.DIKIRIM:
			self.dikirim_pada = now
		elif new_state == rules.SELESAI:
			self.selesai_pada = now

	def record_stage(self, old_state, new_state):
		closing = stages.current_row(self)
		if new_state == rules.DIKIRIM:
			label = _("diisi manual") if self.batas_waktu_manual else sifat_duration(self.sifat).label()
			standard = (get_datetime(self.batas_waktu) if self.batas_waktu else None, label)
		else:
			standard = (None, Unit.NONE.value)
		stages.record_state_change(self, old_state, new_state, None, legal_due=standard)
		closed_by = self.flags.closed_by
		if closing and closed_by:  # reached Selesai because this recipient closed the last open part
			closing.oleh = closed_by
			closing.peran_pelaku = None

	def sync_open_stage_due(self):
		"""A sent disposition whose sifat or due time is changed: its open stage follows."""
		row = stages.current_row(self)
		if row and row.tahap == rules.DIKIRIM and self.batas_waktu:
			if not row.batas_waktu or get_datetime(row.batas_waktu) != get_datetime(self.batas_waktu):
				row.batas_waktu = self.batas_waktu
				row.mutu_baku = (
					_("diisi manual") if self.batas_waktu_manual else sifat_duration(self.sifat).label()
				)

	def sync_assignments(self):
		"""Every recipient who never had one gets a ToDo; a recipient taken off the list loses theirs."""
		from frappe.desk.form.assign_to import add, set_status

		todos = frappe.get_all(
			"ToDo",
			filters={"reference_type": self.doctype, "reference_name": self.name},
			fields=["name", "allocated_to", "status"],
		)
		had = {t.allocated_to for t in todos}
		recipients = {row.penerima for row in self.penerima}
		new = [
			row.penerima for row in self.penerima if row.penerima not in had and row.status != rules.SELESAI
		]
		if new:
			add(
				{
					"doctype": self.doctype,
					"name": self.name,
					"assign_to": new,
					"assigned_by": self.dari,
					"description": self.assignment_text(),
					"date": getdate(self.batas_waktu) if self.batas_waktu else None,
					"priority": PRIORITY.get(self.sifat, "Medium"),
				},
				ignore_permissions=True,
			)
		for todo in todos:
			if todo.status == "Open" and todo.allocated_to not in recipients:
				set_status(
					self.doctype, self.name, todo=todo.name, status="Cancelled", ignore_permissions=True
				)

	def assignment_text(self) -> str:
		parts = [_("Disposisi {0} ({1}): {2}").format(self.name, self.sifat, self.perihal)]
		instructions = [row.instruksi for row in self.instruksi]
		if instructions:
			parts.append(_("Instruksi: {0}.").format(", ".join(instructions)))
		if self.arahan:
			parts.append(self.arahan)
		if self.batas_waktu:
			parts.append(_("Batas waktu {0}.").format(clock.format_office(self.batas_waktu)))
		return " ".join(parts)

	def mark_parent_followed_up(self):
		"""Passing a disposition down is a follow-up of the parent by that recipient."""
		if not self.disposisi_induk:
			return
		row = frappe.db.get_value(
			RECIPIENTS,
			{"parent": self.disposisi_induk, "parenttype": DOCTYPE, "penerima": self.dari},
			["name", "status", "dibaca_pada", "disposisi_lanjutan"],
			as_dict=True,
		)
		if not row:
			return
		values = {"disposisi_lanjutan": row.disposisi_lanjutan or self.name}
		if row.status in (rules.BELUM_DIBACA, rules.DIBACA):
			values["status"] = rules.DITINDAKLANJUTI
			values["dibaca_pada"] = row.dibaca_pada or clock.now()
		frappe.db.set_value(RECIPIENTS, row.name, values, update_modified=False)

	def notify_issuer_done(self):
		from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

		make_notification_logs(
			{
				"type": "Alert",
				"document_type": self.doctype,
				"document_name": self.name,
				"subject": _(
					"Disposisi {0} ({1}) selesai: semua penerima telah menyelesaikan bagiannya."
				).format(self.name, self.perihal),
				"from_user": self.flags.closed_by or frappe.session.user,
			},
			[self.dari],
		)

	# --- opening ----------------------------------------------------------------------------------

	def mark_read(self):
		"""The recipient opening a sent disposition has read it (like Frappe's own _seen, also on GET)."""
		if self.workflow_state != rules.DIKIRIM or frappe.flags.read_only:
			return
		user = frappe.session.user
		for row in self.penerima:
			if row.penerima != user:
				continue
			status = rules.status_after_opening(row.status)
			if status:
				now = clock.now()
				frappe.db.set_value(
					RECIPIENTS, row.name, {"status": status, "dibaca_pada": now}, update_modified=False
				)
				row.status, row.dibaca_pada = status, now
				frappe.local.flags.commit = True

	# --- printing ---------------------------------------------------------------------------------

	def lembar_disposisi(self) -> dict:
		"""What the Lembar Disposisi print format shows (see lembar.py)."""
		from kpu_dumas.kpu_dumas.doctype.disposisi.lembar import sheet

		return sheet(self)


# --- helpers --------------------------------------------------------------------------------------------


def sifat_duration(sifat: str | None) -> Duration:
	"""The time standard of a Sifat Disposisi (Menyesuaikan when none is chosen)."""
	if not sifat:
		return Duration(0, Unit.NONE)
	jumlah, satuan = frappe.get_cached_value("Sifat Disposisi", sifat, ["jumlah", "satuan"])
	return Duration.parse(jumlah, satuan)


def known_position(user: str | None, parent: str | None = None) -> str | None:
	"""The position (jabatan) a user was last given on a disposition, to prefill the next one."""
	if not user:
		return None
	if parent:
		jabatan = frappe.db.get_value(
			RECIPIENTS, {"parent": parent, "parenttype": DOCTYPE, "penerima": user}, "jabatan"
		)
		if jabatan:
			return jabatan
	jabatan = frappe.db.get_value(
		DOCTYPE, {"dari": user, "jabatan_pemberi": ("is", "set")}, "jabatan_pemberi", order_by="creation desc"
	)
	return jabatan or frappe.db.get_value(
		RECIPIENTS,
		{"penerima": user, "parenttype": DOCTYPE, "jabatan": ("is", "set")},
		"jabatan",
		order_by="creation desc",
	)


def chain(doc) -> list[dict]:
	"""The disposition's ancestors and descendants (pre-order), each with its recipients' progress.

	A node the user may not open shows who, when and the state, but not its subject.
	"""
	if not doc.jalur or doc.is_new():
		return []
	d = frappe.qb.DocType(DOCTYPE)
	condition = d.jalur.like(doc.jalur + "%")
	ancestors = rules.ancestors(doc.jalur)
	if ancestors:
		condition |= d.name.isin(ancestors)
	nodes = (
		frappe.qb.from_(d)
		.select(
			d.name, d.jalur, d.workflow_state, d.dari, d.nama_pemberi, d.tanggal, d.batas_waktu, d.perihal
		)
		.where(condition)
		.orderby(d.jalur)
		.run(as_dict=True)
	)
	names = [n.name for n in nodes]
	readable = visible_names(names)
	recipients: dict[str, list] = {}
	for row in frappe.get_all(
		RECIPIENTS,
		filters={"parent": ("in", names), "parenttype": DOCTYPE},
		fields=["parent", "penerima", "nama_penerima", "status"],
		order_by="idx asc",
	):
		recipients.setdefault(row.parent, []).append(
			{"nama": row.nama_penerima or row.penerima, "status": row.status}
		)
	return [
		{
			"name": n.name,
			"depth": rules.depth(n.jalur),
			"status": n.workflow_state,
			"pemberi": n.nama_pemberi or n.dari,
			"tanggal": format_date(n.tanggal),
			"perihal": n.perihal if n.name in readable else None,
			"dapat_dibuka": n.name in readable,
			"ini": n.name == doc.name,
			"penerima": recipients.get(n.name, []),
		}
		for n in nodes
	]


def complete_if_all_done(name: str, closed_by: str):
	"""Move a sent disposition to Selesai once every recipient has closed their part.

	The Selesai transition belongs to the system (role Administrator in Alur Disposisi): recipients
	hold no issuer role, and the last one to finish should not need one.
	"""
	doc = frappe.get_doc(DOCTYPE, name)
	if doc.workflow_state != rules.DIKIRIM or not rules.all_done(row.status for row in doc.penerima):
		return doc
	previous = frappe.session.user
	frappe.set_user("Administrator")
	try:
		doc.flags.closed_by = closed_by
		doc.workflow_state = rules.SELESAI
		doc.submit()
		doc.add_comment("Workflow", _(rules.SELESAI))
		# The system acted for the recipient who closed the last part: the record names them.
		frappe.db.set_value(DOCTYPE, doc.name, "modified_by", closed_by, update_modified=False)
	finally:
		frappe.set_user(previous)
	return doc


def sweep_overdue(now=None):
	"""Recipients who have not finished a sent disposition past its due time: its stage is marked late
	and each of them is told once. Called from the hourly kpu_dumas.tasks.sweep_overdue."""
	from frappe.desk.doctype.notification_log.notification_log import make_notification_logs

	now = now or clock.now()
	d = frappe.qb.DocType(DOCTYPE)
	p = frappe.qb.DocType(RECIPIENTS)
	late = (
		frappe.qb.from_(p)
		.join(d)
		.on(d.name == p.parent)
		.select(p.name, p.penerima, d.name.as_("disposisi"), d.perihal, d.batas_waktu)
		.where(p.parenttype == DOCTYPE)
		.where(d.docstatus == 0)
		.where(d.workflow_state == rules.DIKIRIM)
		.where(d.batas_waktu < now)
		.where(p.status != rules.SELESAI)
		.where(p.terlambat_diberitahukan == 0)
		.run(as_dict=True)
	)
	for row in late:
		make_notification_logs(
			{
				"type": "Alert",
				"document_type": DOCTYPE,
				"document_name": row.disposisi,
				"subject": _(
					"Disposisi {0} ({1}) melewati batas waktu ({2}) dan bagian Anda belum selesai."
				).format(
					row.disposisi,
					row.perihal,
					clock.format_office(row.batas_waktu),
				),
				"from_user": "Administrator",
			},
			[row.penerima],
		)
		frappe.db.set_value(RECIPIENTS, row.name, "terlambat_diberitahukan", 1, update_modified=False)
	stage = frappe.qb.DocType("Riwayat Tahap")
	(
		frappe.qb.update(stage)
		.set(stage.status, StageStatus.LATE.value)
		.where(stage.parenttype == DOCTYPE)
		.where(stage.keluar.isnull())
		.where(stage.batas_waktu < now)
		.where(stage.status != StageStatus.LATE.value)
		.run()
	)

"""Email intake: mail to the office's complaint and PPID addresses becomes a Pengaduan or a Permohonan
Informasi through Frappe's own Email Account ("Enable Incoming", Append To our DocType).

Frappe polls the mailbox, creates the case from the mail (`InboundMail._create_reference_document`, the
DocType's subject and sender fields) and threads the mail and every reply into the case's timeline as
a Communication. Our controllers add what Frappe does not know (kpu_dumas.core.email_intake decides):

- `take_in` (the case's `before_insert`): a message from a blocked sender, an automatic reply or a
  bounce is dropped whole (no case, no answer; the refusal and its reason kept as an Unhandled Email,
  where Frappe keeps mail it did not turn into documents); any other becomes a case in its first state, channel Email,
  the body as plain text, the sender's address kept, registration number and tracking code as from the
  portal. Each attachment passes the portal's content check: accepted ones are stored as private files
  of the case (a complaint's evidence), refused ones are never stored and are listed on the case.
- `on_communication` (the case's `on_communication_update`): a reply arriving on the thread has its
  attachments checked the same way; an automatic reply or a bounce on the thread is dropped.

Once Frappe has stored the mail, `answer_on_thread` sends the reporter's first email (kpu_dumas.notify /
notify_informasi) as an answer on the mail's thread, with the number and the tracking code. Frappe hands our controllers no mail, so the message
being processed is read from Frappe's own receive call (`current_mail`), on Frappe 15.55 and 15.89 alike.
"""

from __future__ import annotations

import functools
import inspect
import sys

import frappe
from frappe import _
from frappe.email.receive import InboundMail, SentEmailInInboxError

from kpu_dumas import notify, notify_informasi, pengaturan
from kpu_dumas.api.portal import Upload, _attach, _store_files, portal_limits
from kpu_dumas.core import email_intake as intake
from kpu_dumas.core import files as evidence
from kpu_dumas.notify import CAME_BY_EMAIL
from kpu_dumas.record import trusted

CHANNEL = "Email"
BLOCKLIST_FIELD = "email_diblokir"
REFUSED_FIELD = "lampiran_ditolak"
_MAX_FRAMES = 80


class NotACase(SentEmailInInboxError):
	"""A message that never becomes a case. Frappe's receive loop rolls back a message raising
	SentEmailInInboxError and goes on without an error (no traceback, no failed job), which is what a
	bounce, an automatic reply or a blocked sender deserves: no case, no answer, no loop."""


def current_mail() -> InboundMail | None:
	"""The InboundMail Frappe's Email Account is turning into a document, when the caller runs inside
	that (read only)."""
	frame = sys._getframe(1)
	for _depth in range(_MAX_FRAMES):
		if frame is None:
			return None
		candidate = frame.f_locals.get("self")
		if isinstance(candidate, InboundMail):
			return candidate
		frame = frame.f_back
	return None


def _appends_to(mail: InboundMail) -> str | None:
	account = mail.email_account
	return mail.append_to if account.use_imap else account.append_to


def _drop(mail: InboundMail, doctype: str, reason: str):
	"""Refuse the mail whole. Frappe rolls its transaction back; then the refusal is kept, with its
	reason, where Frappe keeps mail it did not turn into documents (Unhandled Email, for the admin)."""
	raw = mail.raw_message
	raw = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
	record = {
		"doctype": "Unhandled Email",
		"email_account": mail.email_account.name,
		"uid": mail.uid,
		"message_id": mail.message_id,
		"raw": raw,
		"reason": _("Tidak dijadikan {0}: {1}").format(_(doctype), reason),
	}

	def keep():  # runs after the rollback, last of its callbacks
		frappe.get_doc(record).insert(ignore_permissions=True)
		frappe.db.commit()

	frappe.db.after_rollback.add(keep)
	raise NotACase(reason)


def _refusal(mail: InboundMail) -> str | None:
	blocked = intake.blocklist(pengaturan.get(BLOCKLIST_FIELD))
	return intake.refusal(mail.mail, mail.from_email, blocked)


# --- a new case ----------------------------------------------------------------------------------


def take_in(doc, *, subject_field: str, body_field: str, evidence_table: str | None = None) -> bool:
	"""Fill a case Frappe is creating from a mail; drop the mail when it must not become a case.
	Returns whether `doc` comes from a mail. Call first in the case's before_insert."""
	mail = current_mail()
	if mail is None or _appends_to(mail) != doc.doctype:
		return False
	if reason := _refusal(mail):
		_drop(mail, doc.doctype, reason)
	trusted(doc)  # the mail's channel, sender and subject are the server's record
	doc.kanal = CHANNEL
	doc.set(subject_field, intake.subject_of(mail.subject))
	doc.set(body_field, intake.body_of(mail.text_content, mail.html_content))
	doc.flags[CAME_BY_EMAIL] = True  # its first email waits for the stored mail (answer_on_thread)
	mail.flags.kpu_new_case = True
	accepted, refused = _checked_attachments(mail.attachments)
	mail.attachments.clear()  # Frappe stores none of them on the Communication: ours are stored below
	doc.set(REFUSED_FIELD, intake.add_refused(doc.get(REFUSED_FIELD), refused) or None)
	files = _store_files(accepted, [])
	doc.flags.email_files = files
	if evidence_table:
		for file in files:
			doc.append(evidence_table, {"berkas": file.file_url, "keterangan": _("Lampiran email pelapor")})
	return True


def attach_files(doc):
	"""After insert: the accepted attachments become the case's private files."""
	files = doc.flags.pop("email_files", None)
	if files:
		_attach(files, doc)


def _checked_attachments(attachments) -> tuple[list[Upload], list[str]]:
	"""The attachments the portal would accept (renamed safely), and a line for each refused one."""
	max_mb, max_files = portal_limits()
	max_bytes = max_mb * 1024 * 1024
	accepted, refused = [], []
	for attachment in attachments:
		name, content = attachment.get("fname"), attachment.get("fcontent") or b""
		if isinstance(content, str):
			content = content.encode()
		if len(accepted) >= max_files:
			refused.append(
				intake.refused_entry(name, _("melebihi batas {0} berkas per email").format(max_files))
			)
		elif error := evidence.upload_error(name, content, max_bytes):
			refused.append(intake.refused_entry(name, error))
		else:
			accepted.append(Upload(evidence.safe_file_name(name, evidence.sniff_type(content)), content))
	return accepted, refused


def answer_on_thread(doc, mail: InboundMail, communication):
	"""The first email to the reporter or requester (number, tracking code, /lacak) as an answer to
	the mail: In-Reply-To, 'Re: <subject> (#number)', from the address it came to when that account
	sends."""
	reply = {
		"subject": intake.reply_subject(mail.subject, doc.name),
		"in_reply_to": _in_reply_to(mail, communication),
	}
	account = mail.email_account
	if account.enable_outgoing:
		reply["sender"] = account.email_id
	if doc.doctype == "Pengaduan":
		notify.registered_by_email(doc, reply)
	else:
		notify_informasi.received_by_email(doc, reply)


@functools.cache
def _queue_reads_communication() -> bool:
	"""Whether frappe.sendmail's in_reply_to names a Communication whose message_id the queue puts in
	the In-Reply-To header (frappe/frappe#32651, later v15 releases), or is that header itself
	(Frappe 15.55). Read from the installed Frappe, so both ends of v15 thread the answer."""
	from frappe.email.doctype.email_queue.email_queue import QueueBuilder

	return '"Communication"' in inspect.getsource(QueueBuilder.prepare_email_content)


def _in_reply_to(mail: InboundMail, communication) -> str:
	return communication.name if _queue_reads_communication() else mail.mail.get("Message-ID")


# --- a mail on an existing case's thread ---------------------------------------------------------


def on_communication(doc, communication):
	"""Frappe calls the case's on_communication_update for every Communication saved on it. A mail
	received on the thread of an existing case is checked like a new one (no automatic replies or
	bounces in the timeline) and its refused attachments are listed on the case, never stored."""
	if communication.sent_or_received != "Received" or not communication.flags.in_receive:
		return
	mail = current_mail()
	if mail is None or mail.flags.get("kpu_seen"):  # Frappe saves the Communication twice
		return
	mail.flags.kpu_seen = True
	if mail.flags.get("kpu_new_case"):  # checked by take_in; now the mail is stored, answer it
		answer_on_thread(doc, mail, communication)
		return
	reason = intake.refusal(mail.mail, mail.from_email, ())  # the block list stops new cases only
	if reason:
		_drop(mail, doc.doctype, reason)
	kept, refused = [], []
	max_bytes = portal_limits()[0] * 1024 * 1024
	for attachment in mail.attachments:
		content = attachment.get("fcontent") or b""
		if isinstance(content, str):
			content = content.encode()
		if error := evidence.upload_error(attachment.get("fname"), content, max_bytes):
			refused.append(intake.refused_entry(attachment.get("fname"), error))
		else:
			kept.append(attachment)
	mail.attachments[:] = kept  # Frappe stores the accepted ones, private, on the Communication
	if refused:
		doc.db_set(REFUSED_FIELD, intake.add_refused(doc.get(REFUSED_FIELD), refused))
		doc.add_comment(
			"Info",
			_("Lampiran email yang ditolak (tidak disimpan): {0}").format(
				frappe.utils.escape_html("; ".join(refused))
			),
		)

"""Mail to the office's complaint and PPID addresses: which messages become cases, and what they say.

Frappe-free. A message is never turned into a case when its sender is on the office's block list, when
it answers automatically (out-of-office, vacation, "balasan otomatis") or when it is a bounce (delivery
report, MAILER-DAEMON). Everything else becomes a case: the subject its subject, the body as plain text
(HTML turned into text, the quoted earlier mail and the signature cut off) its description.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from email.message import Message
from email.utils import parseaddr
from html.parser import HTMLParser

from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core.portal import one_line, plain_text

NO_SUBJECT = "(tanpa subjek)"
EMPTY_BODY = "(isi email kosong)"
MAX_SUBJECT = 140
MAX_BODY = 10000

# Why a message is not turned into a case (kept in the log; the sender gets no answer, so no loop).
BLOCKED = "pengirim ada dalam daftar blokir email"
AUTO_REPLY = "balasan otomatis"
BOUNCE = "laporan gagal kirim (bounce)"

# Frappe's InboundMail names a message without a Subject header "No Subject".
_BLANK_SUBJECTS = frozenset({"", "no subject"})

_AUTO_REPLY_SUBJECT = re.compile(
	r"^\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|away from (the )?office|"
	r"vacation|holiday|balasan otomatis|jawaban otomatis|balas(an)? otomatis|sedang cuti|"
	r"di luar kantor|abwesenheit|r[ée]ponse automatique|absence)\b",
	re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
	r"^\s*(undeliver(ed|able)|delivery (status notification|failure|has failed)|"
	r"mail delivery (failed|failure|system)|returned mail|failure notice|"
	r"non[- ]?delivery|pesan tidak terkirim|gagal terkirim)",
	re.IGNORECASE,
)
_BOUNCE_SENDERS = ("mailer-daemon", "postmaster", "mail-daemon", "mailerdaemon")
_AUTO_PRECEDENCE = frozenset({"bulk", "auto_reply", "junk", "list"})


# --- which messages never become cases ---------------------------------------------------------


def blocklist(text: str | None) -> list[str]:
	"""The block list from its setting: one address or domain per line (commas too); '#' starts a note.

	'spam@contoh.com' blocks that address, 'contoh.com' or '@contoh.com' every address at that domain
	(and its subdomains)."""
	entries = []
	for line in (text or "").replace(",", "\n").splitlines():
		entry = line.split("#", 1)[0].strip().lower()
		if entry:
			entries.append(entry)
	return entries


def is_blocked(sender: str | None, entries: Iterable[str]) -> bool:
	address = (sender or "").strip().lower()
	if "@" not in address:
		return False
	domain = address.rsplit("@", 1)[1]
	for entry in entries:
		if "@" in entry.lstrip("@"):
			if address == entry:
				return True
			continue
		blocked_domain = entry.lstrip("@").lstrip(".")
		if blocked_domain and (domain == blocked_domain or domain.endswith("." + blocked_domain)):
			return True
	return False


def _header(message: Message, name: str) -> str:
	return str(message.get(name) or "").strip()


def is_auto_reply(message: Message) -> bool:
	"""RFC 3834 Auto-Submitted, the vendors' X-Autoreply / X-Autorespond / X-Auto-Response-Suppress,
	Precedence bulk/auto_reply/junk/list, or a subject that says so."""
	auto_submitted = _header(message, "Auto-Submitted").lower()
	if auto_submitted and not auto_submitted.startswith("no"):
		return True
	if any(_header(message, h) for h in ("X-Autoreply", "X-Autorespond", "X-Autoresponder")):
		return True
	if _header(message, "X-Auto-Response-Suppress").lower() in ("all", "oof", "autoreply"):
		return True
	if _header(message, "Precedence").lower() in _AUTO_PRECEDENCE:
		return True
	return bool(_AUTO_REPLY_SUBJECT.match(_header(message, "Subject")))


def is_bounce(message: Message, sender: str | None = None) -> bool:
	"""A delivery report: empty Return-Path, a mailer-daemon/postmaster sender, a multipart/report of
	delivery status, or a bounce subject."""
	if _header(message, "Return-Path") in ("<>", "< >"):
		return True
	address = (sender or parseaddr(_header(message, "From"))[1] or "").lower()
	if address.split("@", 1)[0] in _BOUNCE_SENDERS:
		return True
	if message.get_content_type() == "multipart/report":
		report_type = str(message.get_param("report-type") or "").lower()
		if report_type in ("delivery-status", "disposition-notification", ""):
			return True
	if any(part.get_content_type() == "message/delivery-status" for part in message.walk()):
		return True
	return bool(_BOUNCE_SUBJECT.match(_header(message, "Subject")))


def refusal(message: Message, sender: str | None, blocked: Iterable[str]) -> str | None:
	"""Why this message must not become a case, or None when it becomes one."""
	if is_blocked(sender, blocked):
		return BLOCKED
	if is_bounce(message, sender):
		return BOUNCE
	if is_auto_reply(message):
		return AUTO_REPLY
	return None


# --- what the case says --------------------------------------------------------------------------


def subject_of(subject: str | None) -> str:
	"""The case's subject: one line, at most 140 characters, '(tanpa subjek)' when there is none."""
	text = one_line(subject or "")
	if text.lower() in _BLANK_SUBJECTS:
		return NO_SUBJECT
	return text[:MAX_SUBJECT].rstrip() or NO_SUBJECT


class _TextOfHtml(HTMLParser):
	_BLOCKS = frozenset(
		{"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
	)
	_SKIP = frozenset({"script", "style", "head", "title"})

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.parts: list[str] = []
		self._skipping = 0
		self._quote_depth = 0

	def handle_starttag(self, tag, attrs):
		if tag in self._SKIP:
			self._skipping += 1
		elif tag == "blockquote":
			self._quote_depth += 1
			self.parts.append("\n")
		elif tag in self._BLOCKS:
			self.parts.append("\n")
		elif tag == "td":
			self.parts.append(" ")

	def handle_endtag(self, tag):
		if tag in self._SKIP:
			self._skipping = max(0, self._skipping - 1)
		elif tag == "blockquote":
			self._quote_depth = max(0, self._quote_depth - 1)
			self.parts.append("\n")
		elif tag in self._BLOCKS:
			self.parts.append("\n")

	def handle_data(self, data):
		if self._skipping:
			return
		if self._quote_depth:  # the quoted earlier mail, marked as such for the trimming below
			lines = data.split("\n")
			data = "\n".join("> " + line if line.strip() else line for line in lines)
		self.parts.append(data)


def html_to_text(html: str | None) -> str:
	"""The readable text of an HTML mail body: paragraphs and line breaks kept, markup, styles and
	scripts dropped, quoted (blockquote) parts marked with '>'."""
	parser = _TextOfHtml()
	parser.feed(html or "")
	parser.close()
	text = "".join(parser.parts).replace("\xa0", " ")
	text = re.sub(r"[ \t]+", " ", text)
	return re.sub(r" *\n *", "\n", text)


# Where the quoted earlier mail starts (the sender's client wrote it under or above the new text).
_QUOTE_HEADERS = (
	re.compile(r"^\s*On .{1,200}wrote:\s*$", re.IGNORECASE),
	re.compile(r"^\s*Pada .{1,200}menulis:\s*$", re.IGNORECASE),
	re.compile(r"^\s*Am .{1,200}schrieb .{0,200}:\s*$", re.IGNORECASE),
	re.compile(
		r"^\s*-{2,}\s*(Original Message|Pesan Asli|Forwarded message|Pesan yang diteruskan)\s*-{2,}", re.I
	),
	re.compile(r"^\s*_{10,}\s*$"),
	re.compile(r"^\s*(From|Dari):\s.+$", re.IGNORECASE),
)
_SIGNATURE = re.compile(r"^-- ?$")
_MOBILE_SIGNATURES = re.compile(
	r"^\s*(Sent from my \w+|Dikirim dari \w+|Get Outlook for \w+|Kirim dari \w+)", re.IGNORECASE
)


def trim_reply(text: str) -> str:
	"""The new text of a mail: cut at the quoted earlier mail ('On … wrote:', '> ' lines, 'From:'
	blocks) and at the signature ('-- '). A mail that is only a quote keeps its text."""
	kept: list[str] = []
	for line in text.split("\n"):
		if _SIGNATURE.match(line) or _MOBILE_SIGNATURES.match(line):
			break
		has_text = any(k.strip() for k in kept)
		if has_text and (line.lstrip().startswith(">") or any(p.match(line) for p in _QUOTE_HEADERS)):
			break
		kept.append(line)
	result = "\n".join(kept).strip()
	return result or text.strip()


def body_of(text: str | None, html: str | None, max_length: int = MAX_BODY) -> str:
	"""The case's description from the mail body: the plain-text part when there is one, else the
	HTML part as text; the quoted earlier mail and the signature cut off; '(isi email kosong)'."""
	source = text if (text or "").strip() else html_to_text(html)
	body = plain_text(trim_reply(plain_text(source)), max_length)
	return body or EMPTY_BODY


# --- the reply and the refused files -------------------------------------------------------------


def reply_subject(subject: str | None, number: str) -> str:
	"""'Re: <subject> (#DUMAS-2026-00012)': the number lets a reply that lost its thread find the case."""
	base = subject_of(subject)
	if not re.match(r"^\s*re\s*:", base, re.IGNORECASE):
		base = f"Re: {base}"
	return f"{base} (#{number})"


def refused_entry(file_name: str | None, reason: str) -> str:
	"""One line of the case's 'Lampiran ditolak': the file name, then why."""
	name = one_line(file_name or "") or "tanpa nama"
	return f"{name}: {one_line(reason)}"


def add_refused(existing: str | None, entries: Iterable[str]) -> str:
	lines = [line for line in (existing or "").splitlines() if line.strip()]
	lines += [entry for entry in entries if entry not in lines]
	return "\n".join(lines)


# Past registration, a complaint cannot go on without the reporter's identity; before it (checking,
# asking for it, refusing, cancelling, merging), a complaint that came by email may wait for it.
IDENTITY_NEEDED_IN = frozenset(
	{rules.TERDAFTAR, rules.DITELAAH, rules.REKOMENDASI, rules.DITANGGAPI, rules.SELESAI}
)


def identity_may_wait(sender: str | None, state: str | None) -> bool:
	"""Whether a complaint that came by email (it has the sender's address) may still lack an identity."""
	return bool((sender or "").strip()) and state not in IDENTITY_NEEDED_IN

"""Which mails become cases, and what a case from a mail says (kpu_dumas.core.email_intake)."""

from __future__ import annotations

from email import message_from_bytes, message_from_string
from email.message import EmailMessage

import pytest

from kpu_dumas.core import email_intake as intake


def message(subject="Pengaduan", sender="warga@contoh.id", body="Isi.", **headers) -> EmailMessage:
	m = EmailMessage()
	m["From"] = sender
	m["To"] = "pengaduan@kpu.go.id"
	if subject is not None:
		m["Subject"] = subject
	for name, value in headers.items():
		m[name.replace("_", "-")] = value
	m.set_content(body)
	return m


# --- block list ----------------------------------------------------------------------------------


def test_blocklist_reads_lines_commas_and_notes():
	text = "spam@contoh.com\n# promosi\n  Iklan.Test , @promo.id\n\n"
	assert intake.blocklist(text) == ["spam@contoh.com", "iklan.test", "@promo.id"]
	assert intake.blocklist(None) == []


@pytest.mark.parametrize(
	"sender, blocked",
	[
		("spam@contoh.com", True),
		("SPAM@Contoh.com", True),
		("warga@contoh.com", False),
		("siapa@iklan.test", True),
		("siapa@mail.iklan.test", True),  # subdomain of a blocked domain
		("siapa@bukaniklan.test", False),  # not a subdomain
		("a@promo.id", True),
		("", False),
		(None, False),
	],
)
def test_is_blocked(sender, blocked):
	entries = intake.blocklist("spam@contoh.com\niklan.test\n@promo.id")
	assert intake.is_blocked(sender, entries) is blocked


# --- automatic replies and bounces --------------------------------------------------------------


@pytest.mark.parametrize(
	"headers",
	[
		{"Auto_Submitted": "auto-replied"},
		{"Auto_Submitted": "auto-generated"},
		{"X_Autoreply": "yes"},
		{"X_Autorespond": "Out of office"},
		{"Precedence": "bulk"},
		{"Precedence": "auto_reply"},
		{"Precedence": "junk"},
		{"X_Auto_Response_Suppress": "All"},
	],
)
def test_auto_reply_headers(headers):
	assert intake.is_auto_reply(message(**headers))
	assert intake.refusal(message(**headers), "warga@contoh.id", []) == intake.AUTO_REPLY


@pytest.mark.parametrize(
	"subject",
	["Out of Office: Pengaduan", "Automatic reply: Laporan", "Balasan otomatis", "Auto-Reply", "Sedang cuti"],
)
def test_auto_reply_subjects(subject):
	assert intake.is_auto_reply(message(subject=subject))


def test_a_person_writing_is_no_auto_reply():
	assert not intake.is_auto_reply(message(Auto_Submitted="no"))
	assert not intake.is_auto_reply(message(subject="Re: Pengaduan saya soal TPS 4"))
	assert not intake.is_auto_reply(message(subject="Laporan kecurangan saat cuti bersama"))
	assert intake.refusal(message(), "warga@contoh.id", []) is None


def test_bounces():
	assert intake.is_bounce(message(Return_Path="<>"))
	assert intake.is_bounce(message(sender="MAILER-DAEMON@mx.contoh.id"), "mailer-daemon@mx.contoh.id")
	assert intake.is_bounce(message(sender="postmaster@contoh.id"))
	assert intake.is_bounce(message(subject="Undelivered Mail Returned to Sender"))
	assert intake.is_bounce(message(subject="Delivery Status Notification (Failure)"))
	report = message_from_string(
		'From: x@contoh.id\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
		"--b\nContent-Type: text/plain\n\ngagal\n--b\nContent-Type: message/delivery-status\n\n"
		"Reporting-MTA: dns; mx\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n--b--\n"
	)
	assert intake.is_bounce(report)
	assert intake.refusal(report, "x@contoh.id", []) == intake.BOUNCE
	assert not intake.is_bounce(message(subject="Pengaduan pengiriman logistik pemilu"))


def test_refusal_order_blocked_first():
	m = message(Auto_Submitted="auto-replied")
	assert intake.refusal(m, "spam@contoh.com", ["contoh.com"]) == intake.BLOCKED


# --- subject and body ----------------------------------------------------------------------------


def test_subject():
	assert intake.subject_of("  Petugas   meminta\n uang ") == "Petugas meminta uang"
	assert intake.subject_of("") == intake.NO_SUBJECT
	assert intake.subject_of(None) == intake.NO_SUBJECT
	assert intake.subject_of("No Subject") == intake.NO_SUBJECT  # Frappe's name for a missing one
	assert len(intake.subject_of("x" * 300)) == 140


def test_html_to_text_keeps_paragraphs_drops_markup():
	html = (
		"<html><head><style>p{color:red}</style><title>t</title></head><body>"
		"<p>Halo&nbsp;petugas,</p><p>Di TPS <b>4</b> ada masalah &amp; 2 &lt; 3.<br>Baris dua</p>"
		"<script>alert(1)</script><ul><li>satu</li><li>dua</li></ul></body></html>"
	)
	text = intake.html_to_text(html)
	assert "alert" not in text and "color" not in text
	assert (
		intake.body_of(None, html)
		== "Halo petugas,\n\nDi TPS 4 ada masalah & 2 < 3.\nBaris dua\n\nsatu\n\ndua"
	)


def test_body_prefers_plain_text_and_trims_quote_and_signature():
	text = (
		"Saya lampirkan foto.\n\nSalam,\nBudi\n-- \nBudi Santoso\n0812\n\n"
		"On Tue, 1 Dec 2026, KPU wrote:\n> Pengaduan Anda diterima"
	)
	assert intake.body_of(text, "<p>lain</p>") == "Saya lampirkan foto.\n\nSalam,\nBudi"


@pytest.mark.parametrize(
	"text",
	[
		"Baru.\n\nPada Sel, 1 Des 2026 pukul 10.00 KPU <a@b> menulis:\n> lama",
		"Baru.\n> lama\n> lama",
		"Baru.\n\n-----Original Message-----\nFrom: KPU\nlama",
		"Baru.\n\nFrom: KPU <a@b>\nSent: Tuesday\nlama",
		"Baru.\n\nSent from my iPhone",
		"Baru.\n\nDikirim dari Yahoo Mail di Android",
	],
)
def test_trim_reply_cuts_at_the_quoted_mail(text):
	assert intake.body_of(text, None) == "Baru."


def test_blockquote_in_html_is_trimmed():
	html = "<p>Tambahan bukti.</p><blockquote><p>Pengaduan Anda diterima</p></blockquote>"
	assert intake.body_of(None, html) == "Tambahan bukti."


def test_only_a_quote_keeps_its_text():
	assert intake.body_of("> hanya kutipan", None) == "> hanya kutipan"


def test_empty_body():
	assert intake.body_of("", "") == intake.EMPTY_BODY
	assert intake.body_of("  \n ", None) == intake.EMPTY_BODY


def test_body_is_plain_text_and_bounded():
	assert intake.body_of("<b>tebal</b> biasa", None) == "tebal biasa"
	assert len(intake.body_of("a" * 20000, None)) == intake.MAX_BODY


def test_body_of_a_real_multipart_mail():
	m = message(body="Teks biasa.")
	m.add_alternative("<p>Teks <i>html</i>.</p>", subtype="html")
	parsed = message_from_bytes(m.as_bytes())
	plain = next(p for p in parsed.walk() if p.get_content_type() == "text/plain").get_payload(decode=True)
	assert intake.body_of(plain.decode(), None) == "Teks biasa."


# --- reply and refused files ---------------------------------------------------------------------


def test_reply_subject_carries_the_number():
	assert (
		intake.reply_subject("Surat suara rusak", "DUMAS-2026-00012")
		== "Re: Surat suara rusak (#DUMAS-2026-00012)"
	)
	assert intake.reply_subject("RE: Surat", "PPID-2026-00001") == "RE: Surat (#PPID-2026-00001)"
	assert intake.reply_subject(None, "DUMAS-2026-00001") == "Re: (tanpa subjek) (#DUMAS-2026-00001)"


def test_refused_files_listed_once():
	first = intake.refused_entry("surat.pdf", "Berkas 'surat.pdf' bernama .pdf\ntetapi isinya bukan PDF.")
	assert first == "surat.pdf: Berkas 'surat.pdf' bernama .pdf tetapi isinya bukan PDF."
	listed = intake.add_refused(None, [first])
	assert intake.add_refused(listed, [first, intake.refused_entry(None, "kosong")]) == (
		first + "\ntanpa nama: kosong"
	)


# --- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
	"sender, state, may_wait",
	[
		("warga@contoh.id", None, True),
		("warga@contoh.id", "Diterima", True),
		("warga@contoh.id", "Perlu Dilengkapi", True),
		("warga@contoh.id", "Tidak Ditindaklanjuti", True),
		("warga@contoh.id", "Dibatalkan", True),
		("warga@contoh.id", "Terdaftar", False),
		("warga@contoh.id", "Ditelaah", False),
		("warga@contoh.id", "Selesai", False),
		(None, "Diterima", False),  # not from email: the identity rule applies as before
		("  ", "Diterima", False),
	],
)
def test_identity_may_wait(sender, state, may_wait):
	assert intake.identity_may_wait(sender, state) is may_wait

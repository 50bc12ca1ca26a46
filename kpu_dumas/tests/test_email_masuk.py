"""Email intake through a real IMAP server (tier 2): Frappe's own Email Account polls a dovecot mailbox.

`.ci/imap.sh start` runs the server (127.0.0.1:10143, users 'pengaduan' and 'ppid'). The test delivers
real RFC 822 messages into the mailboxes with IMAP APPEND and lets Frappe's Email Account pull them
(`pull_from_email_account`, as the scheduler does), then asserts on the records Frappe and our
controllers made. Without the server every test is skipped, with the reason printed.

Settings: KPU_IMAP_HOST, KPU_IMAP_PORT, KPU_IMAP_PASSWORD (defaults 127.0.0.1, 10143, kpu-test).
"""

from __future__ import annotations

import email
import imaplib
import os
import sys
import time
import unittest
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

import frappe
from frappe.desk.form.load import getdoc
from frappe.email.doctype.email_account.email_account import pull_from_email_account
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from kpu_dumas.api.portal import case_for_public
from kpu_dumas.core import email_intake as intake
from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import as_user, make_all_users

HOST = os.environ.get("KPU_IMAP_HOST", "127.0.0.1")
PORT = int(os.environ.get("KPU_IMAP_PORT", "10143"))
PASSWORD = os.environ.get("KPU_IMAP_PASSWORD", "kpu-test")

SENDER_DOMAIN = "warga-email.test"
ACCOUNTS = {
	# account name -> (mailbox user, the account's own address, Append To)
	"Uji Email Pengaduan": ("pengaduan", "dumas.pengaduan.uji@kpu-dumas.test", "Pengaduan"),
	"Uji Email PPID": ("ppid", "dumas.ppid.uji@kpu-dumas.test", "Permohonan Informasi"),
}
COMPLAINTS = "Uji Email Pengaduan"
REQUESTS = "Uji Email PPID"


def imap_problem() -> str | None:
	"""Why the test IMAP server cannot be used, or None."""
	try:
		for user, _address, _doctype in ACCOUNTS.values():
			server = imaplib.IMAP4(HOST, PORT, timeout=5)
			server.login(user, PASSWORD)
			server.logout()
	except Exception as error:
		return f"{type(error).__name__}: {error}"
	return None


def deliver(user: str, message: EmailMessage | bytes):
	"""Put a real RFC 822 message into the user's INBOX, unseen, as a mail server's delivery would."""
	raw = message if isinstance(message, bytes) else message.as_bytes()
	server = imaplib.IMAP4(HOST, PORT, timeout=10)
	server.login(user, PASSWORD)
	status, _ = server.append("INBOX", None, imaplib.Time2Internaldate(time.time()), raw)
	server.logout()
	assert status == "OK", status


def empty_mailbox(user: str):
	server = imaplib.IMAP4(HOST, PORT, timeout=10)
	server.login(user, PASSWORD)
	server.select("INBOX")
	server.store("1:*", "+FLAGS", "\\Deleted") if server.search(None, "ALL")[1][0] else None
	server.expunge()
	server.logout()


def mail(sender: str, to: str, subject: str | None, text: str, html: str | None = None, **headers):
	message = EmailMessage()
	message["From"] = sender
	message["To"] = to
	if subject is not None:
		message["Subject"] = subject
	message["Date"] = format_datetime(now_datetime().astimezone())
	message["Message-ID"] = make_msgid(domain=SENDER_DOMAIN)
	for name, value in headers.items():
		message[name.replace("_", "-")] = value
	message.set_content(text)
	if html:
		message.add_alternative(html, subtype="html")
	return message


def queued_text(queue) -> str:
	"""Subject and every decoded text part of a queued MIME message."""
	message = email.message_from_string(queue.message, policy=policy.default)
	parts = [str(message["Subject"] or "")]
	for part in message.walk():
		if part.get_content_maintype() == "text":
			parts.append(part.get_content())
	return "\n".join(parts)


def queued_header(queue, name: str) -> str:
	return str(email.message_from_string(queue.message, policy=policy.default)[name] or "")


class TestEmailMasuk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		problem = imap_problem()
		if problem:
			reason = (
				f"EMAIL INTAKE NOT TESTED: no test IMAP server at {HOST}:{PORT} ({problem}). "
				"Start it with `.ci/imap.sh start`."
			)
			print(f"\n*** {reason}\n", file=sys.stderr)
			raise unittest.SkipTest(reason)
		super().setUpClass()
		cls.users = make_all_users()
		frappe.db.commit()
		cls.blocklist = frappe.db.get_single_value("Pengaturan Kantor", "email_diblokir")
		frappe.db.set_single_value("Pengaturan Kantor", "email_diblokir", "# uji\nspammer-uji.test\n")
		for name, (user, address, doctype) in ACCOUNTS.items():
			empty_mailbox(user)
			frappe.db.delete("Unhandled Email", {"email_account": name})
			if frappe.db.exists("Email Account", name):
				frappe.delete_doc("Email Account", name, force=True, ignore_permissions=True)
			frappe.get_doc(
				{
					"doctype": "Email Account",
					"email_account_name": name,
					"email_id": address,
					"login_id_is_different": 1,
					"login_id": user,
					"password": PASSWORD,
					"enable_incoming": 1,
					"use_imap": 1,
					"email_server": HOST,
					"incoming_port": PORT,
					"use_ssl": 0,
					"use_starttls": 0,
					"email_sync_option": "UNSEEN",
					# The complaint account as the README sets it up (Append To chosen before Use IMAP, so
					# Frappe also threads by subject); the PPID account as the form leaves it (folder only).
					"append_to": doctype if name == COMPLAINTS else None,
					"imap_folder": [{"folder_name": "INBOX", "append_to": doctype}],
					"enable_auto_reply": 0,
					"create_contact": 0,
					"enable_outgoing": 1,
					"smtp_server": "smtp.kpu-dumas.invalid",
					"no_smtp_authentication": 1,
				}
			).insert(ignore_permissions=True)
		frappe.db.commit()
		frappe.local.outgoing_email_account = {}
		for name in ACCOUNTS:
			pull_from_email_account(name)  # first sync: the (empty) mailbox's UIDVALIDITY is recorded

	@classmethod
	def tearDownClass(cls):
		if not hasattr(cls, "blocklist"):
			return
		for attempt in range(3):  # other test modules may hold locks on the same site
			try:
				cls.clean_up()
				break
			except frappe.QueryDeadlockError:
				frappe.db.rollback()
				if attempt == 2:
					raise
				time.sleep(2)
		for user, _address, _doctype in ACCOUNTS.values():
			empty_mailbox(user)
		super().tearDownClass()

	@classmethod
	def clean_up(cls):
		frappe.db.rollback()
		frappe.db.set_single_value("Pengaturan Kantor", "email_diblokir", cls.blocklist)
		for doctype, field in (("Pengaduan", "email_pengirim"), ("Permohonan Informasi", "email")):
			for name in frappe.get_all(
				doctype, filters={field: ("like", f"%@{SENDER_DOMAIN}")}, pluck="name"
			):
				cls.remove_case(doctype, name)
		for name in ACCOUNTS:
			frappe.db.delete("Communication", {"email_account": name})
			frappe.db.delete("Unhandled Email", {"email_account": name})
			if frappe.db.exists("Email Account", name):
				frappe.delete_doc("Email Account", name, force=True, ignore_permissions=True)
		frappe.db.commit()

	@staticmethod
	def remove_case(doctype: str, name: str):
		for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
			frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		communications = frappe.get_all(
			"Communication", filters={"reference_doctype": doctype, "reference_name": name}, pluck="name"
		)
		for communication in communications:
			for file in frappe.get_all(
				"File", filters={"attached_to_doctype": "Communication", "attached_to_name": communication}
			):
				frappe.delete_doc("File", file.name, force=True, ignore_permissions=True)
			frappe.db.delete("Communication Link", {"parent": communication})
			frappe.db.delete("Communication", {"name": communication})
		for child in ("Riwayat Tahap", "Bukti Pengaduan"):
			frappe.db.delete(child, {"parent": name})
		for queue in frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="name"):
			frappe.db.delete("Email Queue Recipient", {"parent": queue})
		for table in ("ToDo", "Comment", "Email Queue", "Error Log"):
			frappe.db.delete(table, {"reference_name": name})
		frappe.db.delete(doctype, {"name": name})
		frappe.db.delete("__Auth", {"doctype": doctype, "name": name})

	def tearDown(self):
		frappe.db.rollback()

	# --- helpers ---------------------------------------------------------------------------------

	def pull(self, account: str = COMPLAINTS):
		frappe.local.outgoing_email_account = {}
		pull_from_email_account(account)

	def cases(self, doctype: str = "Pengaduan", sender: str | None = None) -> list[str]:
		field = "email_pengirim" if doctype == "Pengaduan" else "email"
		value = sender or ("like", f"%@{SENDER_DOMAIN}")
		return frappe.get_all(doctype, filters={field: value}, pluck="name", order_by="creation")

	def sender(self, local: str) -> str:
		return f"{local}.{frappe.generate_hash(length=6)}@{SENDER_DOMAIN}"

	def unhandled(self) -> int:
		"""Mails Frappe did not turn into documents (it keeps them as Unhandled Email)."""
		return frappe.db.count("Unhandled Email", {"email_account": ("in", list(ACCOUNTS))})

	def assert_refused(self, message_id: str, reason: str):
		"""No Communication for the mail; its refusal kept once, with the reason."""
		message_id = message_id.strip("<>")
		self.assertFalse(frappe.db.exists("Communication", {"message_id": message_id}))
		reasons = frappe.get_all("Unhandled Email", filters={"message_id": message_id}, pluck="reason")
		self.assertEqual(len(reasons), 1, reasons)
		self.assertIn(reason, reasons[0])

	# --- the tests -------------------------------------------------------------------------------

	def test_complaint_with_pdf_and_fake_pdf_then_reply_threads(self):
		sender = self.sender("warga")
		to = ACCOUNTS[COMPLAINTS][1]
		subject = "Petugas PPS meminta imbalan untuk surat pindah memilih"
		message = mail(
			f"Warga Uji <{sender}>",
			to,
			subject,
			"Pada 3 Desember petugas PPS di Desa Marisa meminta uang Rp50.000.\n\n-- \nWarga Uji\n0812-0000",
			html=(
				"<html><head><style>p {color: red}</style></head><body>"
				"<p>Pada 3 Desember petugas <b>PPS</b> di Desa Marisa meminta uang Rp50.000.</p>"
				"<script>alert(1)</script></body></html>"
			),
		)
		pdf = samples.pdf("Kuitansi")
		message.add_attachment(pdf, maintype="application", subtype="pdf", filename="kuitansi.pdf")
		message.add_attachment(
			samples.HTML_AS_PDF, maintype="application", subtype="pdf", filename="surat-palsu.pdf"
		)
		deliver("pengaduan", message)
		self.pull()

		names = self.cases(sender=sender)
		self.assertEqual(len(names), 1, "one mail, one case")
		doc = frappe.get_doc("Pengaduan", names[0])
		self.assertEqual(doc.workflow_state, "Diterima")
		self.assertEqual(doc.kanal, "Email")
		self.assertEqual(doc.perihal, subject)
		self.assertEqual(doc.email_pengirim, sender)
		self.assertFalse(doc.identitas_pelapor)
		self.assertEqual(
			doc.uraian, "Pada 3 Desember petugas PPS di Desa Marisa meminta uang Rp50.000."
		)  # the plain part, signature cut
		self.assertTrue(doc.name.startswith("DUMAS-"))
		code = doc.get_password("kode_lacak")
		self.assertTrue(code)
		self.assertEqual([r.tahap for r in doc.riwayat_tahap], ["Diterima"])

		# one private evidence file, the PDF; the HTML named .pdf is listed, never stored
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Pengaduan", "attached_to_name": doc.name},
			fields=["name", "file_name", "file_url", "is_private"],
		)
		self.assertEqual(len(files), 1, files)
		self.assertRegex(files[0].file_name, r"^kuitansi\w*\.pdf$")  # Frappe may suffix a name in use
		self.assertTrue(files[0].is_private)
		self.assertEqual([r.berkas for r in doc.bukti], [files[0].file_url])
		self.assertEqual(frappe.get_doc("File", files[0].name).get_content(), pdf)
		self.assertIn("surat-palsu.pdf", doc.lampiran_ditolak)
		self.assertIn("bukan PDF", doc.lampiran_ditolak)
		self.assertFalse(frappe.db.exists("File", {"file_name": ("like", "surat-palsu%")}))
		self.assertFalse(
			frappe.db.exists("Unhandled Email", {"message_id": message["Message-ID"].strip("<>")})
		)

		# the mail is the first entry of the case's timeline
		received = frappe.get_all(
			"Communication",
			filters={
				"reference_doctype": "Pengaduan",
				"reference_name": doc.name,
				"sent_or_received": "Received",
			},
			pluck="name",
		)
		self.assertEqual(len(received), 1)

		# the automatic reply: queued to the sender, on the mail's thread, number + code + /lacak
		queues = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Pengaduan", "reference_name": doc.name},
			fields=["name", "message", "message_id"],
		)
		self.assertEqual(len(queues), 1)
		ack = queues[0]
		self.assertEqual(
			frappe.get_all("Email Queue Recipient", filters={"parent": ack.name}, pluck="recipient"), [sender]
		)
		text = queued_text(ack)
		self.assertIn(doc.name, text)
		self.assertIn(code, text)
		self.assertIn("/lacak", text)
		self.assertIn(f"(#{doc.name})", queued_header(ack, "Subject"))
		self.assertIn(message["Message-ID"].strip("<>"), queued_header(ack, "In-Reply-To"))
		self.assertIn(to, queued_header(ack, "From"), "answered from the complaint address")

		# the sender answers our reply: it lands on the same case, no new case
		answer = mail(
			f"Warga Uji <{sender}>",
			to,
			f"Re: {queued_header(ack, 'Subject')}",
			"Saya lampirkan foto tambahan.\n\nOn Tue, KPU wrote:\n> Pengaduan Anda telah diterima",
			In_Reply_To=ack.message_id if ack.message_id.startswith("<") else f"<{ack.message_id}>",
		)
		answer.add_attachment(samples.PNG, maintype="image", subtype="png", filename="foto.png")
		answer.add_attachment(samples.HTML_AS_PDF, maintype="application", subtype="pdf", filename="lagi.pdf")
		deliver("pengaduan", answer)
		self.pull()

		self.assertEqual(self.cases(sender=sender), names, "a reply never opens a new case")
		thread = frappe.get_all(
			"Communication",
			filters={
				"reference_doctype": "Pengaduan",
				"reference_name": doc.name,
				"sent_or_received": "Received",
			},
			fields=["name", "message_id"],
			order_by="creation",
		)
		self.assertEqual(len(thread), 2)
		self.assertEqual(thread[1].message_id, answer["Message-ID"].strip("<>"))
		reply_files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Communication", "attached_to_name": thread[1].name},
			fields=["file_name", "is_private"],
		)
		self.assertEqual(len(reply_files), 1, reply_files)
		self.assertRegex(reply_files[0].file_name, r"^foto\w*\.png$")
		self.assertTrue(reply_files[0].is_private)
		self.assertFalse(frappe.db.exists("File", {"file_name": ("like", "lagi%")}))
		self.assertIn("lagi.pdf", frappe.db.get_value("Pengaduan", doc.name, "lampiran_ditolak"))

		# a reply that lost its headers still finds the case by the number in its subject
		lost = mail(sender, to, f"Re: pengaduan saya (#{doc.name})", "Apakah sudah ditindaklanjuti?")
		deliver("pengaduan", lost)
		self.pull()
		self.assertEqual(self.cases(sender=sender), names)
		self.assertEqual(
			frappe.db.count(
				"Communication",
				{
					"reference_doctype": "Pengaduan",
					"reference_name": doc.name,
					"sent_or_received": "Received",
				},
			),
			3,
		)

		# the Desk: the Petugas opens the complaint and its timeline holds the whole thread
		with as_user(self.users["petugas"]):
			frappe.response.docs = []
			getdoc("Pengaduan", doc.name)
			thread_in_desk = frappe.response.docinfo.communications
		stored = {
			frappe.db.get_value("Communication", {"message_id": m["Message-ID"].strip("<>")}, "name")
			for m in (message, answer, lost)
		}
		self.assertEqual({c.name for c in thread_in_desk}, stored)
		self.assertEqual({c.sender for c in thread_in_desk}, {sender})
		self.assertIn("Saya lampirkan foto tambahan.", "".join(c.content for c in thread_in_desk))

	def test_sender_address_is_for_identity_readers_only(self):
		sender = self.sender("rahasia")
		deliver(
			"pengaduan", mail(sender, ACCOUNTS[COMPLAINTS][1], "Surat suara rusak di TPS 4", "Isi aduan.")
		)
		self.pull()
		(name,) = self.cases(sender=sender)

		with as_user(self.users["petugas"]):
			doc = frappe.get_doc("Pengaduan", name)
			doc.apply_fieldlevel_read_permissions()
			self.assertEqual(doc.get("email_pengirim"), sender)
		for reader in ("tim", "kasubag", "pimpinan"):
			with as_user(self.users[reader]):
				doc = frappe.get_doc("Pengaduan", name)
				doc.apply_fieldlevel_read_permissions()
				self.assertFalse(doc.get("email_pengirim"), reader)
		public = case_for_public(name)
		self.assertNotIn(sender, frappe.as_json(public))

	def test_message_without_subject_or_text(self):
		sender = self.sender("kosong")
		message = mail(sender, ACCOUNTS[COMPLAINTS][1], None, "")
		deliver("pengaduan", message)
		self.pull()
		(name,) = self.cases(sender=sender)
		doc = frappe.get_doc("Pengaduan", name)
		self.assertEqual(doc.perihal, intake.NO_SUBJECT)
		self.assertEqual(doc.uraian, intake.EMPTY_BODY)

	def test_auto_reply_creates_nothing(self):
		sender = self.sender("cuti")
		message = mail(
			sender,
			ACCOUNTS[COMPLAINTS][1],
			"Out of Office: Pengaduan",
			"Saya sedang cuti sampai 10 Desember.",
			Auto_Submitted="auto-replied",
		)
		deliver("pengaduan", message)
		other = self.sender("otomatis")
		subject_only = mail(other, ACCOUNTS[COMPLAINTS][1], "Balasan otomatis", "Terima kasih.")
		deliver("pengaduan", subject_only)
		self.pull()
		self.assertEqual(self.cases(sender=sender) + self.cases(sender=other), [])
		self.assert_refused(message["Message-ID"], "Tidak dijadikan Pengaduan: balasan otomatis")
		self.assert_refused(subject_only["Message-ID"], "balasan otomatis")

	def test_bounce_creates_nothing(self):
		message_id = make_msgid(domain=SENDER_DOMAIN)
		report = (
			"Return-Path: <>\r\n"
			f"From: Mail Delivery System <MAILER-DAEMON@{SENDER_DOMAIN}>\r\n"
			f"To: {ACCOUNTS[COMPLAINTS][1]}\r\n"
			"Subject: Undelivered Mail Returned to Sender\r\n"
			f"Message-ID: {message_id}\r\n"
			"MIME-Version: 1.0\r\n"
			'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n'
			"\r\n"
			"--b1\r\n"
			"Content-Type: text/plain; charset=utf-8\r\n\r\n"
			"This is the mail system. Your message could not be delivered.\r\n"
			"--b1\r\n"
			"Content-Type: message/delivery-status\r\n\r\n"
			f"Reporting-MTA: dns; mx.{SENDER_DOMAIN}\r\n\r\n"
			f"Final-Recipient: rfc822; x@{SENDER_DOMAIN}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
			"--b1--\r\n"
		).encode()
		deliver("pengaduan", report)
		self.pull()
		self.assertEqual(self.cases(sender=f"mailer-daemon@{SENDER_DOMAIN}"), [])
		self.assert_refused(message_id, "laporan gagal kirim (bounce)")

	def test_blocked_sender_creates_nothing(self):
		sender = f"promo.{frappe.generate_hash(length=6)}@spammer-uji.test"
		message = mail(sender, ACCOUNTS[COMPLAINTS][1], "Penawaran", "Beli sekarang.")
		deliver("pengaduan", message)
		self.pull()
		self.assertFalse(frappe.get_all("Pengaduan", filters={"email_pengirim": sender}))
		self.assert_refused(message["Message-ID"], "pengirim ada dalam daftar blokir email")

	def test_information_request_by_email(self):
		sender = self.sender("pemohon")
		to = ACCOUNTS[REQUESTS][1]
		message = mail(
			f"Siti Pemohon <{sender}>",
			to,
			"Permohonan salinan DPT Desa Marisa",
			"Mohon salinan Daftar Pemilih Tetap Desa Marisa untuk penelitian.",
		)
		deliver("ppid", message)
		self.pull(REQUESTS)

		(name,) = self.cases("Permohonan Informasi", sender=sender)
		doc = frappe.get_doc("Permohonan Informasi", name)
		self.assertTrue(doc.name.startswith("PPID-"))
		self.assertEqual(doc.workflow_state, "Diajukan")
		self.assertEqual(doc.kanal, "Email")
		self.assertEqual(doc.email, sender)
		self.assertEqual(doc.nama_pemohon, "Siti Pemohon")
		self.assertEqual(doc.subjek_email, "Permohonan salinan DPT Desa Marisa")
		self.assertEqual(
			doc.informasi_diminta, "Mohon salinan Daftar Pemilih Tetap Desa Marisa untuk penelitian."
		)
		self.assertTrue(doc.batas_pemberitahuan, "the 10-working-day clock runs from receipt")
		self.assertLess(abs((now_datetime() - doc.tanggal_diterima).total_seconds()), 600)
		self.assertFalse(self.cases("Pengaduan", sender=sender), "the PPID address makes no complaint")

		queues = frappe.get_all(
			"Email Queue",
			filters={"reference_doctype": "Permohonan Informasi", "reference_name": name},
			fields=["name", "message"],
		)
		self.assertEqual(len(queues), 1)
		text = queued_text(queues[0])
		self.assertIn(doc.get_password("kode_lacak"), text)
		self.assertIn(f"(#{name})", queued_header(queues[0], "Subject"))
		self.assertIn(message["Message-ID"].strip("<>"), queued_header(queues[0], "In-Reply-To"))
		self.assertIn(to, queued_header(queues[0], "From"), "answered from the PPID address")

		# the requester answers: on the thread (In-Reply-To), even with the account's folder-only setup
		message_id = frappe.db.get_value("Email Queue", queues[0].name, "message_id")
		answer = mail(
			sender,
			to,
			f"Re: {queued_header(queues[0], 'Subject')}",
			"Untuk tahun 2024 saja.",
			In_Reply_To=message_id if message_id.startswith("<") else f"<{message_id}>",
		)
		deliver("ppid", answer)
		self.pull(REQUESTS)
		self.assertEqual(self.cases("Permohonan Informasi", sender=sender), [name])
		self.assertEqual(
			frappe.db.count(
				"Communication",
				{
					"reference_doctype": "Permohonan Informasi",
					"reference_name": name,
					"sent_or_received": "Received",
				},
			),
			2,
		)

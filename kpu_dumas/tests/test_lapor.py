"""SP4N-LAPOR! clocks and follow-up (issue 11, item 5), on the real site as the real roles.

A LAPOR! complaint comes in on Tuesday 12 May 2026, 10.00 WITA (Pohuwato). Thursday 14 May is Kenaikan
Yesus Kristus and Friday 15 May its cuti bersama, so its deadlines fall on Tuesday 19 May (3 hari kerja,
verified and forwarded) and Thursday 21 May (5 hari kerja, follow-up posted), 16.00 WITA. A follow-up
posted on Thursday 21 May, 10.00 lets the report close from Tuesday 9 June, 16.00 (10 hari kerja, past
Idul Adha, its cuti bersama and Hari Lahir Pancasila).
"""

from __future__ import annotations

from datetime import datetime

import frappe
from frappe.client import set_value
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from kpu_dumas import clock
from kpu_dumas.api import jalur
from kpu_dumas.api import lapor as lapor_api
from kpu_dumas.core import record as record_rules
from kpu_dumas.reports.dashboard import count_overdue
from kpu_dumas.tasks import sweep_overdue
from kpu_dumas.tests.test_laporan import frozen_at
from kpu_dumas.tests.utils import (
	act,
	advance,
	as_user,
	at_office,
	make_all_users,
	make_pengaduan,
	office,
)

LAPOR = "SP4N-LAPOR!"
CAME = (2026, 5, 12, 10, 0)
FOLLOW_UP = "Laporan diterima dan sedang ditelaah oleh Tim Pemeriksa KPU Kabupaten Pohuwato."


def new_ticket() -> str:
	return f"LAPOR-2026-{frappe.generate_hash(length=8).upper()}"


def make_lapor(ticket: str | None = None, **values):
	return make_pengaduan(kanal=LAPOR, nomor_tiket_lapor=ticket or new_ticket(), **values)


class TestLapor(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()
		# A late notice emails its users at once in tests, and sending commits (Email Queue). Where an
		# outgoing account would send it, emails are muted: the mail stays queued and is rolled back with
		# everything else this class writes. (Without an account nothing is sent; muting then makes
		# Frappe 15.89 build a sender-less dummy account that fails.)
		cls.addClassCleanup(setattr, frappe.flags, "mute_emails", frappe.flags.mute_emails)
		frappe.flags.mute_emails = bool(EmailAccount.find_outgoing())

	def lapor_case(self, **values):
		with frozen_at(office(*CAME)):
			return make_lapor(**values)

	def record_follow_up(self, doc, moment, user="petugas", text=FOLLOW_UP):
		with frozen_at(moment), as_user(self.users[user]):
			lapor_api.catat_tindak_lanjut(doc.name, text)
		return frappe.get_doc("Pengaduan", doc.name)

	# (1) the three deadlines, on working days

	def test_deadlines_from_when_it_came_on_working_days(self):
		doc = self.lapor_case()
		self.assertEqual(doc.tanggal_dari_lapor, doc.tanggal_diterima)  # the receipt time by default
		self.assertEqual(at_office(doc.batas_penerusan_lapor), datetime(2026, 5, 19, 16, 0))
		self.assertEqual(at_office(doc.batas_tindak_lanjut_lapor), datetime(2026, 5, 21, 16, 0))
		self.assertIsNone(doc.batas_penutupan_lapor)
		# came from LAPOR! on Monday 11 May: 12, 13, 18 | 19, 20
		with frozen_at(office(*CAME)):
			earlier = make_lapor(tanggal_dari_lapor=office(2026, 5, 11, 9, 0))
		self.assertEqual(at_office(earlier.batas_penerusan_lapor), datetime(2026, 5, 18, 16, 0))
		self.assertEqual(at_office(earlier.batas_tindak_lanjut_lapor), datetime(2026, 5, 20, 16, 0))
		# the follow-up clock is the office's setting
		frappe.db.set_single_value("Pengaturan Kantor", "lapor_tindak_lanjut_hari", 2)
		try:
			shorter = self.lapor_case()
		finally:
			frappe.db.set_single_value("Pengaturan Kantor", "lapor_tindak_lanjut_hari", 5)
		self.assertEqual(at_office(shorter.batas_tindak_lanjut_lapor), datetime(2026, 5, 18, 16, 0))
		# not a LAPOR! case: no LAPOR! clocks
		with frozen_at(office(*CAME)):
			letter = make_pengaduan(kanal="Surat")
		self.assertFalse(letter.batas_tindak_lanjut_lapor or letter.tanggal_dari_lapor)

	def test_came_from_lapor_after_receipt_is_refused(self):
		with frozen_at(office(*CAME)), self.assertRaises(frappe.ValidationError) as caught:
			make_lapor(
				tanggal_diterima=office(2026, 5, 12, 9, 0), tanggal_dari_lapor=office(2026, 5, 12, 9, 30)
			)
		self.assertIn("tidak boleh setelah waktu pengaduan diterima", str(caught.exception))

	# (2) the sweep and the late counter

	def test_sweep_marks_a_missed_follow_up_late_once_and_the_counter_counts_it(self):
		doc = self.lapor_case(tim_pemeriksa=[{"anggota": self.users["tim"]}])
		with frozen_at(office(2026, 5, 12, 10, 5)):
			doc = advance(doc, "Ditelaah", self.users)  # a stage without a time limit: no late stage
		with frozen_at(office(2026, 5, 21, 15, 0)), as_user("Administrator"):
			sweep_overdue()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "tindak_lanjut_lapor_terlambat"), 0)
		late = office(2026, 5, 21, 16, 30)
		with frozen_at(late), as_user("Administrator"):
			sweep_overdue()
			sweep_overdue()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "tindak_lanjut_lapor_terlambat"), 1)
		notices = frappe.get_all(
			"Notification Log",
			filters={
				"document_type": "Pengaduan",
				"document_name": doc.name,
				"subject": ("like", "%SP4N-LAPOR!%"),
			},
			fields=["subject", "for_user"],
		)
		# its team is assigned in Ditelaah: they are told, once each
		self.assertEqual([n.for_user for n in notices], [self.users["tim"]])
		self.assertIn("21 Mei 2026 pukul 16.00 WITA", notices[0].subject)
		self.assertIn(doc.nomor_tiket_lapor, notices[0].subject)
		# the form's header says so
		with frozen_at(late), as_user(self.users["tim"]):
			form = frappe.get_doc("Pengaduan", doc.name)
			form.run_method("onload")
			intro = form.get_onload().tahap
		self.assertIn("Tindak lanjut terlambat", intro["text"])
		self.assertEqual(intro["color"], "red")
		# the workspace's late counter counts it, and no longer once its follow-up is posted
		with frozen_at(late), as_user(self.users["pimpinan"]):
			before = count_overdue()["value"]
		self.record_follow_up(doc, late)
		with frozen_at(late), as_user(self.users["pimpinan"]):
			after = count_overdue()["value"]
		self.assertEqual(before - after, 1)

	def test_a_case_with_a_late_stage_and_a_late_follow_up_counts_once(self):
		doc = self.lapor_case()  # stays in Diterima: its 30-minute stage is late too
		late = office(2026, 5, 22, 9, 0)
		with frozen_at(late), as_user(self.users["pimpinan"]):
			before = count_overdue()["value"]
		self.record_follow_up(doc, late)
		with frozen_at(late), as_user(self.users["pimpinan"]):
			self.assertEqual(count_overdue()["value"], before)  # still late by its stage, counted once

	# (3) the follow-up step: recorded, and nobody writes it by hand

	def test_follow_up_is_recorded_with_when_what_and_who(self):
		doc = self.lapor_case()
		posted = office(2026, 5, 21, 10, 0)
		doc = self.record_follow_up(doc, posted)
		self.assertEqual(at_office(doc.tindak_lanjut_lapor_pada), datetime(2026, 5, 21, 10, 0))
		self.assertEqual(doc.tindak_lanjut_lapor_oleh, self.users["petugas"])
		self.assertEqual(doc.teks_tindak_lanjut_lapor, FOLLOW_UP)
		self.assertEqual(doc.tindak_lanjut_lapor_terlambat, 0)  # before 21 May 16.00
		self.assertEqual(at_office(doc.batas_penutupan_lapor), datetime(2026, 6, 9, 16, 0))
		comments = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Pengaduan", "reference_name": doc.name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue(any(FOLLOW_UP in c and doc.nomor_tiket_lapor in c for c in comments), comments)
		# a second follow-up keeps the first and restarts the closing clock
		doc = self.record_follow_up(doc, office(2026, 5, 22, 9, 0), user="pyb", text="Pemeriksaan selesai.")
		self.assertEqual(doc.teks_tindak_lanjut_lapor, FOLLOW_UP)
		self.assertEqual(doc.tindak_lanjut_lapor_oleh, self.users["petugas"])
		self.assertEqual(at_office(doc.batas_penutupan_lapor), datetime(2026, 6, 10, 16, 0))

	def test_follow_up_posted_after_its_deadline_is_late(self):
		doc = self.record_follow_up(self.lapor_case(), office(2026, 5, 22, 9, 0))
		self.assertEqual(doc.tindak_lanjut_lapor_terlambat, 1)

	def test_only_the_answering_roles_record_it(self):
		doc = self.lapor_case()
		for key in ("tim", "kasubag", "pimpinan"):
			with self.subTest(role=key), as_user(self.users[key]), self.assertRaises(frappe.PermissionError):
				lapor_api.catat_tindak_lanjut(doc.name, FOLLOW_UP)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			lapor_api.catat_tindak_lanjut(doc.name, "  <p><br></p> ")
		with frozen_at(office(*CAME)):
			letter = make_pengaduan(kanal="Surat")
		with as_user(self.users["petugas"]), self.assertRaises(frappe.ValidationError):
			lapor_api.catat_tindak_lanjut(letter.name, FOLLOW_UP)
		self.assertIsNone(frappe.db.get_value("Pengaduan", doc.name, "tindak_lanjut_lapor_pada"))

	def test_the_step_cannot_be_written_through_save_or_set_value(self):
		doc = self.lapor_case()
		forged = {
			"tindak_lanjut_lapor_pada": "2026-05-13 09:00:00",
			"tindak_lanjut_lapor_oleh": self.users["petugas"],
			"teks_tindak_lanjut_lapor": "Ditulis tangan.",
			"batas_tindak_lanjut_lapor": "2099-01-01 00:00:00",
			"tindak_lanjut_lapor_terlambat": 1,
			"batas_penutupan_lapor": "2026-05-14 00:00:00",
			"selesai_di_lapor": 1,
			"kunci_tiket_lapor": "LAPOR-LAIN",
		}
		for key in ("petugas", "sistem"):
			for field, value in forged.items():
				with self.subTest(user=key, field=field), as_user(self.users[key]):
					form = frappe.get_doc("Pengaduan", doc.name)
					form.set(field, value)
					with self.assertRaises(frappe.PermissionError) as caught:
						form.save()
					self.assertIn("tidak dapat diubah", str(caught.exception))
		# frappe.client.set_value, the door bulk edit and the REST client use
		for key in ("petugas", "sistem"):
			with self.subTest(user=key, door="set_value"), as_user(self.users[key]):
				with self.assertRaises(frappe.PermissionError):
					set_value("Pengaduan", doc.name, forged)
		# over HTTP, every one of these fields is forged by every role that may write a complaint in
		# kpu_dumas.tests.test_rekaman (it walks the same list), without leaving data on the site here
		self.assertLessEqual(set(forged), set(record_rules.fieldnames("Pengaduan")))
		stored = frappe.db.get_value("Pengaduan", doc.name, list(forged), as_dict=True)
		self.assertFalse(stored.tindak_lanjut_lapor_pada or stored.teks_tindak_lanjut_lapor)
		self.assertFalse(stored.selesai_di_lapor or stored.tindak_lanjut_lapor_terlambat)
		self.assertEqual(stored.kunci_tiket_lapor, doc.kunci_tiket_lapor)

	# (4) one complaint per LAPOR! ticket

	def test_a_second_case_with_the_same_ticket_is_refused_with_a_link_to_the_first(self):
		ticket = new_ticket()
		first = self.lapor_case(ticket=ticket)
		self.assertEqual(first.kunci_tiket_lapor, ticket)
		for variant in (ticket, f" {ticket.lower()} ", "#" + ticket.replace("-", " - ")):
			with self.subTest(ticket=variant), self.assertRaises(frappe.UniqueValidationError) as caught:
				make_lapor(ticket=variant)
			message = str(caught.exception)
			self.assertIn(f'<a href="/app/pengaduan/{first.name}">{first.name}</a>', message)
			self.assertIn("sudah tercatat", message)
		# nor can another complaint take it by a later edit
		other = frappe.get_doc("Pengaduan", self.lapor_case().name)
		other.nomor_tiket_lapor = ticket.lower()
		with as_user(self.users["petugas"]), self.assertRaises(frappe.UniqueValidationError):
			other.save()
		self.assertFalse(
			frappe.db.get_value("Pengaduan", {"kunci_tiket_lapor": ticket, "name": ("!=", first.name)})
		)

	def test_a_cancelled_case_gives_its_ticket_up(self):
		ticket = new_ticket()
		wrong = self.lapor_case(ticket=ticket)
		wrong = act(wrong, "Batalkan", self.users["pyb"], alasan_pembatalan="Dicatat dua kali oleh petugas.")
		self.assertEqual(wrong.workflow_state, "Dibatalkan")
		self.assertIsNone(wrong.kunci_tiket_lapor)
		self.assertEqual(wrong.nomor_tiket_lapor, ticket)  # the record keeps what it held
		right = self.lapor_case(ticket=ticket)
		self.assertEqual(right.kunci_tiket_lapor, ticket)

	def test_a_merged_case_keeps_its_ticket_and_its_main_case_may_take_it(self):
		ticket = new_ticket()
		with frozen_at(office(*CAME)):
			main = make_pengaduan(kanal="Surat")
		duplicate = self.lapor_case(ticket=ticket)
		with as_user(self.users["petugas"]):
			jalur.gabungkan(duplicate.name, main.name)
		duplicate.reload()
		self.assertEqual((duplicate.workflow_state, duplicate.kunci_tiket_lapor), ("Digabungkan", ticket))
		with self.assertRaises(frappe.UniqueValidationError) as caught:
			make_lapor(ticket=ticket)
		self.assertIn(f'<a href="/app/pengaduan/{duplicate.name}">', str(caught.exception))
		self.assertIn(f'<a href="/app/pengaduan/{main.name}">', str(caught.exception))
		with as_user(self.users["petugas"]):
			main = frappe.get_doc("Pengaduan", main.name)
			main.nomor_tiket_lapor = ticket
			main.save()
		self.assertEqual(main.kunci_tiket_lapor, ticket)
		self.assertIsNone(frappe.db.get_value("Pengaduan", duplicate.name, "kunci_tiket_lapor"))

	# (5) Selesai di SP4N-LAPOR!

	def answered_case(self):
		doc = self.lapor_case()
		with frozen_at(office(2026, 5, 12, 11, 0)):
			return advance(doc, "Ditanggapi", self.users)

	def close(self, doc, moment, user="petugas"):
		with frozen_at(moment), as_user(self.users[user]):
			lapor_api.selesaikan(doc.name)
		return frappe.get_doc("Pengaduan", doc.name)

	def test_closing_before_ten_working_days_is_refused_after_it_succeeds(self):
		doc = self.record_follow_up(self.answered_case(), office(2026, 5, 21, 10, 0))
		with self.assertRaises(frappe.ValidationError) as caught:
			self.close(doc, office(2026, 6, 9, 15, 0))
		self.assertIn("9 Juni 2026 pukul 16.00 WITA", str(caught.exception))
		self.assertIn("10 hari kerja", str(caught.exception))
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "workflow_state"), "Ditanggapi")
		doc = self.close(doc, office(2026, 6, 9, 16, 30))
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Selesai", 1))
		self.assertEqual(doc.selesai_di_lapor, 1)
		self.assertEqual(doc.media_tanggapan, LAPOR)
		row = doc.riwayat_tahap[-2]
		self.assertEqual(
			(row.tahap, row.aksi, row.oleh), ("Ditanggapi", "Selesai di SP4N-LAPOR!", self.users["petugas"])
		)

	def test_a_reply_suspends_closing_until_a_new_follow_up(self):
		doc = self.record_follow_up(self.answered_case(), office(2026, 5, 21, 10, 0))
		with frozen_at(office(2026, 5, 25, 9, 0)), as_user(self.users["petugas"]):
			lapor_api.catat_balasan(doc.name, "Pelapor", "Mohon penjelasan kapan loket dibuka.")
		doc.reload()
		self.assertIsNone(doc.batas_penutupan_lapor)
		with self.assertRaises(frappe.ValidationError) as caught:
			self.close(doc, office(2026, 5, 25, 10, 0))
		self.assertIn("Ada balasan", str(caught.exception))
		# answered on Tuesday 26 May: 29 May, 2-5, 8-12 June (a Friday: the office closes at 16.30)
		doc = self.record_follow_up(doc, office(2026, 5, 26, 9, 0), text="Loket dibuka mulai 1 Juli.")
		self.assertEqual(at_office(doc.batas_penutupan_lapor), datetime(2026, 6, 12, 16, 30))
		with self.assertRaises(frappe.ValidationError):
			self.close(doc, office(2026, 6, 12, 16, 0))
		closed = self.close(doc, office(2026, 6, 12, 16, 45), user="kasubag")
		self.assertEqual((closed.workflow_state, closed.selesai_di_lapor), ("Selesai", 1))

	def test_closing_is_refused_without_follow_up_and_outside_ditanggapi(self):
		doc = self.answered_case()
		with self.assertRaises(frappe.ValidationError) as caught:
			self.close(doc, office(2026, 7, 1, 9, 0))
		self.assertIn("Catat dahulu tindak lanjut", str(caught.exception))
		early = self.record_follow_up(self.lapor_case(), office(2026, 5, 13, 9, 0))
		with self.assertRaises(frappe.ValidationError):
			self.close(early, office(2026, 7, 1, 9, 0))  # still in Diterima: no such action there
		# the conditioned transition is not open to a plain save either
		with frozen_at(office(2026, 7, 1, 9, 0)), as_user(self.users["petugas"]):
			form = frappe.get_doc("Pengaduan", doc.name)
			with self.assertRaises(frappe.ValidationError):
				apply_workflow(form, "Selesai di SP4N-LAPOR!")

	def test_the_form_offers_each_step_to_whom_may_take_it(self):
		doc = self.lapor_case(tim_pemeriksa=[{"anggota": self.users["tim"]}])  # the Tim reads its own cases
		with as_user(self.users["petugas"]):
			self.assertEqual(
				{k: v for k, v in lapor_api.aksi(doc.name).items() if k != "dari"},
				{"tindak_lanjut": True, "balasan": False, "selesai": False},
			)
		with as_user(self.users["tim"]):
			self.assertFalse(any(v for k, v in lapor_api.aksi(doc.name).items() if k != "dari"))
		answered = self.record_follow_up(self.answered_case(), office(2026, 5, 21, 10, 0))
		with as_user(self.users["petugas"]):
			self.assertTrue(all(v for k, v in lapor_api.aksi(answered.name).items() if k != "dari"))
		with as_user(self.users["kasubag"]):  # closes as the workflow lets it, records nothing
			self.assertEqual(
				{k: v for k, v in lapor_api.aksi(answered.name).items() if k != "dari"},
				{"tindak_lanjut": False, "balasan": False, "selesai": True},
			)

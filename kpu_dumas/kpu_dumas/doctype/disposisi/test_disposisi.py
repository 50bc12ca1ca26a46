# Copyright (c) 2026, kpu_dumas developers and contributors
# For license information, please see license.txt
"""Disposisi on a real site, as the real users: sending and assignments, the Dibaca mark, follow-ups,
completion, the chain Ketua -> Sekretaris -> Kasubag, who sees what (form, list, report view, REST over
HTTP), due times on the office calendar, the overdue sweep, a confidential complaint's disposition, the
Lembar Disposisi PDF and the Rekap Disposisi report with its Excel file."""

import io
import json
from contextlib import contextmanager
from datetime import datetime

import frappe
from frappe.desk.form.load import getdoc
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime, get_test_client

from kpu_dumas import clock
from kpu_dumas.api import disposisi as api
from kpu_dumas.kpu_dumas.doctype.disposisi.disposisi import sweep_overdue
from kpu_dumas.tests.utils import (
	PASSWORD,
	AssetServer,
	act,
	as_user,
	at_office,
	make_all_users,
	make_identitas,
	make_pengaduan,
	office,
)

DOCTYPE = "Disposisi"


@contextmanager
def frozen(moment):
	"""FrappeTestCase.freeze_time, usable in setUpClass."""
	with FrappeTestCase.freeze_time(None, moment):
		yield


def make_disposisi(users: dict, dari: str, to: list[str], **values):
	"""A Draft disposition written by user key `dari` to user keys `to`."""
	data = {
		"doctype": DOCTYPE,
		"perihal": "Permintaan data pemilih untuk penelitian",
		"sifat": "Biasa",
		"asal_surat": "Universitas Negeri Gorontalo",
		"nomor_surat_asal": "123/UN47/PP/2025",
		"penerima": [{"penerima": users[key], "jabatan": key.capitalize()} for key in to],
		"instruksi": [{"instruksi": "Untuk ditindaklanjuti"}, {"instruksi": "Siapkan jawaban/konsep"}],
		"arahan": "Siapkan data sesuai permintaan, koordinasikan dengan Divisi Data.",
	}
	data.update(values)
	with as_user(users[dari]):
		return frappe.get_doc(data).insert()


def send_disposisi(users: dict, dari: str, to: list[str], **values):
	return act(make_disposisi(users, dari, to, **values), "Kirim", users[dari])


def pass_down(users: dict, parent: str, dari: str, to: list[str]):
	"""Recipient `dari` passes `parent` further down to `to` (button Teruskan), and sends it."""
	with as_user(users[dari]):
		child = api.buat_lanjutan(parent)
		child.arahan = f"Diteruskan oleh {dari}."
		child.set("penerima", [{"penerima": users[k]} for k in to])
		child.set("instruksi", [{"instruksi": "Untuk ditindaklanjuti"}])
		child.insert()
	return act(child, "Kirim", users[dari])


def follow_up(users: dict, key: str, name: str, catatan="Data sudah disiapkan.", selesai=1):
	with as_user(users[key]):
		return api.tindak_lanjut(name, catatan, selesai)


class DisposisiTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		clock.clear_calendar_cache()

	def make(self, dari: str, to: list[str], **values):
		return make_disposisi(self.users, dari, to, **values)

	def send(self, dari: str, to: list[str], **values):
		return send_disposisi(self.users, dari, to, **values)

	def follow_up(self, key: str, name: str, catatan="Data sudah disiapkan.", selesai=1):
		return follow_up(self.users, key, name, catatan, selesai)

	def open_as(self, key: str, name: str):
		"""The form load (getdoc, which runs onload) as user `key`; the loaded document."""
		frappe.local.response = frappe._dict(docs=[])
		with as_user(self.users.get(key, key)):
			getdoc(DOCTYPE, name)
		return frappe.local.response.docs[0]

	def row(self, name: str, key: str):
		return frappe.db.get_value(
			"Penerima Disposisi",
			{"parent": name, "parenttype": DOCTYPE, "penerima": self.users[key]},
			["status", "dibaca_pada", "catatan_tindak_lanjut", "selesai_pada", "disposisi_lanjutan"],
			as_dict=True,
		)

	def todo(self, name: str, key: str):
		return frappe.db.get_value(
			"ToDo",
			{"reference_type": DOCTYPE, "reference_name": name, "allocated_to": self.users[key]},
			["status", "date", "priority", "assigned_by"],
			as_dict=True,
		)


class TestSendingAndFollowUp(DisposisiTestCase):
	def test_sending_assigns_every_recipient_and_notifies_them(self):
		doc = self.send("ketua", ["sekretaris", "kasubag"], sifat="Sangat Segera")
		self.assertEqual(doc.workflow_state, "Dikirim")
		self.assertRegex(doc.name, r"^DISP-\d{4}-\d{5}$")
		self.assertEqual(doc.jalur, f"/{doc.name}/")
		self.assertTrue(doc.dikirim_pada)
		for key in ("sekretaris", "kasubag"):
			todo = self.todo(doc.name, key)
			self.assertEqual(todo.status, "Open")
			self.assertEqual(todo.priority, "High")
			self.assertEqual(todo.assigned_by, self.users["ketua"])
			self.assertEqual(str(todo.date), str(get_datetime(doc.batas_waktu).date()))
			self.assertTrue(
				frappe.db.exists(
					"Notification Log",
					{
						"document_type": DOCTYPE,
						"document_name": doc.name,
						"for_user": self.users[key],
						"type": "Assignment",
					},
				)
			)
			self.assertEqual(self.row(doc.name, key).status, "Belum Dibaca")
		draft, sent = doc.riwayat_tahap
		self.assertEqual((draft.tahap, draft.aksi, draft.oleh), ("Draft", "Kirim", self.users["ketua"]))
		self.assertEqual(sent.tahap, "Dikirim")
		self.assertEqual(sent.mutu_baku, "4 jam")
		self.assertEqual(get_datetime(sent.batas_waktu), get_datetime(doc.batas_waktu))
		self.assertFalse(sent.keluar)

	def test_a_draft_is_not_yet_the_recipients(self):
		doc = self.make("ketua", ["kasubag"])
		self.assertFalse(self.todo(doc.name, "kasubag"))
		with self.assertRaises(frappe.PermissionError):
			self.open_as("kasubag", doc.name)
		act(doc, "Kirim", self.users["ketua"])
		self.assertEqual(self.open_as("kasubag", doc.name).name, doc.name)

	def test_opening_marks_that_recipient_read(self):
		doc = self.send("ketua", ["sekretaris", "kasubag"])
		self.open_as("ketua", doc.name)  # the issuer opening it changes nothing
		self.assertEqual(self.row(doc.name, "kasubag").status, "Belum Dibaca")
		loaded = self.open_as("kasubag", doc.name)
		mine = next(r for r in loaded.penerima if r.penerima == self.users["kasubag"])
		self.assertEqual(mine.status, "Dibaca")
		first = self.row(doc.name, "kasubag")
		self.assertEqual(first.status, "Dibaca")
		self.assertTrue(first.dibaca_pada)
		self.assertEqual(self.row(doc.name, "sekretaris").status, "Belum Dibaca")
		self.open_as("kasubag", doc.name)
		self.assertEqual(self.row(doc.name, "kasubag").dibaca_pada, first.dibaca_pada)

	def test_a_recipient_changes_only_their_own_row_and_closes_their_todo(self):
		doc = self.send("ketua", ["sekretaris", "kasubag"])
		result = self.follow_up("kasubag", doc.name, "Sedang dikumpulkan dari Divisi Data.", selesai=0)
		self.assertEqual(result, {"status": "Ditindaklanjuti", "workflow_state": "Dikirim"})
		self.assertEqual(self.todo(doc.name, "kasubag").status, "Open")
		result = self.follow_up("kasubag", doc.name, "Data diserahkan kepada pemohon.")
		self.assertEqual(result, {"status": "Selesai", "workflow_state": "Dikirim"})
		row = self.row(doc.name, "kasubag")
		self.assertEqual(row.catatan_tindak_lanjut, "Data diserahkan kepada pemohon.")
		self.assertTrue(row.selesai_pada and row.dibaca_pada)
		self.assertEqual(self.todo(doc.name, "kasubag").status, "Closed")
		self.assertEqual(self.todo(doc.name, "sekretaris").status, "Open")
		self.assertEqual(self.row(doc.name, "sekretaris").status, "Belum Dibaca")
		with self.assertRaises(frappe.ValidationError) as ctx:
			self.follow_up("kasubag", doc.name, "ubah lagi")
		self.assertIn("sudah selesai", str(ctx.exception))
		with self.assertRaises(frappe.PermissionError):
			self.follow_up("lain", doc.name)
		with self.assertRaises(frappe.PermissionError):
			self.follow_up("ketua", doc.name)  # the issuer is no recipient

	def test_selesai_only_when_every_recipient_is_done(self):
		doc = self.send("ketua", ["sekretaris", "kasubag"])
		self.follow_up("kasubag", doc.name)
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "workflow_state"), "Dikirim")
		result = self.follow_up("sekretaris", doc.name)
		self.assertEqual(result["workflow_state"], "Selesai")
		doc.reload()
		self.assertEqual(doc.docstatus, 1)
		self.assertTrue(doc.selesai_pada)
		sent, done = doc.riwayat_tahap[1:]
		self.assertEqual(sent.tahap, "Dikirim")
		self.assertEqual(sent.oleh, self.users["sekretaris"])  # who closed the last open part
		self.assertEqual(sent.status, "Tepat Waktu")
		self.assertEqual(done.tahap, "Selesai")
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{
					"document_name": doc.name,
					"for_user": self.users["ketua"],
					"subject": ("like", "%selesai%"),
				},
			)
		)
		with self.assertRaises(frappe.ValidationError):
			self.follow_up("sekretaris", doc.name)

	def test_only_the_issuer_sends_edits_or_cancels(self):
		doc = self.send("ketua", ["kasubag", "sekretaris"])
		self.open_as("kasubag", doc.name)
		with as_user(self.users["kasubag"]), self.assertRaises(WorkflowTransitionError):
			apply_workflow(frappe.get_doc(DOCTYPE, doc.name), "Batalkan")
		with as_user(self.users["kasubag"]):
			mine = frappe.get_doc(DOCTYPE, doc.name)
			mine.arahan = "diubah oleh penerima"
			with self.assertRaises(frappe.PermissionError) as ctx:
				mine.save()
		self.assertIn("hanya dapat diubah oleh pemberinya", str(ctx.exception))
		# The issuer edits a copy loaded before the recipient opened it: the recipient's mark stays.
		with as_user(self.users["ketua"]):
			stale = frappe.get_doc(DOCTYPE, doc.name)
			stale.penerima[0].status = "Belum Dibaca"
			stale.arahan = "Prioritaskan permintaan ini."
			stale.save()
		self.assertEqual(self.row(doc.name, "kasubag").status, "Dibaca")
		doc = act(frappe.get_doc(DOCTYPE, doc.name), "Batalkan", self.users["ketua"])
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Dibatalkan", 1))
		self.assertEqual(self.todo(doc.name, "kasubag").status, "Cancelled")

	def test_recipients_are_checked(self):
		with self.assertRaises(frappe.ValidationError) as ctx:
			self.make("ketua", ["kasubag", "kasubag"])
		self.assertIn("lebih dari sekali", str(ctx.exception))
		with self.assertRaises(frappe.ValidationError) as ctx:
			self.make("ketua", ["ketua"])
		self.assertIn("penerimanya sendiri", str(ctx.exception))


class TestChain(DisposisiTestCase):
	def pass_down(self, parent: str, dari: str, to: list[str]):
		return pass_down(self.users, parent, dari, to)

	def test_ketua_sekretaris_kasubag_each_level_with_its_status(self):
		d1 = self.send("ketua", ["sekretaris"], perihal="Permohonan salinan SK DPT")
		self.open_as("sekretaris", d1.name)
		d2 = self.pass_down(d1.name, "sekretaris", ["kasubag"])
		self.assertEqual(d2.disposisi_induk, d1.name)
		self.assertEqual(d2.perihal, "Permohonan salinan SK DPT")
		self.assertEqual(d2.jalur, f"/{d1.name}/{d2.name}/")
		self.assertEqual(d2.jabatan_pemberi, "Sekretaris")  # the position the Ketua addressed
		parent_row = self.row(d1.name, "sekretaris")
		self.assertEqual((parent_row.status, parent_row.disposisi_lanjutan), ("Ditindaklanjuti", d2.name))
		d3 = self.pass_down(d2.name, "kasubag", ["tim"])
		self.assertEqual(d3.jalur, f"/{d1.name}/{d2.name}/{d3.name}/")

		self.follow_up("tim", d3.name)
		self.assertEqual(frappe.db.get_value(DOCTYPE, d3.name, "workflow_state"), "Selesai")
		self.assertEqual(frappe.db.get_value(DOCTYPE, d2.name, "workflow_state"), "Dikirim")

		# Every level sees the whole line with each one's state; what lies above a user is not opened.
		chain = self.open_as("kasubag", d2.name).get("__onload").rantai
		self.assertEqual([n["name"] for n in chain], [d1.name, d2.name, d3.name])
		self.assertEqual([n["depth"] for n in chain], [0, 1, 2])
		self.assertEqual([n["status"] for n in chain], ["Dikirim", "Dikirim", "Selesai"])
		self.assertEqual([n["dapat_dibuka"] for n in chain], [False, True, True])
		self.assertIsNone(chain[0]["perihal"])
		self.assertEqual(chain[0]["penerima"][0]["status"], "Ditindaklanjuti")
		self.assertEqual(chain[1]["penerima"][0]["status"], "Ditindaklanjuti")  # passed down to the Tim
		self.assertEqual(chain[2]["penerima"][0]["status"], "Selesai")
		self.assertTrue(chain[1]["ini"])
		chain = self.open_as("tim", d3.name).get("__onload").rantai
		self.assertEqual([n["dapat_dibuka"] for n in chain], [False, False, True])
		chain = self.open_as("ketua", d1.name).get("__onload").rantai
		self.assertEqual([n["dapat_dibuka"] for n in chain], [True, True, True])

		self.follow_up("kasubag", d2.name, "Salinan SK disiapkan dan diserahkan.")
		self.follow_up("sekretaris", d1.name, "Sudah ditindaklanjuti Kasubag.")
		self.assertEqual(
			[frappe.db.get_value(DOCTYPE, d, "workflow_state") for d in (d1.name, d2.name, d3.name)],
			["Selesai", "Selesai", "Selesai"],
		)

	def test_only_a_recipient_of_a_sent_disposition_passes_it_down(self):
		draft = self.make("ketua", ["kasubag", "sekretaris"])
		with as_user(self.users["kasubag"]), self.assertRaises(frappe.PermissionError):
			api.buat_lanjutan(draft.name)  # a draft is not yet the recipient's
		with as_user(self.users["sekretaris"]), self.assertRaises(frappe.ValidationError) as ctx:
			api.buat_lanjutan(draft.name)  # a Pimpinan sees it, but it has not been sent
		self.assertIn("sudah dikirim", str(ctx.exception))
		sent = act(draft, "Kirim", self.users["ketua"])
		with as_user(self.users["pyb"]), self.assertRaises(frappe.PermissionError):
			api.buat_lanjutan(sent.name)
		with self.assertRaises(frappe.PermissionError):
			self.make("pyb", ["kasubag"], disposisi_induk=sent.name)


class TestPermissions(DisposisiTestCase):
	"""D1 Ketua -> Kasubag, D2 (below D1) Kasubag -> PPID, D3 (below D2) PPID -> Tim; D4 a draft of the
	Ketua addressed to the Tim. Committed, because the HTTP client has its own database connection."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		u = cls.users
		cls.d1 = send_disposisi(u, "ketua", ["kasubag"]).name
		cls.d2 = pass_down(u, cls.d1, "kasubag", ["ppid"]).name
		cls.d3 = pass_down(u, cls.d2, "ppid", ["tim"]).name
		cls.d4 = make_disposisi(u, "ketua", ["tim"]).name
		cls.names = [cls.d1, cls.d2, cls.d3, cls.d4]
		frappe.db.commit()
		cls.expected = {
			"ketua": set(cls.names),  # Pimpinan, and issuer of D1 and D4
			"pimpinan": set(cls.names),  # Pimpinan, in no chain
			"kasubag": {cls.d1, cls.d2, cls.d3},  # recipient of D1, issuer of D2, D3 lies below
			"ppid": {cls.d2, cls.d3},  # recipient of D2, issuer of D3; D1 is above
			"tim": {cls.d3},  # recipient of D3; D4 is still a draft
			"lain": set(),  # other staff
		}

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()  # what the tests made; the committed chain is removed below
		names = cls.names
		for table, field in (
			("Penerima Disposisi", "parent"),
			("Butir Instruksi Disposisi", "parent"),
			("Riwayat Tahap", "parent"),
			("ToDo", "reference_name"),
			("Notification Log", "document_name"),
			("Comment", "reference_name"),
			("Version", "docname"),
		):
			frappe.db.delete(table, {field: ("in", names)})
		frappe.db.delete(DOCTYPE, {"name": ("in", names)})
		frappe.db.commit()
		super().tearDownClass()

	def test_form(self):
		for key, visible in self.expected.items():
			for name in self.names:
				with self.subTest(user=key, disposisi=name):
					if name in visible:
						self.assertEqual(self.open_as(key, name).name, name)
					else:
						with self.assertRaises(frappe.PermissionError):
							self.open_as(key, name)
		with self.assertRaises(frappe.PermissionError):
			self.open_as("Guest", self.d1)

	def test_list_and_report_view(self):
		from frappe.desk.reportview import get as reportview_get

		for key, visible in self.expected.items():
			with self.subTest(user=key), as_user(self.users[key]):
				listed = frappe.get_list(DOCTYPE, filters={"name": ("in", self.names)}, pluck="name")
				self.assertEqual(set(listed), visible)
				frappe.local.form_dict = frappe._dict(
					doctype=DOCTYPE,
					fields=json.dumps(["`tabDisposisi`.`name`", "`tabDisposisi`.`perihal`"]),
					filters=json.dumps([[DOCTYPE, "name", "in", self.names]]),
				)
				result = reportview_get() or {}
				self.assertEqual({row[0] for row in result.get("values", [])}, visible)
		with as_user("Guest"), self.assertRaises(frappe.PermissionError):
			frappe.get_list(DOCTYPE, filters={"name": ("in", self.names)})

	def test_child_tables_listed_on_their_own(self):
		"""frappe.get_list of a child table checks only the parent DocType's role permission."""
		complaint = make_pengaduan()
		for key, visible in self.expected.items():
			with self.subTest(user=key), as_user(self.users[key]):
				for child in ("Penerima Disposisi", "Butir Instruksi Disposisi", "Riwayat Tahap"):
					parents = frappe.get_list(
						child, parent_doctype=DOCTYPE, filters={"parent": ("in", self.names)}, pluck="parent"
					)
					self.assertLessEqual(set(parents), visible, child)
				self.assertEqual(
					{
						r
						for r in frappe.get_list(
							"Penerima Disposisi",
							parent_doctype=DOCTYPE,
							filters={"parent": ("in", self.names)},
							pluck="parent",
						)
					},
					visible - {self.d4} if key not in ("ketua", "pimpinan") else visible,
				)
				history = frappe.get_list(
					"Riwayat Tahap",
					parent_doctype=DOCTYPE,
					filters={"parent": complaint.name},
					pluck="parent",
				)
				# A complaint's stage history only for those who may read complaints anyway.
				may_read = frappe.has_permission("Pengaduan", "read")
				# ...and of this complaint (need to know: not for a Tim member who is not on its team)
				reads_it = frappe.has_permission("Pengaduan", "read", doc=complaint.name)
				self.assertEqual(history, [complaint.name] if reads_it else [])
				self.assertEqual(reads_it, may_read and key != "tim")
				self.assertEqual(may_read, key not in ("ppid", "lain"))

	def test_rest_over_http(self):
		for key, visible in {**self.expected, "Guest": set()}.items():
			client = get_test_client()
			if key != "Guest":
				r = make_request(
					client.post, ("/api/method/login",), {"data": {"usr": self.users[key], "pwd": PASSWORD}}
				)
				self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
			for name in self.names:
				with self.subTest(user=key, disposisi=name):
					r = make_request(client.get, (f"/api/resource/Disposisi/{name}",), {})
					self.assertEqual(r.status_code, 200 if name in visible else 403)
			r = make_request(
				client.get,
				("/api/resource/Disposisi",),
				{
					"query_string": {
						"filters": json.dumps([["name", "in", self.names]]),
						"limit_page_length": 0,
					}
				},
			)
			if key == "Guest":
				self.assertEqual(r.status_code, 403)
			else:
				self.assertEqual({row["name"] for row in r.json["data"]}, visible, key)


class TestDueTime(DisposisiTestCase):
	"""Pohuwato (WITA): Mon-Thu 08.00-16.00, Fri 08.00-11.00 and 14.00-16.30."""

	def sent_at(self, moment, **values):
		with self.freeze_time(moment):
			return self.send("ketua", ["kasubag"], **values)

	def test_due_time_follows_the_urgency_on_the_office_calendar(self):
		cases = [
			# Friday 10.00: 1 hour before the break, 2.5 after it, the last 30 minutes on Monday.
			("Sangat Segera", office(2025, 9, 12, 10, 0), datetime(2025, 9, 15, 8, 30), "4 jam"),
			("Segera", office(2025, 9, 11, 10, 0), datetime(2025, 9, 12, 16, 30), "1 hari kerja"),
			("Biasa", office(2025, 9, 15, 8, 0), datetime(2025, 9, 18, 16, 0), "3 hari kerja"),
			("Rahasia", office(2025, 9, 17, 13, 0), datetime(2025, 9, 22, 16, 0), "3 hari kerja"),
		]
		for sifat, sent, due, label in cases:
			with self.subTest(sifat=sifat):
				doc = self.sent_at(sent, sifat=sifat)
				self.assertEqual(at_office(doc.dikirim_pada), at_office(sent))
				self.assertEqual(at_office(doc.batas_waktu), due)
				self.assertEqual(doc.riwayat_tahap[-1].mutu_baku, label)

	def test_an_admin_changes_a_time_standard(self):
		sifat = frappe.get_doc("Sifat Disposisi", "Segera")
		shipped = (sifat.jumlah, sifat.satuan)
		try:
			sifat.jumlah, sifat.satuan = 2, "Jam"
			sifat.save()
			doc = self.sent_at(office(2025, 9, 15, 15, 0), sifat="Segera")
			self.assertEqual(at_office(doc.batas_waktu), datetime(2025, 9, 16, 9, 0))
			sifat.jumlah = 0
			with self.assertRaises(frappe.ValidationError):
				sifat.save()
		finally:
			sifat.reload()
			sifat.jumlah, sifat.satuan = shipped
			sifat.save()

	def test_oral_disposition_counts_from_when_it_was_given(self):
		# Given orally on Monday 09.00, recorded and sent on Tuesday: 4 working hours from Monday 09.00.
		doc = self.sent_at(
			office(2025, 9, 16, 10, 0), sifat="Sangat Segera", lisan=1, waktu_lisan=office(2025, 9, 15, 9, 0)
		)
		self.assertEqual(at_office(doc.batas_waktu), datetime(2025, 9, 15, 13, 0))
		with self.freeze_time(office(2025, 9, 16, 10, 0)), self.assertRaises(frappe.ValidationError):
			self.make("ketua", ["kasubag"], lisan=1, waktu_lisan=office(2025, 9, 17, 9, 0))

	def test_a_due_time_set_by_hand_is_kept(self):
		doc = self.sent_at(
			office(2025, 9, 15, 8, 0),
			sifat="Biasa",
			batas_waktu_manual=1,
			batas_waktu=office(2025, 9, 30, 12, 0),
		)
		self.assertEqual(at_office(doc.batas_waktu), datetime(2025, 9, 30, 12, 0))
		self.assertEqual(doc.riwayat_tahap[-1].mutu_baku, "diisi manual")
		self.assertEqual(at_office(doc.riwayat_tahap[-1].batas_waktu), datetime(2025, 9, 30, 12, 0))


class TestOverdue(DisposisiTestCase):
	def test_sweep_tells_each_late_recipient_once_and_the_card_counts_it(self):
		with self.freeze_time(office(2025, 9, 15, 8, 0)):
			doc = self.send("ketua", ["sekretaris", "kasubag"], sifat="Sangat Segera")  # due 12.00
		with self.freeze_time(office(2025, 9, 15, 10, 0)):
			self.follow_up("kasubag", doc.name)
		with self.freeze_time(office(2025, 9, 15, 11, 0)), as_user("Administrator"):
			sweep_overdue()
		self.assertFalse(frappe.db.exists("Notification Log", {"document_name": doc.name, "type": "Alert"}))
		with self.freeze_time(office(2025, 9, 15, 13, 0)), as_user("Administrator"):
			from kpu_dumas.tasks import sweep_overdue as hourly

			hourly()
			hourly()
		alerts = frappe.get_all(
			"Notification Log",
			filters={"document_name": doc.name, "type": "Alert"},
			fields=["for_user", "subject"],
		)
		self.assertEqual([a.for_user for a in alerts], [self.users["sekretaris"]])
		self.assertIn("15 September 2025 pukul 12.00 WITA", alerts[0].subject)
		self.assertEqual(frappe.get_doc(DOCTYPE, doc.name).riwayat_tahap[-1].status, "Terlambat")
		with self.freeze_time(office(2025, 9, 15, 13, 0)):
			for key, count in (("ketua", 1), ("sekretaris", 1), ("lain", 0)):
				with as_user(self.users[key]):
					card = api.jumlah_terlambat()
				with self.subTest(user=key):
					if count:
						self.assertGreaterEqual(card["value"], count)
					else:
						self.assertEqual(card["value"], 0)
					self.assertEqual(card["route"], ["List", DOCTYPE])


class TestFromAComplaint(DisposisiTestCase):
	def test_a_confidential_complaint_gives_a_disposition_without_the_reporter(self):
		secret_name, secret_nik = "Rahasia Disposisi Uji", "7503016607850099"
		ident = make_identitas(nama_lengkap=secret_name, nomor_identitas=secret_nik)
		complaint = make_pengaduan(rahasia=True, identitas=ident, perihal="Dugaan pungutan di loket")
		with as_user(self.users["ketua"]):  # Pimpinan and PyB: may read the identity itself
			draft = api.buat_dari_pengaduan(complaint.name)
			self.assertEqual(draft.perihal, "Dugaan pungutan di loket")
			self.assertEqual((draft.dokumen_sumber_type, draft.dokumen_sumber), ("Pengaduan", complaint.name))
			self.assertEqual(draft.nomor_surat_asal, complaint.name)
			self.assertEqual(draft.sifat, "Rahasia")
			draft.set("penerima", [{"penerima": self.users["kasubag"]}])
			draft.insert()
		doc = act(draft, "Kirim", self.users["ketua"])
		loaded = self.open_as("kasubag", doc.name)
		with as_user(self.users["kasubag"]):
			html = frappe.get_print(DOCTYPE, doc.name, "Lembar Disposisi")
		for payload in (draft.as_dict(), loaded.as_dict(), html):
			text = payload if isinstance(payload, str) else json.dumps(payload, default=str)
			for secret in (secret_name, secret_nik, ident.name):
				self.assertNotIn(secret, text)
		# The complaint's form lists its dispositions with their state, and its dashboard counts them.
		with as_user(self.users["ketua"]):
			listing = api.untuk_dokumen("Pengaduan", complaint.name)
			from frappe.desk.notifications import get_open_count

			counts = get_open_count("Pengaduan", complaint.name)
		self.assertIn(doc.name, listing)
		self.assertIn("Dikirim", listing)
		self.assertIn("Kasubag Uji (Dibaca)", listing)
		count = next(c for c in counts["count"]["external_links_found"] if c["doctype"] == DOCTYPE)
		self.assertEqual(count["count"], 1)


class TestFromAnInformationRequest(DisposisiTestCase):
	def test_the_ppid_routes_a_request_to_a_unit_by_disposition(self):
		from kpu_dumas.tests.utils import make_permohonan

		request = make_permohonan(informasi_diminta="Salinan SK penetapan DPT Pemilu 2024.")
		with as_user(self.users["ppid"]):
			draft = api.buat_dari_permohonan(request.name)
			self.assertEqual(draft.perihal, "Permohonan informasi: Salinan SK penetapan DPT Pemilu 2024.")
			self.assertEqual(
				(draft.dokumen_sumber_type, draft.dokumen_sumber), ("Permohonan Informasi", request.name)
			)
			self.assertIn("Andi Pemohon Uji", draft.asal_surat)
			self.assertEqual(draft.dari, self.users["ppid"])
			draft.set("penerima", [{"penerima": self.users["kasubag"]}])
			draft.insert()
		doc = act(draft, "Kirim", self.users["ppid"])
		self.assertEqual(doc.workflow_state, "Dikirim")
		with as_user(self.users["ppid"]):
			self.assertIn(doc.name, api.untuk_dokumen("Permohonan Informasi", request.name))
		with as_user(self.users["tim"]), self.assertRaises(frappe.PermissionError):
			api.buat_dari_permohonan(request.name)


class TestLembarDisposisi(DisposisiTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# wkhtmltopdf fetches the print stylesheet from the site's URL: serve /assets locally.
		cls.assets = AssetServer().__enter__()
		cls.addClassCleanup(cls.assets.__exit__)

	def pdf(self, name, **page):
		"""The Lembar Disposisi as a PDF (pypdf reader) and its text, whitespace runs folded to a space."""
		from pypdf import PdfReader

		pdf = frappe.get_print(DOCTYPE, name, "Lembar Disposisi", as_pdf=True, pdf_options=page)
		reader = PdfReader(io.BytesIO(pdf))
		return reader, " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())

	def test_one_page_on_a4_and_f4_with_what_the_sheet_holds(self):
		with self.freeze_time(office(2025, 9, 15, 9, 0)):
			doc = self.send(
				"ketua",
				["sekretaris", "kasubag", "ppid", "tim", "pyb", "petugas"],
				sifat="Segera",
				tanggal="2025-09-15",
				tanggal_surat_asal="2025-09-10",
				tanggal_diterima_surat="2025-09-12",
				jabatan_pemberi="Ketua KPU Kabupaten Pohuwato",
				instruksi=[{"instruksi": i} for i in frappe.get_all("Instruksi Disposisi", pluck="name")],
				arahan="Mohon ditelaah <b>segera</b> dan dilaporkan\nhasilnya kepada saya.",
			)
		for size, options, (width_mm, height_mm) in (
			("A4", {"page-size": "A4"}, (210, 297)),
			("F4", {"page-width": "215mm", "page-height": "330mm"}, (215, 330)),
		):
			with self.subTest(page=size):
				reader, text = self.pdf(doc.name, **options)
				self.assertEqual(len(reader.pages), 1)
				box = reader.pages[0].mediabox
				self.assertAlmostEqual(float(box.width) / 72 * 25.4, width_mm, delta=1)
				self.assertAlmostEqual(float(box.height) / 72 * 25.4, height_mm, delta=1)
				for expected in (
					"LEMBAR DISPOSISI",
					doc.name,
					"Universitas Negeri Gorontalo",
					"123/UN47/PP/2025",
					"10 September 2025",
					"12 September 2025",
					"15 September 2025",
					"Permintaan data pemilih untuk penelitian",
					"\u2612 Segera",
					"\u2610 Sangat Segera",
					"Diteruskan kepada",
					"Untuk ditindaklanjuti",
					"Ketua KPU Kabupaten Pohuwato",
					"Mohon ditelaah <b>segera</b> dan dilaporkan hasilnya",
					"Marisa, 15 September 2025",
				):
					self.assertIn(expected, text)
				# Unticked: the three urgencies not chosen; every instruction is ticked.
				self.assertEqual(text.count("\u2610"), 3)
				self.assertIn("KOMISI PEMILIHAN UMUM", text.upper())

	def test_without_a_kop_surat_the_office_name_heads_the_sheet(self):
		doc = self.send("ketua", ["kasubag"])
		kop = frappe.db.get_single_value("Pengaturan Kantor", "kop_surat")
		frappe.db.set_single_value("Pengaturan Kantor", "kop_surat", None)
		frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		try:
			reader, text = self.pdf(doc.name, **{"page-size": "A4"})
		finally:
			frappe.db.set_single_value("Pengaturan Kantor", "kop_surat", kop)
			frappe.clear_document_cache("Pengaturan Kantor", "Pengaturan Kantor")
		self.assertEqual(len(reader.pages), 1)
		self.assertTrue(text.startswith("KOMISI PEMILIHAN UMUM KABUPATEN POHUWATO"), text[:80])


class TestRekapDisposisi(DisposisiTestCase):
	"""A week in November 2025 (no holidays), the report run on Wednesday 19 Nov at 12.00 WITA."""

	@staticmethod
	def remove_left_behind():
		"""This month's dispositions that an earlier run cut short (a deadlock on a shared site, a killed
		worker) left committed: removed inside this class's transaction, which rolls back at its end."""
		stale = frappe.get_all(
			"Disposisi",
			filters={"dikirim_pada": ["between", ["2025-11-01", "2025-11-30 23:59:59"]]},
			pluck="name",
		)
		stale += frappe.get_all(
			"Disposisi", filters={"tanggal": ["between", ["2025-11-01", "2025-11-30"]]}, pluck="name"
		)
		if not stale:
			return
		for table in ("Penerima Disposisi", "Butir Instruksi Disposisi", "Riwayat Tahap"):
			frappe.db.delete(table, {"parenttype": "Disposisi", "parent": ("in", stale)})
		frappe.db.delete("Disposisi", {"name": ("in", stale)})

	FILTERS = {"from_date": "2025-11-01", "to_date": "2025-11-30"}

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		u = cls.users
		cls.remove_left_behind()

		def sent(moment, to, sifat):
			with frozen(moment):
				return send_disposisi(u, "ketua", to, sifat=sifat).name

		def done(moment, key, name):
			with frozen(moment):
				follow_up(u, key, name)

		# A: Biasa, Mon 10 Nov 08.00 (due Thu 13 Nov 16.00), Kasubag done in 120 min, Tim late (Fri 09.00).
		a = sent(office(2025, 11, 10, 8, 0), ["kasubag", "tim"], "Biasa")
		done(office(2025, 11, 10, 10, 0), "kasubag", a)
		done(office(2025, 11, 14, 9, 0), "tim", a)  # 4 x 480 + 60 = 1980 working minutes
		# B: Sangat Segera, Tue 11 Nov 08.00 (due 12.00), Kasubag done at 11.00 (180 min).
		b = sent(office(2025, 11, 11, 8, 0), ["kasubag"], "Sangat Segera")
		done(office(2025, 11, 11, 11, 0), "kasubag", b)
		# C: Segera, Mon 17 Nov 08.00 (due Tue 18 Nov 16.00), Tim never finishes: late at report time.
		sent(office(2025, 11, 17, 8, 0), ["tim"], "Segera")
		# D: Biasa, Mon 17 Nov 08.00 (due Thu 20 Nov 16.00), PPID still working: open, not late yet.
		sent(office(2025, 11, 17, 8, 0), ["ppid"], "Biasa")
		# Not counted: cancelled, sent in October, and a draft.
		with frozen(office(2025, 11, 12, 8, 0)):
			act(send_disposisi(u, "ketua", ["kasubag"]), "Batalkan", u["ketua"])
			make_disposisi(u, "ketua", ["kasubag"])
		sent(office(2025, 10, 31, 8, 0), ["kasubag"], "Biasa")
		cls.now = office(2025, 11, 19, 12, 0)

	def run_report(self, key):
		from kpu_dumas.kpu_dumas.report.rekap_disposisi.rekap_disposisi import execute

		with self.freeze_time(self.now), as_user(self.users[key]):
			columns, data, _message, chart, summary = execute(frappe._dict(self.FILTERS))
		return columns, {row["penerima"] or "Jumlah": row for row in data}, chart, summary

	def numbers(self, row):
		keys = ("diterima", "selesai", "tepat_waktu", "terlambat", "belum_selesai", "median_menit")
		return tuple(row[k] for k in keys)

	def test_numbers_per_recipient_equal_the_seeded_data(self):
		_columns, rows, chart, summary = self.run_report("ketua")
		u = self.users
		self.assertEqual(set(rows), {u["kasubag"], u["tim"], u["ppid"], "Jumlah"})
		self.assertEqual(self.numbers(rows[u["kasubag"]]), (2, 2, 2, 0, 0, 150))
		self.assertEqual(self.numbers(rows[u["tim"]]), (2, 1, 0, 2, 1, 1980))
		self.assertEqual(self.numbers(rows[u["ppid"]]), (1, 0, 0, 0, 1, None))
		self.assertEqual(self.numbers(rows["Jumlah"]), (5, 3, 2, 2, 2, 180))
		self.assertEqual(rows[u["kasubag"]]["median"], "2 jam 30 menit")
		self.assertEqual(rows[u["kasubag"]]["persen_tepat_waktu"], 100.0)
		self.assertEqual(summary[0]["value"], 5)
		self.assertEqual(len(chart["data"]["labels"]), 3)

	def test_a_kasubag_recaps_only_the_dispositions_they_see(self):
		_columns, rows, _chart, _summary = self.run_report("kasubag")
		u = self.users
		self.assertEqual(set(rows), {u["kasubag"], u["tim"], "Jumlah"})
		self.assertEqual(self.numbers(rows[u["tim"]]), (1, 1, 0, 1, 0, 1980))  # only A, where both are

	def test_excel_export_holds_the_same_numbers(self):
		from openpyxl import load_workbook

		from kpu_dumas.reports.export import build_report_xlsx

		with self.freeze_time(self.now), as_user(self.users["ketua"]):
			content, filename = build_report_xlsx("Rekap Disposisi", json.dumps(self.FILTERS))
		self.assertTrue(filename.endswith(".xlsx"))
		sheet = load_workbook(io.BytesIO(content)).active
		values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
		flat = [str(v) for row in values for v in row if v is not None]
		self.assertIn("REKAPITULASI DISPOSISI", flat)
		kasubag = next(row for row in values if self.users["kasubag"] in row)
		self.assertEqual([v for v in kasubag if isinstance(v, int | float)], [2, 2, 2, 0, 0, 1, 150])
		total = next(row for row in values if "Jumlah" in row)
		self.assertEqual([v for v in total if isinstance(v, int | float)][:5], [5, 3, 2, 2, 2])

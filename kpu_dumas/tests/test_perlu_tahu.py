"""Need to know: a Tim Pemeriksa member sees only the complaints they are on (pengaduan_permissions).

Two complaints: ON_CASE has the member `tim_on` on its team, OFF_CASE has another member. `tim_off` is on
no team at all. Every door a desk user has is tried: the form (getdoc), lists, REST over HTTP,
frappe.client, the report view, each script report, the number cards and the dashboard chart, global
search, the child rows, the attached files, the workflow notifications and assignments, dispositions.
The other roles (Petugas, Kasubag with the Tim role too, PyB, Pimpinan) still see both.

Each door is first shown to reach OFF_CASE for a user who sees all, so the test fails if the door
never reached it in the first place.
"""

import json

import frappe
from frappe.desk.form.load import getdoc
from frappe.desk.query_report import run as run_report
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from kpu_dumas import clock, pengaduan_permissions, roles
from kpu_dumas.api import disposisi as disposisi_api
from kpu_dumas.kpu_dumas.doctype.disposisi.test_disposisi import send_disposisi
from kpu_dumas.reports import dashboard
from kpu_dumas.tests import samples
from kpu_dumas.tests.utils import (
	PASSWORD,
	advance,
	as_user,
	ensure_user,
	list_in_global_search,
	make_all_users,
	make_pengaduan,
	unlist_from_global_search,
)

TIM_ON = "tim.kasus.perlutahu@kpu-dumas.test"
TIM_OFF = "tim.bukan.perlutahu@kpu-dumas.test"
KASUBAG_TIM = "kasubag.tim.perlutahu@kpu-dumas.test"
MARK = "Perlutahu"
ON_SUBJECT = f"{MARK} Zirkonia antrean loket"
OFF_SUBJECT = f"{MARK} Xenotim pungutan liar"
REPORTS = ("Register Pengaduan", "Rekap Pengaduan", "Kepatuhan Mutu Baku")


class TestPerluTahu(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		ensure_user(TIM_ON, [roles.TIM_PEMERIKSA])
		ensure_user(TIM_OFF, [roles.TIM_PEMERIKSA])
		ensure_user(KASUBAG_TIM, [roles.KASUBAG_HUKUM, roles.TIM_PEMERIKSA])
		cls.on_case = cls.make_case(ON_SUBJECT, TIM_ON)
		cls.off_case = cls.make_case(OFF_SUBJECT, cls.users["tim"])
		cls.cases = [cls.on_case, cls.off_case]
		# a disposition about OFF_CASE sent to TIM_OFF (cannot open the complaint through it)
		cls.users["tim_off"] = TIM_OFF
		cls.disposisi = send_disposisi(
			cls.users,
			"ketua",
			["tim_off"],
			perihal=OFF_SUBJECT,
			dokumen_sumber_type="Pengaduan",
			dokumen_sumber=cls.off_case,
		).name
		cls.index_for_search()
		frappe.db.commit()  # the HTTP client has its own connection: it sees committed data only

	@classmethod
	def make_case(cls, subject: str, member: str) -> str:
		doc = make_pengaduan(perihal=subject, tim_pemeriksa=[{"anggota": member}])
		doc.append("bukti", {"berkas": "/files/tidak-ada.pdf", "keterangan": f"{subject} bukti"})
		doc.save(ignore_permissions=True)
		# the main case's row of a merged complaint (written by the system, so straight to the table)
		frappe.get_doc(
			{
				"doctype": "Pengaduan Tergabung",
				"parent": doc.name,
				"parenttype": "Pengaduan",
				"parentfield": "pengaduan_tergabung",
				"pengaduan": doc.name,
				"kanal": "Email",
			}
		).db_insert()
		doc = advance(doc, "Ditelaah", cls.users)  # Nota Dinas, ToDo for the team, Workflow Action
		frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"{doc.name}-bukti.pdf",
				"content": samples.pdf(subject),
				"is_private": 1,
				"attached_to_doctype": "Pengaduan",
				"attached_to_name": doc.name,
			}
		).insert(ignore_permissions=True)
		# the open stage is past due: counted by the number card "Pengaduan Terlambat"
		frappe.db.sql(
			"update `tabRiwayat Tahap` set batas_waktu = %s where parent = %s and keluar is null",
			(frappe.utils.add_days(clock.now(), -1), doc.name),
		)
		return doc.name

	@classmethod
	def index_for_search(cls):
		from frappe.utils.global_search import sync_global_search, update_global_search

		cls.search_was_listed = list_in_global_search("Pengaduan")
		for name in cls.cases:
			update_global_search(frappe.get_doc("Pengaduan", name))
		sync_global_search()

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		names = [*cls.cases, cls.disposisi]
		for name in cls.cases:
			for file in frappe.get_all("File", filters={"attached_to_name": name}, pluck="name"):
				frappe.delete_doc("File", file, force=True, ignore_permissions=True)
		for table in ("Riwayat Tahap", "Bukti Pengaduan", "Pengaduan Tergabung", "Anggota Tim Pemeriksa"):
			frappe.db.delete(table, {"parent": ("in", names)})
		frappe.db.delete("Penerima Disposisi", {"parent": cls.disposisi})
		frappe.db.delete("Butir Instruksi Disposisi", {"parent": cls.disposisi})
		for doctype, field in (
			("ToDo", "reference_name"),
			("Workflow Action", "reference_name"),
			("Notification Log", "document_name"),
			("Surat Terbit", "dokumen"),
			("Comment", "reference_name"),
			("Version", "docname"),
			("__global_search", "name"),
		):
			frappe.db.delete(doctype, {field: ("in", names)})
		identities = frappe.get_all(
			"Pengaduan", filters={"name": ("in", cls.cases)}, pluck="identitas_pelapor"
		)
		frappe.db.delete("Pengaduan", {"name": ("in", cls.cases)})
		frappe.db.delete("Disposisi", {"name": cls.disposisi})
		frappe.db.delete("Identitas Pelapor", {"name": ("in", [i for i in identities if i])})
		if not cls.search_was_listed:
			unlist_from_global_search("Pengaduan")
		frappe.db.commit()
		super().tearDownClass()

	# --- helpers ----------------------------------------------------------------------------------------

	def seen(self, user: str) -> set[str]:
		"""Which of the two complaints `user` finds in the list."""
		with as_user(user):
			return set(frappe.get_list("Pengaduan", filters={"name": ("in", self.cases)}, pluck="name"))

	def assert_only_own(self, found, user: str):
		"""`found` (names) holds ON_CASE for TIM_ON, nothing for TIM_OFF, both for those who see all."""
		found = set(found) & set(self.cases)
		expected = {
			TIM_ON: {self.on_case},
			TIM_OFF: set(),
		}.get(user, set(self.cases))
		self.assertEqual(found, expected, user)

	def http(self, user: str):
		client = get_test_client()
		r = make_request(client.post, ("/api/method/login",), {"data": {"usr": user, "pwd": PASSWORD}})
		self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
		return client

	def get(self, client, path, **params):
		return make_request(client.get, (path,), {"query_string": params})

	# --- the rule ---------------------------------------------------------------------------------------

	def test_who_is_restricted(self):
		self.assertTrue(pengaduan_permissions.restricted(TIM_ON))
		self.assertTrue(pengaduan_permissions.restricted(TIM_OFF))
		for user in (
			KASUBAG_TIM,
			*(self.users[k] for k in ("petugas", "kasubag", "pyb", "pimpinan", "sistem")),
		):
			self.assertFalse(pengaduan_permissions.restricted(user), user)

	def test_list_and_form(self):
		for user in (
			TIM_ON,
			TIM_OFF,
			KASUBAG_TIM,
			*(self.users[k] for k in ("petugas", "kasubag", "pyb", "pimpinan")),
		):
			self.assert_only_own(self.seen(user), user)
		with as_user(TIM_OFF):
			self.assertRaises(frappe.PermissionError, getdoc, "Pengaduan", self.off_case)
			self.assertFalse(frappe.has_permission("Pengaduan", "read", doc=self.off_case))
			self.assertFalse(frappe.has_permission("Pengaduan", "write", doc=self.off_case))
			self.assertFalse(frappe.has_permission("Pengaduan", "print", doc=self.off_case))  # print, PDF
		with as_user(TIM_ON):
			getdoc("Pengaduan", self.on_case)
			self.assertEqual(frappe.response.docs[-1].name, self.on_case)
			self.assertRaises(frappe.PermissionError, getdoc, "Pengaduan", self.off_case)
		for key in ("petugas", "kasubag", "pyb", "pimpinan"):
			with as_user(self.users[key]):
				self.assertTrue(frappe.has_permission("Pengaduan", "read", doc=self.off_case), key)

	def test_frappe_client_and_report_view(self):
		from frappe import client
		from frappe.desk import reportview

		for user in (TIM_ON, TIM_OFF, self.users["petugas"]):
			with as_user(user):
				rows = client.get_list("Pengaduan", filters={"name": ("in", self.cases)})
				self.assert_only_own([row.name for row in rows], user)
				value = client.get_value("Pengaduan", "perihal", {"name": self.off_case})
				self.assertEqual(bool(value), user == self.users["petugas"], user)
				count = pengaduan_permissions.get_count("Pengaduan", filters={"name": ("in", self.cases)})
				self.assertEqual(count, {TIM_ON: 1, TIM_OFF: 0}.get(user, 2), user)
				frappe.local.form_dict = frappe._dict(
					doctype="Pengaduan",
					fields=json.dumps(["`tabPengaduan`.`name`", "`tabPengaduan`.`perihal`"]),
					filters=json.dumps([["Pengaduan", "name", "in", self.cases]]),
				)
				result = reportview.get()
				names = [row[0] for row in result["values"]] if result else []
				self.assert_only_own(names, user)
				frappe.local.form_dict = frappe._dict()
			if user != self.users["petugas"]:
				with as_user(user):
					self.assertRaises(frappe.PermissionError, client.get, "Pengaduan", self.off_case)

	def test_rest_over_http(self):
		for user in (TIM_OFF, TIM_ON, self.users["kasubag"]):
			client = self.http(user)
			r = self.get(client, f"/api/resource/Pengaduan/{self.off_case}")
			self.assertEqual(r.status_code == 200, user == self.users["kasubag"], (user, r.status_code))
			if r.status_code != 200:
				self.assertNotIn(OFF_SUBJECT, r.get_data(as_text=True))
			r = self.get(
				client,
				"/api/resource/Pengaduan",
				fields=json.dumps(["name", "perihal"]),
				filters=json.dumps([["name", "in", self.cases]]),
			)
			self.assertEqual(r.status_code, 200)
			self.assert_only_own([row["name"] for row in r.json["data"]], user)
			r = self.get(
				client,
				"/api/method/frappe.client.get_list",
				doctype="Pengaduan",
				fields=json.dumps(["name"]),
				filters=json.dumps([["name", "in", self.cases]]),
			)
			self.assert_only_own([row["name"] for row in r.json["message"]], user)
			r = self.get(
				client, "/api/method/frappe.desk.form.load.getdoc", doctype="Pengaduan", name=self.off_case
			)
			self.assertEqual(r.status_code == 200, user == self.users["kasubag"], (user, r.status_code))
			# the Desk's report view, as the browser calls it
			r = self.get(
				client,
				"/api/method/frappe.desk.reportview.get",
				doctype="Pengaduan",
				fields=json.dumps(["`tabPengaduan`.`name`", "`tabPengaduan`.`perihal`"]),
				filters=json.dumps([["Pengaduan", "name", "in", self.cases]]),
			)
			self.assertEqual(r.status_code, 200)
			values = (r.json.get("message") or {}).get("values") or []
			self.assert_only_own([row[0] for row in values], user)
			self.assertEqual(OFF_SUBJECT in r.get_data(as_text=True), user == self.users["kasubag"], user)
			# a count filtered on the text would answer questions about the complaint (frappe.db.count)
			r = self.get(
				client,
				"/api/method/frappe.client.get_count",
				doctype="Pengaduan",
				filters=json.dumps([["perihal", "like", "%Xenotim%"]]),
			)
			self.assertEqual(r.json["message"], 1 if user == self.users["kasubag"] else 0, user)
			# a child row fetched on its own, by name
			row = frappe.get_all("Riwayat Tahap", filters={"parent": self.off_case}, pluck="name")[0]
			r = self.get(client, f"/api/resource/Riwayat Tahap/{row}")
			self.assertEqual(r.status_code == 200, user == self.users["kasubag"], (user, r.status_code))

	def test_script_reports(self):
		filters = {"from_date": str(clock.office_today()), "to_date": str(clock.office_today())}

		def complaints_in(report: str, user: str):
			with as_user(user):
				result = run_report(report, filters=filters, ignore_prepared_report=True)
			return result["result"]

		for user in (TIM_ON, TIM_OFF, self.users["petugas"]):
			rows = complaints_in("Register Pengaduan", user)
			self.assert_only_own([row.get("name") for row in rows if isinstance(row, dict)], user)
		# Rekap and Kepatuhan count: a Tim member counts exactly the complaints they are on
		expected = {TIM_ON: 1, TIM_OFF: 0}
		for user, count in expected.items():
			rekap = complaints_in("Rekap Pengaduan", user)
			self.assertEqual(rekap[-1]["jumlah"], count, user)
			stages = complaints_in("Kepatuhan Mutu Baku", user)
			ditelaah = [r for r in stages if r.get("tahap") == "Ditelaah"]
			self.assertEqual(sum(r.get("berjalan_terlambat") or 0 for r in ditelaah), count, user)
		self.assertGreaterEqual(complaints_in("Rekap Pengaduan", self.users["petugas"])[-1]["jumlah"], 2)

	def test_number_cards_and_dashboard_chart(self):
		from frappe.desk.doctype.dashboard_chart.dashboard_chart import get as chart_data
		from frappe.desk.doctype.number_card.number_card import get_result

		card = frappe.get_doc("Number Card", "Pengaduan Dalam Proses")
		chart = "Pengaduan per Bulan"
		counts = {}
		for user in (TIM_ON, TIM_OFF, self.users["petugas"]):
			with as_user(user):
				counts[user] = (
					get_result(card.as_dict(), None),
					dashboard.count_overdue()["value"],
					sum(sum(d["values"]) for d in chart_data(chart_name=chart, refresh=1)["datasets"]),
				)
		self.assertEqual(counts[TIM_ON], (1, 1, 1))
		self.assertEqual(counts[TIM_OFF], (0, 0, 0))
		self.assertTrue(all(n >= 2 for n in counts[self.users["petugas"]]), counts)

	def test_global_search(self):
		from frappe.utils.global_search import search

		with as_user(TIM_OFF):  # Frappe's own search checks only the DocType: the door is real
			self.assertIn(self.off_case, [r.name for r in search(MARK)])
		for user in (TIM_OFF, TIM_ON, self.users["petugas"]):
			client = self.http(user)
			r = self.get(client, "/api/method/frappe.utils.global_search.search", text=MARK)
			self.assertEqual(r.status_code, 200)
			self.assert_only_own(
				[row["name"] for row in r.json["message"] if row["doctype"] == "Pengaduan"], user
			)

	def test_child_rows(self):
		for child in ("Riwayat Tahap", "Bukti Pengaduan", "Pengaduan Tergabung", "Anggota Tim Pemeriksa"):
			for user in (TIM_ON, TIM_OFF, self.users["kasubag"]):
				with as_user(user):
					parents = frappe.get_list(
						child,
						parent_doctype="Pengaduan",
						filters={"parent": ("in", self.cases)},
						pluck="parent",
					)
				self.assert_only_own(parents, user)
		from frappe import client

		for child in ("Riwayat Tahap", "Bukti Pengaduan"):
			off_row = frappe.get_all(child, filters={"parent": self.off_case}, pluck="name")[0]
			on_row = frappe.get_all(child, filters={"parent": self.on_case}, pluck="name")[0]
			with as_user(TIM_OFF):
				self.assertRaises(frappe.PermissionError, client.get, child, off_row, parent="Pengaduan")
			with as_user(TIM_ON):
				self.assertEqual(client.get(child, on_row, parent="Pengaduan")["parent"], self.on_case)

	def test_attached_files(self):
		for user in (TIM_ON, TIM_OFF, self.users["petugas"]):
			with as_user(user):
				listed = frappe.get_list(
					"File", filters={"attached_to_name": ("in", self.cases)}, pluck="attached_to_name"
				)
			self.assert_only_own(listed, user)
		off_file = frappe.get_doc("File", {"attached_to_name": self.off_case})
		on_file = frappe.get_doc("File", {"attached_to_name": self.on_case})
		with as_user(TIM_OFF):
			self.assertFalse(off_file.has_permission("read"))
		with as_user(TIM_ON):
			self.assertTrue(on_file.has_permission("read"))
			self.assertFalse(off_file.has_permission("read"))
		client = self.http(TIM_OFF)
		self.assertEqual(self.get(client, off_file.file_url).status_code, 403)
		client = self.http(TIM_ON)
		self.assertEqual(self.get(client, on_file.file_url).status_code, 200)

	def test_notifications_and_assignments(self):
		# the Ditelaah stage is assigned to the case's team only
		todos = frappe.get_all(
			"ToDo", filters={"reference_name": ("in", self.cases), "status": "Open"}, pluck="allocated_to"
		)
		self.assertIn(TIM_ON, todos)
		self.assertNotIn(TIM_OFF, todos)
		mails = frappe.get_all(
			"Email Queue Recipient",
			filters={"recipient": TIM_OFF},
			pluck="parent",
		)
		refs = frappe.get_all("Email Queue", filters={"name": ("in", mails or [""])}, pluck="reference_name")
		self.assertFalse(set(refs) & set(self.cases))
		logs = frappe.get_all("Notification Log", filters={"for_user": TIM_OFF}, pluck="document_name")
		self.assertFalse(set(logs) & set(self.cases))
		# Workflow Action rows are made per role: the Tim's are narrowed to their cases
		self.assertTrue(frappe.get_all("Workflow Action", filters={"reference_name": self.off_case}))
		for user in (TIM_ON, TIM_OFF):
			with as_user(user):
				pending = frappe.get_list(
					"Workflow Action",
					filters={"reference_name": ("in", self.cases), "reference_doctype": "Pengaduan"},
					pluck="reference_name",
				)
			self.assert_only_own(pending, user)
		action = frappe.get_doc("Workflow Action", {"reference_name": self.off_case, "status": "Open"})
		with as_user(TIM_OFF):
			self.assertFalse(frappe.has_permission("Workflow Action", "read", doc=action))

	def test_disposition_does_not_open_the_complaint(self):
		with as_user(TIM_OFF):
			self.assertTrue(frappe.has_permission("Disposisi", "read", doc=self.disposisi))
			self.assertRaises(frappe.PermissionError, getdoc, "Pengaduan", self.off_case)
			self.assertRaises(frappe.PermissionError, disposisi_api.untuk_dokumen, "Pengaduan", self.off_case)
			self.assertRaises(frappe.PermissionError, disposisi_api.buat_dari_pengaduan, self.off_case)

	def test_a_late_stage_is_told_only_to_the_team_among_the_role(self):
		"""With nobody assigned, the sweep tells every holder of the stage's role: not a Tim member who
		is not on the complaint's team."""
		from kpu_dumas import tasks

		bare = make_pengaduan(perihal=f"{MARK} tanpa penugasan", tim_pemeriksa=[{"anggota": TIM_ON}])
		for doctype, field in (
			("Notification Log", "document_name"),
			("Riwayat Tahap", "parent"),
			("Anggota Tim Pemeriksa", "parent"),
			("Pengaduan", "name"),
		):
			self.addCleanup(frappe.db.delete, doctype, {field: bare.name})
		self.addCleanup(frappe.db.delete, "Identitas Pelapor", bare.identitas_pelapor)
		row = frappe._dict(
			name="perlutahu-tahap",
			parent=bare.name,
			tahap="Ditelaah",
			peran=roles.TIM_PEMERIKSA,
			batas_waktu=clock.now(),
		)
		tasks.notify_late_in_bulk("Pengaduan", [row], clock.now())
		told = set(frappe.get_all("Notification Log", filters={"document_name": bare.name}, pluck="for_user"))
		self.assertIn(TIM_ON, told)
		self.assertNotIn(TIM_OFF, told)
		self.assertNotIn(self.users["tim"], told)
		self.assertIn(KASUBAG_TIM, told)  # a Kasubag (with the Tim role) sees every complaint

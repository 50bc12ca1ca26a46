"""The record is the server's (issue 10): server-owned fields, the stage history and the portal channel
cannot be forged through any door; decisions and dates follow their rules; registered cases are never
deleted and numbers never reused; corrections go through one audited door.

Forging is tried over real HTTP (Frappe's WSGI test client, logged in as each role that may write the
document, System Manager included). The field list is the app's own: kpu_dumas.core.record.SERVER_FIELDS.
"""

from __future__ import annotations

import json

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_test_client, nowdate

from kpu_dumas import clock, roles
from kpu_dumas.api import koreksi
from kpu_dumas.core import record as rules
from kpu_dumas.record import trusted
from kpu_dumas.tests.utils import (
	PASSWORD,
	act,
	advance,
	as_user,
	make_all_users,
	make_pengaduan,
	make_permohonan,
	server_messages,
)

ROLE_USER = {
	"System Manager": "sistem",
	roles.PETUGAS_PENERIMA_ADUAN: "petugas",
	roles.TIM_PEMERIKSA: "tim",
	roles.KASUBAG_HUKUM: "kasubag",
	roles.PEJABAT_BERWENANG: "pyb",
	roles.PIMPINAN: "pimpinan",
	roles.PETUGAS_DESK_INFORMASI: "desk",
	roles.PPID: "ppid",
	roles.ATASAN_PPID: "atasan",
}
OUR_MESSAGE = "tidak dapat diubah"


def writers(doctype: str) -> list[str]:
	"""Roles that the DocType lets write (permlevel 0)."""
	return sorted(
		{
			p.role
			for p in frappe.get_meta(doctype).permissions
			if p.write and not p.permlevel and p.role in ROLE_USER
		}
	)


class RekamanTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.users = make_all_users()
		cls.clients = {}

	def client(self, key: str):
		if key not in self.clients:
			client = get_test_client()
			r = make_request(
				client.post, ("/api/method/login",), {"data": {"usr": self.users[key], "pwd": PASSWORD}}
			)
			self.assertEqual(r.status_code, 200, r.get_data(as_text=True))
			self.clients[key] = client
		return self.clients[key]

	def put(self, key: str, doctype: str, name: str, data: dict):
		return make_request(
			self.client(key).put,
			(f"/api/resource/{doctype}/{name}",),
			{"data": json.dumps(data), "content_type": "application/json"},
		)

	def post(self, key: str, path: str, data: dict):
		return make_request(self.client(key).post, (path,), {"data": data})


class TestServerFields(RekamanTestCase):
	"""Every server-owned field of every DocType, forged by every role that can write the document."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		users = cls.users
		# need to know: the Tim user is on the complaint's team, so its attempts reach the server-field guard
		team = [{"anggota": users["tim"]}]
		complaint = advance(
			make_pengaduan(perihal="Uji rekaman milik server", tim_pemeriksa=team), "Terdaftar", users
		)
		request = act(make_permohonan(), "Registrasi", users["desk"])
		objection = frappe.get_doc(
			{
				"doctype": "Keberatan Informasi",
				"permohonan": request.name,
				"tanggal_penyebab": clock.office_today(),
				"alasan": "c. Tidak ditanggapinya permintaan informasi",
				"kasus_posisi": "Uji rekaman milik server.",
			}
		).insert(ignore_permissions=True)
		objection = act(objection, "Registrasi", users["desk"])
		with as_user(users["sekretaris"]):
			disposition = frappe.get_doc(
				{
					"doctype": "Disposisi",
					"perihal": "Uji rekaman milik server",
					"sifat": "Biasa",
					"penerima": [{"penerima": users["kasubag"]}],
					"instruksi": [{"instruksi": "Untuk ditindaklanjuti"}],
				}
			).insert()
		disposition = act(disposition, "Kirim", users["sekretaris"])
		importer = frappe.get_doc(
			{
				"doctype": "Impor Register",
				"jenis_register": "Pengaduan",
				"tahun": 2019,
				"berkas": "/files/x.xlsx",
			}
		).insert(ignore_permissions=True)
		cls.docs = {
			"Pengaduan": complaint.name,
			"Permohonan Informasi": request.name,
			"Keberatan Informasi": objection.name,
			"Disposisi": disposition.name,
		}
		cls.importer = importer.name
		frappe.db.commit()  # the HTTP client has its own DB connection

	def forged(self, df, current):
		if df.fieldtype == "Datetime":
			return "2099-01-01 00:00:00"
		if df.fieldtype == "Date":
			return "2099-01-01"
		if df.fieldtype in ("Check", "Int"):
			return 0 if current else 1
		if df.fieldtype == "Link" and df.options == "User":
			return "Guest" if current == "Administrator" else "Administrator"
		if df.fieldtype == "Link" and df.options == "Impor Register":
			return self.importer
		if df.fieldtype == "Link":  # an existing record, so only our guard can refuse it
			return frappe.get_all(df.options, filters={"name": ("!=", current or "")}, limit=1, pluck="name")[
				0
			]
		return "PALSU/9"

	def test_every_server_field_refuses_every_writer(self):
		refused_somewhere = set()
		for doctype, name in self.docs.items():
			meta = frappe.get_meta(doctype)
			for field in rules.owned(doctype):
				df = meta.get_field(field.fieldname)
				self.assertIsNotNone(df, f"{doctype}.{field.fieldname} is listed but is not a field")
				for role in writers(doctype):
					key = ROLE_USER[role]
					with self.subTest(doctype=doctype, field=field.fieldname, role=role):
						stored = frappe.db.get_value(doctype, name, field.fieldname)
						r = self.put(key, doctype, name, {field.fieldname: self.forged(df, stored)})
						frappe.db.rollback()  # see the HTTP client's committed state
						after = frappe.db.get_value(doctype, name, field.fieldname)
						self.assertTrue(
							rules.same(df.fieldtype, stored, after), f"{doctype}.{field.fieldname} stored"
						)
						if r.status_code == 200:
							# Only Frappe's permlevel machinery may answer 200: the field sits at a level this
							# role cannot write, and Frappe kept the stored value (checked above).
							self.assertGreater(df.permlevel, 0, server_messages(r))
							continue
						message = server_messages(r)
						# A role that cannot write the field's permlevel: Frappe drops the value, and the
						# save goes on to whatever refuses it (here: the stage's edit rights).
						level_ok = not df.permlevel or any(
							p.role == role and p.write and p.permlevel == df.permlevel
							for p in frappe.get_meta(doctype).permissions
						)
						if level_ok and frappe.has_permission(doctype, "write", name, user=self.users[key]):
							self.assertIn(OUR_MESSAGE, message)
							self.assertIn(df.label, message)
							refused_somewhere.add((doctype, field.fieldname))
		for doctype in self.docs:
			for field in rules.owned(doctype):
				self.assertIn((doctype, field.fieldname), refused_somewhere)

	def test_history_rows_cannot_be_edited_appended_or_deleted(self):
		doctype, name = "Pengaduan", self.docs["Pengaduan"]
		rows = frappe.get_doc(doctype, name).as_dict()["riwayat_tahap"]
		rows = [json.loads(frappe.as_json(r)) for r in rows]
		edited = [dict(r) for r in rows]
		edited[-1].update(batas_waktu="2099-01-01 00:00:00", status="Tepat Waktu")
		appended = [*rows, {"tahap": "Selesai", "status": "Tepat Waktu", "masuk": "2026-01-01 08:00:00"}]
		attempts = {"diubah": edited, "ditambah": appended, "dihapus": rows[:-1]}
		for role in writers(doctype):
			for how, table in attempts.items():
				with self.subTest(role=role, how=how):
					r = self.put(ROLE_USER[role], doctype, name, {"riwayat_tahap": table})
					self.assertEqual(r.status_code, 403, server_messages(r))
					self.assertIn("Riwayat Tahap", server_messages(r))
		frappe.db.rollback()
		stored = frappe.get_doc(doctype, name).riwayat_tahap
		self.assertEqual(
			[(r.name, str(r.batas_waktu), r.status) for r in stored],
			[
				(
					r["name"],
					str(frappe.utils.get_datetime(r["batas_waktu"])) if r["batas_waktu"] else "None",
					r["status"],
				)
				for r in rows
			],
		)

	def test_other_doors_are_closed_too(self):
		name = self.docs["Pengaduan"]
		# frappe.client.set_value (bulk edit uses it), bulk_update and the form's savedocs
		r = self.post(
			"petugas",
			"/api/method/frappe.client.set_value",
			{"doctype": "Pengaduan", "name": name, "fieldname": "batas_keputusan", "value": "2099-01-01"},
		)
		self.assertIn("Batas Keputusan", server_messages(r))
		r = self.post(
			"sistem",
			"/api/method/frappe.client.bulk_update",
			{
				"docs": json.dumps(
					[{"doctype": "Pengaduan", "docname": name, "nomor_tanda_terima": "PALSU/9"}]
				)
			},
		)
		self.assertIn("Nomor Tanda Terima", json.dumps(r.json))
		doc = json.loads(frappe.get_doc("Pengaduan", name).as_json())
		doc["batas_tanggapan_awal"] = "2099-01-01 00:00:00"
		r = self.post(
			"petugas",
			"/api/method/frappe.desk.form.save.savedocs",
			{"doc": json.dumps(doc), "action": "Save"},
		)
		self.assertIn("Batas Tanggapan Awal", server_messages(r))
		# A forged copy sent with a workflow action is replaced by the stored one (apply_workflow reloads).
		doc["nomor_tanda_terima"] = "PALSU/10"
		r = self.post(
			"petugas",
			"/api/method/frappe.model.workflow.apply_workflow",
			{"doc": json.dumps(doc), "action": "Teruskan"},
		)
		frappe.db.rollback()
		self.assertNotEqual(frappe.db.get_value("Pengaduan", name, "nomor_tanda_terima"), "PALSU/10")

	def test_insert_with_server_fields_or_a_chosen_number_is_refused(self):
		base = {
			"perihal": "Uji sisip",
			"kanal": "Surat",
			"uraian": "Uji.",
			"anonim": 1,
		}
		for extra, label in (
			({"nomor_tanda_terima": "PALSU/1"}, "Nomor Tanda Terima"),
			({"batas_keputusan": "2099-01-01 00:00:00"}, "Batas Keputusan"),
			({"kode_lacak": "AAAA-BBBB-CCCC"}, "Kode Lacak"),
			({"kanal": "Website"}, "Kanal Pengaduan"),
			({"name": "DUMAS-2019-00001"}, "Nomor Registrasi"),
			({"diimpor": 1}, "Diimpor dari register lama"),
		):
			with self.subTest(field=label):
				r = self.post("petugas", "/api/resource/Pengaduan", {"data": json.dumps({**base, **extra})})
				self.assertEqual(r.status_code, 403, server_messages(r))
				self.assertIn(label, server_messages(r))

	def test_portal_channel_stays(self):
		doc = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				"perihal": "Dari portal",
				"kanal": "Website",
				"uraian": "Uji.",
				"anonim": 1,
				"persetujuan_pernyataan": 1,
				"tim_pemeriksa": [{"anggota": self.users["tim"]}],  # need to know: the Tim reads it
			}
		)
		trusted(doc).insert(ignore_permissions=True)
		frappe.db.commit()
		self.addCleanup(
			lambda: (
				frappe.db.delete("Riwayat Tahap", {"parent": doc.name}),
				frappe.db.delete("Pengaduan", doc.name),
				frappe.db.commit(),
			)
		)
		for role in writers("Pengaduan"):
			with self.subTest(role=role):
				r = self.put(ROLE_USER[role], "Pengaduan", doc.name, {"kanal": "Surat"})
				self.assertEqual(r.status_code, 403)
				self.assertIn("Kanal Pengaduan", server_messages(r))
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value("Pengaduan", doc.name, "kanal"), "Website")


class TestDecisionsAndDates(RekamanTestCase):
	def test_desk_tolak_only_refuses(self):
		doc = act(make_permohonan(), "Registrasi", self.users["desk"])
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(
				doc,
				"Tolak",
				self.users["desk"],
				keputusan="Dikabulkan Seluruhnya",
				informasi_diberikan="Semua.",
				bentuk_informasi="Softcopy",
				waktu_penyerahan=clock.office_today(),
			)
		self.assertIn("hanya untuk informasi yang dikecualikan", str(ctx.exception))
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, "workflow_state"), "Terdaftar")
		doc = act(
			doc,
			"Tolak",
			self.users["desk"],
			keputusan="Ditolak",
			pasal_pengecualian="Pasal 17 huruf h",
			uji_konsekuensi="Data pribadi.",
		)
		self.assertEqual(doc.workflow_state, "Pemberitahuan")

	def test_each_date_rule_has_its_own_message(self):
		future = add_days(nowdate(), 30)
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_pengaduan(tanggal_diterima=f"{future} 09:00:00")
		self.assertIn("ada di masa depan", str(ctx.exception))
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_pengaduan(tanggal_layanan=nowdate(), tanggal_diterima=f"{add_days(nowdate(), -3)} 09:00:00")
		self.assertIn("sebelum tanggal pelayanan yang diadukan", str(ctx.exception))
		with self.assertRaises(frappe.ValidationError) as ctx:
			make_permohonan(tanggal_diterima=f"{future} 09:00:00")
		self.assertIn("Tanggal permohonan diterima", str(ctx.exception))

		complaint = advance(make_pengaduan(), "Ditanggapi", self.users)
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(
				complaint,
				"Selesaikan",
				self.users["petugas"],
				media_tanggapan="Surat",
				tanggal_disampaikan=add_days(nowdate(), -2),
			)
		self.assertIn("sebelum disetujui", str(ctx.exception))

		request = act(make_permohonan(), "Registrasi", self.users["desk"])
		request = act(
			request,
			"Tolak",
			self.users["desk"],
			keputusan="Ditolak",
			pasal_pengecualian="Pasal 17 huruf h",
			uji_konsekuensi="x",
		)
		with self.assertRaises(frappe.ValidationError) as ctx:
			act(
				request,
				"Serahkan",
				self.users["desk"],
				diserahkan_melalui="Email",
				tanggal_diserahkan=add_days(nowdate(), -5),
			)
		self.assertIn("sebelum pemberitahuan tertulis", str(ctx.exception))
		# The notice itself cannot be moved before the registration, even through the correction door.
		with as_user(self.users["ppid"]), self.assertRaises(frappe.ValidationError) as ctx:
			koreksi.koreksi(
				request.doctype,
				request.name,
				"tanggal_pemberitahuan",
				"2018-01-05",
				"Salah ketik tanggal surat.",
			)
		self.assertIn("tidak boleh sebelum permohonan diterima", str(ctx.exception))


class TestNumbersNeverReused(RekamanTestCase):
	def test_registered_case_cannot_be_deleted_even_by_system_manager(self):
		doc = advance(make_pengaduan(), "Terdaftar", self.users)
		for user in (self.users["sistem"], "Administrator"):
			with as_user(user), self.assertRaises(frappe.PermissionError) as ctx:
				frappe.delete_doc("Pengaduan", doc.name)
			self.assertIn("tidak dapat dihapus", str(ctx.exception))
		self.assertTrue(frappe.db.exists("Pengaduan", doc.name))
		doc = act(
			doc, "Batalkan", self.users["pyb"], alasan_pembatalan="Tercatat ganda dengan pengaduan lain."
		)
		self.assertEqual((doc.workflow_state, doc.docstatus), ("Dibatalkan", 1))

	def test_batalkan_needs_a_reason(self):
		doc = act(make_permohonan(), "Registrasi", self.users["desk"])
		with as_user(self.users["ppid"]), self.assertRaises(frappe.ValidationError) as ctx:
			apply_workflow(frappe.get_doc(doc.doctype, doc.name), "Batalkan")
		self.assertIn("Alasan Pembatalan", str(ctx.exception))

	def test_deleting_a_draft_does_not_make_its_number_reappear(self):
		first = make_pengaduan()
		second = make_pengaduan()
		number = second.name
		with as_user(self.users["sistem"]):
			frappe.delete_doc("Pengaduan", number)  # the last one: Frappe would set the series back
		third = make_pengaduan()
		self.assertNotEqual(third.name, number)
		self.assertGreater(third.name, number)
		self.assertLess(first.name, number)

	def test_letter_counter_skips_a_number_already_held(self):
		from kpu_dumas.numbering import SERIES_PREFIX, issue_letter_number

		today = frappe.utils.getdate()
		taken = issue_letter_number("UJI", today)
		complaint = make_pengaduan()
		frappe.db.set_value("Pengaduan", complaint.name, "nomor_nota_dinas", taken)
		series = frappe.qb.DocType("Series")
		frappe.qb.update(series).set(series.current, series.current - 1).where(
			series.name == f"{SERIES_PREFIX}{today.year}-"
		).run()  # an admin sets the counter back
		self.assertNotEqual(issue_letter_number("UJI", today), taken)


class TestKoreksiData(RekamanTestCase):
	def test_correction_writes_audit_and_letter_shows_it(self):
		doc = advance(make_pengaduan(), "Terdaftar", self.users)
		with as_user(self.users["petugas"]), self.assertRaises(frappe.PermissionError):
			koreksi.koreksi(
				"Pengaduan", doc.name, "nomor_tanda_terima", "001/PP/XII/2026", "Nomor diketik salah."
			)
		with as_user(self.users["pyb"]), self.assertRaises(frappe.ValidationError) as ctx:
			koreksi.koreksi("Pengaduan", doc.name, "nomor_tanda_terima", "001/PP/XII/2026", "")
		self.assertIn("alasan koreksi", str(ctx.exception))
		with as_user(self.users["pyb"]):
			result = koreksi.koreksi(
				"Pengaduan",
				doc.name,
				"nomor_tanda_terima",
				"001/PP.01-SD/XII/2026",
				"Nomor buku agenda yang benar.",
			)
		audit = frappe.get_doc("Koreksi Data", result["koreksi"])
		self.assertEqual(
			(audit.dokumen, audit.kolom, audit.nilai_lama, audit.nilai_baru, audit.dikoreksi_oleh),
			(
				doc.name,
				"nomor_tanda_terima",
				doc.nomor_tanda_terima,
				"001/PP.01-SD/XII/2026",
				self.users["pyb"],
			),
		)
		html = frappe.get_print("Pengaduan", doc.name, "Tanda Terima Pengaduan")
		self.assertIn("001/PP.01-SD/XII/2026", html)
		self.assertNotIn(doc.nomor_tanda_terima, html)
		# Nobody edits or deletes the audit row.
		for user in (self.users["sistem"], "Administrator"):
			with as_user(user):
				row = frappe.get_doc("Koreksi Data", audit.name)
				row.alasan = "diubah"
				with self.assertRaises(frappe.PermissionError):
					row.save(ignore_permissions=True)
				with self.assertRaises(frappe.PermissionError):
					frappe.delete_doc("Koreksi Data", audit.name, ignore_permissions=True)
		self.assertEqual(
			frappe.db.get_value("Koreksi Data", audit.name, "alasan"), "Nomor buku agenda yang benar."
		)

	def test_a_number_held_elsewhere_cannot_be_given(self):
		one = advance(make_pengaduan(), "Terdaftar", self.users)
		two = advance(make_pengaduan(), "Terdaftar", self.users)
		with as_user(self.users["pyb"]), self.assertRaises(frappe.ValidationError) as ctx:
			koreksi.koreksi(
				"Pengaduan",
				two.name,
				"nomor_tanda_terima",
				one.nomor_tanda_terima,
				"Disamakan dengan yang lain.",
			)
		self.assertIn("sudah dipakai", str(ctx.exception))


class TestTrackChanges(RekamanTestCase):
	def test_every_doctype_of_ours_tracks_changes(self):
		from kpu_dumas.setup.install import OUR_DOCTYPES

		for doctype in OUR_DOCTYPES:
			meta = frappe.get_meta(doctype)
			if not meta.istable:
				self.assertTrue(meta.track_changes, doctype)

	def test_identity_stays_out_of_version_diffs(self):
		doc = make_permohonan(telepon="081200001111")
		doc.reload()
		doc.telepon = "081299998888"
		doc.save(ignore_permissions=True, ignore_version=False)
		version = frappe.get_last_doc("Version", filters={"ref_doctype": doc.doctype, "docname": doc.name})
		self.assertIn("telepon", version.data)
		self.assertNotIn("081299998888", version.data)
		self.assertNotIn("081200001111", version.data)

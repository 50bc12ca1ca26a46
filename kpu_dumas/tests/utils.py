"""Factories and helpers shared by the site tests (tier 2). Real site, real MariaDB, real users."""

from __future__ import annotations

import json
import os
import threading
from contextlib import contextmanager
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import get_datetime

from kpu_dumas import clock, roles

PASSWORD = "Uji#Dumas2026!"

# One test user per SOP role, plus an unrelated desk user.
USERS = {
	"petugas": ("petugas.uji@kpu-dumas.test", [roles.PETUGAS_PENERIMA_ADUAN]),
	"tim": ("tim.uji@kpu-dumas.test", [roles.TIM_PEMERIKSA]),
	"kasubag": ("kasubag.uji@kpu-dumas.test", [roles.KASUBAG_HUKUM]),
	"pyb": ("pyb.uji@kpu-dumas.test", [roles.PEJABAT_BERWENANG]),
	"pimpinan": ("pimpinan.uji@kpu-dumas.test", [roles.PIMPINAN]),
	"lain": ("staf.lain.uji@kpu-dumas.test", [roles.PETUGAS_DESK_INFORMASI]),
	# Dispositions: Ketua -> Sekretaris -> Kasubag (Role Profiles "Ketua dan Anggota KPU", "Sekretaris KPU").
	"ketua": ("ketua.uji@kpu-dumas.test", [roles.PIMPINAN, roles.PEJABAT_BERWENANG, roles.ATASAN_PPID]),
	"sekretaris": ("sekretaris.uji@kpu-dumas.test", [roles.PIMPINAN, roles.PEJABAT_BERWENANG, roles.PPID]),
	"desk": ("desk.informasi.uji@kpu-dumas.test", [roles.PETUGAS_DESK_INFORMASI]),
	"ppid": ("ppid.uji@kpu-dumas.test", [roles.PPID]),
	"atasan": ("atasan.ppid.uji@kpu-dumas.test", [roles.ATASAN_PPID]),
	"sistem": ("sistem.uji@kpu-dumas.test", ["System Manager"]),
}


def server_messages(response) -> str:
	"""The messages (frappe.throw / msgprint) of a test-client response, one per line."""
	body = response.json or {}
	return "\n".join(
		json.loads(m).get("message", "") for m in json.loads(body.get("_server_messages") or "[]")
	)


def office(*args) -> datetime:
	"""A wall-clock moment at the office (Pohuwato, WITA), as the site's system-zone naive datetime."""
	return clock.to_system(datetime(*args), clock.get_calendar())


def at_office(value) -> datetime:
	"""A stored (system-zone) datetime as the office's wall clock reads it."""
	return clock.to_office(get_datetime(value), clock.get_calendar())


def ensure_user(email: str, role_list, first_name: str | None = None, website: bool = False) -> str:
	"""A test user with exactly `role_list` (a Website User when `website`), password PASSWORD."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name or email.split("@")[0],
				"last_name": "Uji" if first_name else None,
				"send_welcome_email": 0,
				"user_type": "Website User" if website else "System User",
				"new_password": PASSWORD,
			}
		)
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	user = frappe.get_doc("User", email)
	if {r.role for r in user.roles} != set(role_list):
		user.set("roles", [{"role": r} for r in role_list])
		user.save(ignore_permissions=True)
	return email


def make_user(key: str) -> str:
	email, role_list = USERS[key]
	return ensure_user(email, role_list, first_name=key.capitalize())


def make_all_users() -> dict[str, str]:
	return {key: make_user(key) for key in USERS}


@contextmanager
def as_user(email: str):
	previous = frappe.session.user
	frappe.set_user(email)
	try:
		yield
	finally:
		frappe.set_user(previous)


def delete_identities(field: str, values) -> None:
	"""Test cleanup: delete the Identitas Pelapor whose `field` is one of `values`. The column holds
	ciphertext (kpu_dumas.kerahasiaan), so the rows are read and decrypted, not filtered in SQL."""
	from kpu_dumas.kerahasiaan import decrypt

	wanted = set(values)
	rows = frappe.get_all("Identitas Pelapor", fields=["name", field])
	if names := [r.name for r in rows if decrypt(r.get(field)) in wanted]:
		frappe.db.delete("Identitas Pelapor", {"name": ("in", names)})


def make_identitas(**values):
	data = {
		"doctype": "Identitas Pelapor",
		"nama_lengkap": "Siti Rahmawati Uji",
		"jenis_identitas": "KTP",
		"nomor_identitas": "7503014501900002",
		"alamat": "Jl. Trans Sulawesi No. 1, Marisa",
		"telepon": "081234567890",
		"email": "siti.uji@contoh.id",
		"pekerjaan": "Wiraswasta",
	}
	data.update(values)
	return frappe.get_doc(data).insert(ignore_permissions=True)


def make_pengaduan(anonim=False, rahasia=False, identitas=None, **values):
	data = {
		"doctype": "Pengaduan",
		"perihal": "Antrean layanan terlalu lama",
		"kanal": "Langsung (Meja Layanan)",
		"kategori": "Pelayanan Administrasi",
		"uraian": "Pelapor menunggu lebih dari tiga jam tanpa kejelasan.",
		"anonim": 1 if anonim else 0,
		"rahasia": 1 if rahasia else 0,
	}
	if not anonim:
		data["identitas_pelapor"] = (identitas or make_identitas()).name
	data.update(values)
	return frappe.get_doc(data).insert(ignore_permissions=True)


COMPLETE = {"cek_uraian": 1, "cek_identitas": 1, "cek_alamat": 1, "cek_bukti": 1, "cek_kewenangan": 1}


def act(doc, action: str, user: str, **fields):
	"""Save `fields` and apply a workflow action as `user`, the way the Desk does; return the fresh doc."""
	with as_user(user):
		doc = frappe.get_doc(doc.doctype, doc.name)
		if fields:
			doc.update(fields)
			doc.save()
		apply_workflow(doc, action)
	return frappe.get_doc(doc.doctype, doc.name)


def advance(doc, to_state: str, users: dict[str, str]):
	"""Walk a complaint along the happy path, from its current state, until it reaches `to_state`."""
	path = {
		"Diterima": ("Registrasi", "petugas", COMPLETE),
		"Terdaftar": ("Teruskan", "petugas", {}),
		"Ditelaah": (
			"Ajukan Rekomendasi",
			"tim",
			{
				"hasil_telaah": "Antrean memang melebihi standar pelayanan.",
				"kesimpulan": "Terbukti",
				"jenis_rekomendasi": "Perbaikan Layanan",
				"rekomendasi": "Tambah petugas loket pada jam sibuk.",
			},
		),
		"Rekomendasi": (
			"Setujui",
			"pyb",
			{"tanggapan": "<p>Terima kasih, loket tambahan dibuka mulai pekan depan.</p>"},
		),
		"Ditanggapi": ("Selesaikan", "petugas", {"media_tanggapan": "Email"}),
	}
	while doc.workflow_state != to_state:
		action, who, fields = path[doc.workflow_state]
		if doc.workflow_state == "Terdaftar" and not doc.tim_pemeriksa and users.get("tim"):
			# need to know: the Tim member who examines it must be on its team (pengaduan_permissions)
			fields = {**fields, "tim_pemeriksa": [{"anggota": users["tim"]}]}
		doc = act(doc, action, users[who], **fields)
	return doc


def join_team(doc, user: str):
	"""Put `user` on the complaint's Tim Pemeriksa (need to know: kpu_dumas.pengaduan_permissions), as
	the Petugas does before Teruskan, without a save of the case."""
	if not any(row.anggota == user for row in doc.tim_pemeriksa):
		row = {"parent": doc.name, "parenttype": doc.doctype, "parentfield": "tim_pemeriksa"}
		frappe.get_doc(
			{"doctype": "Anggota Tim Pemeriksa", **row, "anggota": user, "idx": len(doc.tim_pemeriksa) + 1}
		).db_insert()
		doc.reload()
	return doc


def make_permohonan(**values):
	data = {
		"doctype": "Permohonan Informasi",
		"kanal": "Langsung (Meja Layanan)",
		"jenis_pemohon": "Perorangan",
		"nama_pemohon": "Andi Pemohon Uji",
		"jenis_identitas": "KTP",
		"nomor_identitas": "7503010101900001",
		"alamat": "Jl. Merdeka 2, Marisa",
		"telepon": "081298765432",
		"email": "andi.uji@contoh.id",
		"informasi_diminta": "Salinan keputusan penetapan DPT Pemilu 2024 Kabupaten Pohuwato.",
		"tujuan_penggunaan": "Penelitian skripsi.",
		"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
		"cara_mendapatkan_salinan": "Email",
	}
	data.update(values)
	return frappe.get_doc(data).insert(ignore_permissions=True)


GRANTED_NOTICE = {
	"keputusan": "Dikabulkan Seluruhnya",
	"informasi_diberikan": "Salinan SK penetapan DPT.",
	"bentuk_informasi": "Softcopy",
	"waktu_penyerahan": "2026-03-20",
}


class AssetServer:
	"""Serves the bench's /assets over HTTP while the tests run, and points the site's URL at it.

	wkhtmltopdf fetches Frappe's print stylesheet from the site's URL, as it does behind a real web
	server; no web server runs during the tests and the test site's name does not resolve.
	"""

	def __enter__(self):
		sites = os.path.abspath(frappe.local.sites_path)

		class Handler(SimpleHTTPRequestHandler):
			def __init__(self, *args, **kwargs):
				super().__init__(*args, directory=sites, **kwargs)

			def do_GET(self):
				if not self.path.startswith("/assets/"):
					return self.send_error(404)
				return super().do_GET()

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		self.host_name = frappe.local.conf.get("host_name")
		frappe.local.conf.host_name = f"http://127.0.0.1:{self.server.server_port}"
		return self

	def __exit__(self, *exc):
		frappe.local.conf.host_name = self.host_name
		self.server.shutdown()
		self.server.server_close()


def list_in_global_search(doctype: str) -> bool:
	"""Put `doctype` in Global Search Settings (as an admin would, to search complaints from the awesome
	bar); returns whether it was listed already, for `unlist_from_global_search` afterwards."""
	settings = frappe.get_single("Global Search Settings")
	listed = any(r.document_type == doctype for r in settings.allowed_in_global_search)
	if not listed:
		settings.append("allowed_in_global_search", {"document_type": doctype})
		settings.save(ignore_permissions=True)
	frappe.cache.hdel("global_search", "search_priorities")
	return listed


def unlist_from_global_search(doctype: str) -> None:
	settings = frappe.get_single("Global Search Settings")
	settings.set(
		"allowed_in_global_search",
		[r for r in settings.allowed_in_global_search if r.document_type != doctype],
	)
	settings.save(ignore_permissions=True)
	frappe.cache.hdel("global_search", "search_priorities")


# The portal's per-reporter and guest limits, off for test classes that file many submissions from one
# reporter (the limits have their own tests: test_batas_pengajuan).
PORTAL_LIMITS_OFF = {"batas_pengajuan_harian": 0, "batas_pengajuan_tamu_per_menit": 0}


def set_office_settings(values: dict) -> dict:
	"""Set Pengaturan Kantor values; returns the previous ones, to set back the same way."""
	previous = {f: frappe.db.get_single_value("Pengaturan Kantor", f) for f in values}
	frappe.db.set_single_value("Pengaturan Kantor", dict(values))  # Frappe adds `modified` to the dict
	return previous

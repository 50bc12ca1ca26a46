"""Demo data for the tier-3 browser tests (tests/browser) and README screenshots.

    bench --site kpu.test execute kpu_dumas.tests.browser_fixtures.seed

Idempotent: users are updated in place, complaints are found by perihal and recreated only when a
previous run moved them out of the state the browser checks expect. The last line printed is a JSON
dict of the names the browser runner needs.
"""

from __future__ import annotations

import json
import time
import traceback

import frappe
from frappe.model.workflow import apply_workflow
from frappe.utils import add_days, now_datetime, today
from frappe.utils.password import update_password

from kpu_dumas import pengungkapan
from kpu_dumas.record import trusted
from kpu_dumas.setup.install import reset_prepared_reports

PASSWORD = "Dumas#2026!uji"

USERS = {
	"petugas": ("petugas@kpu-dumas.test", "Rina", "Wulandari", "Petugas Penerima Aduan"),
	"tim": ("tim@kpu-dumas.test", "Andi", "Pratama", "Tim Pemeriksa Pengaduan"),
	"pyb": ("pyb@kpu-dumas.test", "Hendra", "Gunawan", "Pejabat Yang Berwenang"),
}

# A member of staff who also keeps the office's books in ERPNext: both kinds of roles on one user.
USER_GABUNGAN = ("staf.gabungan@kpu-dumas.test", "Dewi", "Lestari")
ROLES_GABUNGAN_KPU = ("Petugas Penerima Aduan", "Petugas Desk Informasi", "Kasubag Hukum dan SDM")
ROLES_GABUNGAN_ERPNEXT = ("Accounts User", "Sales User", "Stock User")
# ERPNext workspaces those roles open, as the sidebar titles them.
WORKSPACES_ERPNEXT = ("Accounting", "Selling", "Stock")

PERIHAL_BIASA = "Antrean layanan informasi terlalu lama"
PERIHAL_RAHASIA = "Dugaan pungutan pada layanan salinan dokumen"

REPORTER_BIASA = {
	"nama_lengkap": "Siti Rahmawati",
	"jenis_identitas": "KTP",
	"nomor_identitas": "7503014501900002",
	"pekerjaan": "Wiraswasta",
	"alamat": "Jl. Nani Wartabone No. 12, Marisa, Kabupaten Pohuwato, Gorontalo",
	"telepon": "081234567890",
	"email": "siti.rahmawati@contoh.id",
}
REPORTER_RAHASIA = {
	"nama_lengkap": "Yusuf Hasanudin",
	"jenis_identitas": "KTP",
	"nomor_identitas": "7503011203880001",
	"pekerjaan": "Guru",
	"alamat": "Jl. Trans Sulawesi No. 45, Paguat, Kabupaten Pohuwato, Gorontalo",
	"telepon": "085298765432",
	"email": "yusuf.hasanudin@contoh.id",
}
CHECKLIST = ("cek_uraian", "cek_identitas", "cek_alamat", "cek_bukti", "cek_kewenangan")


def seed(attempts: int = 5):
	"""Create or refresh the demo data; retried when a concurrent writer causes a lock deadlock."""
	for attempt in range(1, attempts + 1):
		try:
			return _seed()
		except (frappe.QueryDeadlockError, frappe.QueryTimeoutError):
			frappe.db.rollback()
			if attempt == attempts:
				traceback.print_exc()
				raise
			time.sleep(attempt)
		except Exception:
			# `bench execute` hides the real error behind a NameError from its eval fallback.
			traceback.print_exc()
			raise


def _seed():
	frappe.set_user("Administrator")
	# Show Desk times in the office's zone (WIB/WITA/WIT), not the server's.
	time_zone = frappe.db.get_single_value("Pengaturan Kantor", "zona_waktu") or "Asia/Jakarta"
	users = {key: ensure_user(*spec, time_zone=time_zone) for key, spec in USERS.items()}
	erpnext = "erpnext" in frappe.get_installed_apps()
	roles = ROLES_GABUNGAN_KPU + (ROLES_GABUNGAN_ERPNEXT if erpnext else ())
	users["gabungan"] = ensure_user(*USER_GABUNGAN, roles, time_zone=time_zone)
	# The specs file with the same demo NIKs run after run: the per-reporter daily limit would stop them
	# after a few runs in one office day (the limit itself is proven in test_batas_pengajuan).
	frappe.db.set_single_value("Pengaturan Kantor", "batas_pengajuan_harian", 0)
	reset_prepared_reports()  # the specs read the reports' live result
	biasa = ensure_complaint_biasa()
	rahasia = ensure_complaint_rahasia(users["tim"])
	frappe.db.commit()
	pengungkapan.clear_grants()  # every run starts with the rahasia identity sealed (pengungkapan.spec)
	frappe.set_user("Administrator")
	result = {
		"users": users,
		"password": PASSWORD,
		"erpnext": erpnext,
		"workspaces_erpnext": list(WORKSPACES_ERPNEXT) if erpnext else [],
		"pengaduan_biasa": biasa.name,
		"pengaduan_rahasia": rahasia.name,
		"pelapor_biasa": REPORTER_BIASA["nama_lengkap"],
		"pelapor_rahasia": REPORTER_RAHASIA["nama_lengkap"],
		"nik_rahasia": REPORTER_RAHASIA["nomor_identitas"],
		"identitas_rahasia": rahasia.identitas_pelapor,
		"disposisi": seed_disposisi(time_zone),
		"informasi": seed_informasi(time_zone),
		"jalur": seed_jalur(),
		"statistik": seed_statistik(),
		"verifikasi": seed_verifikasi(rahasia.name),
		"aksesibilitas": seed_aksesibilitas(),
		"profil_sop": seed_profil_sop(time_zone),
		"email": seed_email(),
	}
	print(json.dumps(result))


def ensure_user(email: str, first_name: str, last_name: str, role: str | tuple, time_zone: str) -> str:
	"""Create the demo user, or bring an existing one back to the demo values.

	An unchanged user is not saved again (User.validate writes global defaults, which deadlocks
	against concurrent writers); its password is reset directly.
	"""
	values = {
		"first_name": first_name,
		"last_name": last_name,
		"enabled": 1,
		"user_type": "System User",
		"language": "id",
		"time_zone": time_zone,
	}
	wanted = (role,) if isinstance(role, str) else tuple(role)
	if not frappe.db.exists("User", email):
		user = frappe.get_doc({"doctype": "User", "email": email, "send_welcome_email": 0, **values})
		for one in wanted:
			user.append("roles", {"role": one})
		user.new_password = PASSWORD
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
		return user.name

	user = frappe.get_doc("User", email)
	changed = any(user.get(k) != v for k, v in values.items())
	user.update(values)
	for one in wanted:
		if one not in [r.role for r in user.roles]:
			user.append("roles", {"role": one})
			changed = True
	if changed:
		user.send_welcome_email = 0
		user.save(ignore_permissions=True)
	update_password(email, PASSWORD)
	return user.name


def ensure_reporter(values: dict) -> str:
	name = frappe.db.get_value(
		"Identitas Pelapor",
		{"nama_lengkap": values["nama_lengkap"], "nomor_identitas": values["nomor_identitas"]},
	)
	if name:
		return name
	doc = frappe.get_doc({"doctype": "Identitas Pelapor", **values})
	doc.insert(ignore_permissions=True)
	return doc.name


def find_complaint(perihal: str, expected_state: str, fresh: callable):
	"""The seeded complaint if it is still as the browser checks expect; otherwise recreate it."""
	name = frappe.db.get_value("Pengaduan", {"perihal": perihal}, "name", order_by="creation desc")
	if name:
		doc = frappe.get_doc("Pengaduan", name)
		if doc.workflow_state == expected_state and fresh(doc):
			return doc
		remove(doc)
	return None


def remove(doc):
	if doc.docstatus == 1:
		doc.flags.ignore_permissions = True
		doc.cancel()
	# Demo data only: a registered case is never deleted in use (its on_trash refuses), here it is.
	frappe.delete_doc("Pengaduan", doc.name, ignore_permissions=True, force=True, ignore_on_trash=True)


def ensure_complaint_biasa():
	doc = find_complaint(
		PERIHAL_BIASA, "Diterima", lambda d: not any(d.get(f) for f in CHECKLIST) and d.identitas_pelapor
	)
	if doc:
		return doc
	doc = frappe.get_doc(
		{
			"doctype": "Pengaduan",
			"perihal": PERIHAL_BIASA,
			"kanal": "Langsung (Meja Layanan)",
			"kategori": "Pelayanan Informasi Publik",
			"tanggal_diterima": now_datetime(),
			"tanggal_layanan": add_days(today(), -3),
			"identitas_pelapor": ensure_reporter(REPORTER_BIASA),
			"uraian": (
				"Pelapor datang ke meja layanan informasi pada hari Senin pukul 09.00 WITA untuk meminta "
				"salinan Keputusan KPU tentang penetapan daftar pemilih tetap. Pelapor menunggu lebih dari "
				"dua jam tanpa kepastian karena petugas meja layanan tidak berada di tempat."
			),
			"teradu": "Subbagian Teknis dan Hubungan Masyarakat",
			"permintaan_penyelesaian": "Petugas meja layanan informasi selalu tersedia pada jam layanan.",
		}
	)
	doc.insert(ignore_permissions=True)
	return doc


def ensure_complaint_rahasia(tim_user: str):
	doc = find_complaint(
		PERIHAL_RAHASIA,
		"Ditelaah",
		lambda d: d.rahasia and tim_user in [r.anggota for r in d.tim_pemeriksa],
	)
	if doc:
		return doc
	doc = frappe.get_doc(
		{
			"doctype": "Pengaduan",
			"perihal": PERIHAL_RAHASIA,
			"kanal": "Surat",
			"kategori": "Perilaku atau Etika Petugas",
			"tanggal_diterima": now_datetime(),
			"tanggal_layanan": add_days(today(), -5),
			"rahasia": 1,
			"identitas_pelapor": ensure_reporter(REPORTER_RAHASIA),
			"uraian": (
				"Pelapor menyampaikan bahwa untuk memperoleh salinan berita acara rekapitulasi, seorang "
				"oknum meminta sejumlah uang di luar ketentuan. Pelapor meminta identitasnya dirahasiakan."
			),
			"teradu": "Oknum petugas layanan",
			"tim_pemeriksa": [{"anggota": tim_user}],
		}
	)
	doc.insert(ignore_permissions=True)
	for field in CHECKLIST:
		doc.set(field, 1)
	doc.save(ignore_permissions=True)
	doc = apply_workflow(doc, "Registrasi")
	doc.reload()
	apply_workflow(doc, "Teruskan")
	doc.reload()
	return doc


# --- Jalur (tests/browser/jalur.spec.mjs) -------------------------------------------------------------

REPORTER_JALUR = {
	"nama_lengkap": "Yolanda Mokoginta",
	"jenis_identitas": "KTP",
	"nomor_identitas": "7503016406930003",
	"alamat": "Jl. Nani Wartabone No. 3, Marisa",
	"telepon": "081356781234",
	"email": "yolanda.demo@contoh.id",
}
PERIHAL_JALUR_UTAMA = "Petugas PPK Kecamatan Paguat meminta uang untuk pindah memilih"
PERIHAL_JALUR_DUPLIKAT = "Petugas PPK Paguat meminta uang agar bisa pindah memilih"
PERIHAL_JALUR_TERUSKAN = "Anggota KPU kabupaten bertemu calon legislatif di luar jadwal resmi"


def seed_jalur() -> dict:
	"""Fresh every run: a portal complaint, the same complaint again by letter from the same NIK (flagged
	as a possible duplicate, to be merged in the Desk), and a rahasia complaint to forward to DKPP."""
	frappe.set_user("Administrator")
	for perihal in (PERIHAL_JALUR_DUPLIKAT, PERIHAL_JALUR_UTAMA, PERIHAL_JALUR_TERUSKAN):
		for name in frappe.get_all("Pengaduan", filters={"perihal": perihal}, pluck="name"):
			remove(frappe.get_doc("Pengaduan", name))
	reporter = ensure_reporter(REPORTER_JALUR)
	common = {"doctype": "Pengaduan", "kategori": "Tahapan Pemilu/Pemilihan", "identitas_pelapor": reporter}
	main = frappe.get_doc(
		{
			**common,
			"perihal": PERIHAL_JALUR_UTAMA,
			"kanal": "Website",
			"tanggal_diterima": add_days(now_datetime(), -2),
			"uraian": "Petugas PPK meminta Rp100.000 agar saya dapat pindah memilih ke TPS dekat tempat kerja.",
			"persetujuan_pernyataan": 1,
		}
	)
	trusted(main).insert(ignore_permissions=True)  # as the portal files it
	duplicate = frappe.get_doc(
		{
			**common,
			"perihal": PERIHAL_JALUR_DUPLIKAT,
			"kanal": "Surat",
			"tanggal_diterima": now_datetime(),
			"uraian": "Surat pengaduan yang sama dengan yang saya kirim lewat laman, dikirim lewat pos.",
		}
	).insert(ignore_permissions=True)
	forward = frappe.get_doc(
		{
			**common,
			"perihal": PERIHAL_JALUR_TERUSKAN,
			"kanal": "Langsung (Meja Layanan)",
			"rahasia": 1,
			"identitas_pelapor": ensure_reporter(
				{
					**REPORTER_JALUR,
					"nama_lengkap": "Pelapor Rahasia Demo",
					"nomor_identitas": "7503015512880002",
				}
			),
			"uraian": "Seorang anggota KPU kabupaten terlihat makan malam bersama calon legislatif sehari sebelum pleno.",
		}
	).insert(ignore_permissions=True)
	if not frappe.db.get_value("Instansi Berwenang", "DKPP", "alamat"):
		frappe.db.set_value(
			"Instansi Berwenang",
			"DKPP",
			{"alamat": "Jl. Abdul Muis No. 2, Jakarta Pusat", "email": "dkpp@contoh.id"},
		)
	frappe.db.commit()
	return {
		"utama": main.name,
		"duplikat": duplicate.name,
		"kode_duplikat": duplicate.get_password("kode_lacak"),
		"teruskan": forward.name,
		"kode_teruskan": forward.get_password("kode_lacak"),
		"pelapor": REPORTER_JALUR["nama_lengkap"],
		"nik": REPORTER_JALUR["nomor_identitas"],
	}


# --- Disposisi (tests/browser/disposisi.spec.mjs) ------------------------------------------------------

DISPOSISI_USERS = {
	"ketua": ("ketua@kpu-dumas.test", "Yusran", "Mohamad", "Pimpinan"),
	"kasubag": ("kasubag@kpu-dumas.test", "Fitriani", "Ismail", "Kasubag Hukum dan SDM"),
}
PERIHAL_DISPOSISI = "Permohonan salinan SK penetapan DPT Pemilu 2024"


def seed_disposisi(time_zone: str | None = None) -> dict:
	"""A disposition the Ketua sent to the Kasubag, unread, with the Kasubag's ToDo open.

	Earlier runs' copies (the browser check closes it) are removed outright and a fresh one is sent.
	"""
	frappe.set_user("Administrator")
	time_zone = time_zone or frappe.db.get_single_value("Pengaturan Kantor", "zona_waktu") or "Asia/Jakarta"
	users = {key: ensure_user(*spec, time_zone=time_zone) for key, spec in DISPOSISI_USERS.items()}
	for name in frappe.get_all("Disposisi", filters={"perihal": PERIHAL_DISPOSISI}, pluck="name"):
		for table, field in (
			("Penerima Disposisi", "parent"),
			("Butir Instruksi Disposisi", "parent"),
			("Riwayat Tahap", "parent"),
			("ToDo", "reference_name"),
			("Notification Log", "document_name"),
			("Comment", "reference_name"),
			("Version", "docname"),
		):
			frappe.db.delete(table, {field: name})
		frappe.db.delete("Disposisi", {"name": name})
	doc = frappe.get_doc(
		{
			"doctype": "Disposisi",
			"perihal": PERIHAL_DISPOSISI,
			"sifat": "Segera",
			"asal_surat": "Lembaga Bantuan Hukum Gorontalo",
			"nomor_surat_asal": "045/LBH-GTO/IX/2025",
			"tanggal_surat_asal": add_days(today(), -3),
			"tanggal_diterima_surat": add_days(today(), -1),
			"dari": users["ketua"],
			"jabatan_pemberi": "Ketua KPU Kabupaten Pohuwato",
			"penerima": [{"penerima": users["kasubag"], "jabatan": "Kepala Subbagian Hukum dan SDM"}],
			"instruksi": [{"instruksi": "Untuk ditindaklanjuti"}, {"instruksi": "Siapkan jawaban/konsep"}],
			"arahan": "Siapkan salinan SK yang diminta dan konsep surat jawabannya.",
		}
	)
	frappe.set_user(users["ketua"])
	doc.insert()
	apply_workflow(doc, "Kirim")
	frappe.set_user("Administrator")
	frappe.db.commit()
	return {"name": doc.name, "perihal": PERIHAL_DISPOSISI, "users": users, "password": PASSWORD}


# --- Permohonan Informasi (tests/browser/informasi.spec.mjs) ------------------------------------------

INFORMASI_USERS = {
	"ppid": ("ppid@kpu-dumas.test", "Dewi", "Lestari", "PPID"),
}
INFORMASI_DIPUTUSKAN = (
	"Salinan Keputusan KPU Kabupaten Pohuwato tentang penetapan DPT Pemilu 2024 beserta lampirannya."
)
PEMOHON_DIPUTUSKAN = {
	"jenis_pemohon": "Perorangan",
	"nama_pemohon": "Ahmad Fauzi Lamato",
	"jenis_identitas": "KTP",
	"nomor_identitas": "7503011708930004",
	"alamat": "Jl. Pelabuhan No. 3, Marisa, Kabupaten Pohuwato",
	"pekerjaan": "Mahasiswa",
	"telepon": "081356781234",
	"email": "ahmad.fauzi@contoh.id",
}
KEPUTUSAN_SEBAGIAN = {
	"keputusan": "Dikabulkan Sebagian",
	"informasi_diberikan": "Salinan keputusan penetapan DPT; lampiran daftar pemilih tanpa NIK dan tanggal lahir.",
	"bentuk_informasi": "Softcopy",
	"biaya": 0,
	"pasal_pengecualian": "Pasal 17 huruf h",
	"uji_konsekuensi": "Lampiran memuat NIK dan tanggal lahir pemilih; membukanya mengungkap data pribadi.",
	"bagian_dihitamkan": "Kolom NIK dan tanggal lahir pada lampiran daftar pemilih.",
}


def seed_informasi(time_zone: str | None = None) -> dict:
	"""An information request the PPID has decided (Pemberitahuan, Dikabulkan Sebagian).

	Kept while it is still in that state with that decision; otherwise removed and walked again.
	"""
	frappe.set_user("Administrator")
	time_zone = time_zone or frappe.db.get_single_value("Pengaturan Kantor", "zona_waktu") or "Asia/Jakarta"
	users = {key: ensure_user(*spec, time_zone=time_zone) for key, spec in INFORMASI_USERS.items()}
	name = frappe.db.get_value(
		"Permohonan Informasi", {"informasi_diminta": INFORMASI_DIPUTUSKAN}, "name", order_by="creation desc"
	)
	doc = frappe.get_doc("Permohonan Informasi", name) if name else None
	if doc and not (
		doc.workflow_state == "Pemberitahuan" and doc.keputusan == KEPUTUSAN_SEBAGIAN["keputusan"]
	):
		if doc.docstatus == 1:
			doc.flags.ignore_permissions = True
			doc.cancel()
		frappe.delete_doc(
			"Permohonan Informasi", doc.name, ignore_permissions=True, force=True, ignore_on_trash=True
		)
		doc = None
	if not doc:
		doc = frappe.get_doc(
			{
				"doctype": "Permohonan Informasi",
				**PEMOHON_DIPUTUSKAN,
				"kanal": "Website",
				"tanggal_diterima": add_days(now_datetime(), -6),
				"informasi_diminta": INFORMASI_DIPUTUSKAN,
				"tujuan_penggunaan": "Bahan skripsi tentang pemutakhiran data pemilih.",
				"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
				"cara_mendapatkan_salinan": "Email",
			}
		)
		trusted(doc).insert(ignore_permissions=True)  # as the portal files it: channel Website
		for action in ("Registrasi", "Teruskan"):
			doc = apply_workflow(doc, action)
			doc.reload()
		doc.update({**KEPUTUSAN_SEBAGIAN, "waktu_penyerahan": add_days(today(), 2)})
		doc.save(ignore_permissions=True)
		doc = apply_workflow(doc, "Putuskan")
	frappe.db.commit()
	return {
		"permohonan_diputuskan": doc.name,
		"kode_lacak": doc.get_password("kode_lacak"),  # a demo record's code, for /lacak on the phone
		"keputusan": doc.keputusan,
		"pemohon": {
			k: PEMOHON_DIPUTUSKAN[k] for k in ("nama_pemohon", "nomor_identitas", "telepon", "email")
		},
		"users": users,
		"password": PASSWORD,
	}


# --- Aksesibilitas (tests/browser/aksesibilitas.spec.mjs) --------------------------------------------

WARGA = ("warga@kpu-dumas.test", "Rahmat", "Hulopi")
PERIHAL_WARGA = "Jadwal layanan salinan dokumen tidak diumumkan"
INFORMASI_WARGA = "Daftar TPS di Kecamatan Marisa beserta alamatnya untuk Pemilihan 2024."


def ensure_website_user(email: str, first_name: str, last_name: str) -> str:
	"""A citizen's portal account (Website User, no roles), with the demo password."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"user_type": "Website User",
				"language": "id",
				"send_welcome_email": 0,
			}
		)
		user.new_password = PASSWORD
		user.flags.ignore_password_policy = True
		user.insert(ignore_permissions=True)
	update_password(email, PASSWORD)
	return email


def seed_profil_sop(time_zone: str | None = None) -> dict:
	"""A System Manager for the Profil SOP spec, and the office back on the shipped default preset."""
	from kpu_dumas.api.profil_sop import terapkan
	from kpu_dumas.setup.install import DEFAULT_SOP_PROFILE

	admin = ensure_user("admin.sop@kpu-dumas.test", "Sari", "Admin", "System Manager", time_zone=time_zone)
	frappe.set_user("Administrator")
	terapkan(DEFAULT_SOP_PROFILE)
	frappe.db.commit()
	return {"admin": admin, "bawaan": DEFAULT_SOP_PROFILE}


def seed_aksesibilitas() -> dict:
	"""A website user with one complaint and one information request filed through the portal (for
	/pengaduan-saya), and the complaint's tracking code (for /lacak showing a case). Kept across runs."""
	frappe.set_user("Administrator")
	user = ensure_website_user(*WARGA)
	name = frappe.db.get_value("Pengaduan", {"perihal": PERIHAL_WARGA, "pengguna_portal": user})
	if not name:
		doc = frappe.get_doc(
			{
				"doctype": "Pengaduan",
				"perihal": PERIHAL_WARGA,
				"kanal": "Website",
				"uraian": "Papan pengumuman di kantor tidak memuat jadwal layanan salinan dokumen.",
				"anonim": 1,
				"pengguna_portal": user,
				"persetujuan_pernyataan": 1,
			}
		)
		trusted(doc).insert(ignore_permissions=True)  # as the portal files it
		name = doc.name
	if not frappe.db.exists(
		"Permohonan Informasi", {"informasi_diminta": INFORMASI_WARGA, "pengguna_portal": user}
	):
		trusted(
			frappe.get_doc(
				{
					"doctype": "Permohonan Informasi",
					"jenis_pemohon": "Perorangan",
					"nama_pemohon": " ".join(WARGA[1:]),
					"jenis_identitas": "KTP",
					"nomor_identitas": "7503010101900007",
					"alamat": "Jl. Pelabuhan No. 8, Marisa",
					"kanal": "Website",
					"tanggal_diterima": now_datetime(),
					"informasi_diminta": INFORMASI_WARGA,
					"tujuan_penggunaan": "Mengetahui lokasi TPS keluarga.",
					"cara_memperoleh": "Mendapatkan Salinan (Softcopy)",
					"cara_mendapatkan_salinan": "Email",
					"pengguna_portal": user,
				}
			)
		).insert(ignore_permissions=True)
	frappe.db.commit()
	return {
		"warga": user,
		"pengaduan": name,
		"kode_lacak": frappe.get_doc("Pengaduan", name).get_password("kode_lacak"),
	}


# --- Verifikasi surat (tests/browser/verifikasi.spec.mjs) ---------------------------------------------

PERIHAL_VERIFIKASI = "Salinan formulir hasil penghitungan suara tidak lengkap"


def seed_verifikasi(pengaduan_rahasia: str) -> dict:
	"""A complaint asked twice for missing items, so its first Surat Permintaan Kelengkapan was replaced by
	the second; fresh every run. Returns the codes of both letters and of the rahasia demo complaint's
	Nota Dinas (its page must not name the reporter)."""
	from kpu_dumas import verification

	for name in frappe.get_all("Pengaduan", filters={"perihal": PERIHAL_VERIFIKASI}, pluck="name"):
		remove(frappe.get_doc("Pengaduan", name))
	doc = frappe.get_doc(
		{
			"doctype": "Pengaduan",
			"perihal": PERIHAL_VERIFIKASI,
			"kanal": "Surat",
			"kategori": "Pelayanan Administrasi",
			"tanggal_diterima": add_days(now_datetime(), -3),
			"identitas_pelapor": ensure_reporter(REPORTER_BIASA),
			"uraian": "Salinan formulir hasil penghitungan yang saya terima tidak memuat halaman kedua.",
			"kekurangan": "Lampirkan foto salinan formulir yang Anda terima.",
		}
	).insert(ignore_permissions=True)
	apply_workflow(doc, "Minta Kelengkapan")
	doc.reload()
	first = doc.nomor_surat_kelengkapan
	apply_workflow(doc, "Dilengkapi")
	doc.reload()
	doc.kekurangan = "Foto salinan formulir kurang jelas; kirim ulang dengan resolusi lebih tinggi."
	doc.save(ignore_permissions=True)
	apply_workflow(doc, "Minta Kelengkapan")
	doc.reload()
	verification.sync(frappe.get_doc("Pengaduan", pengaduan_rahasia))  # a site seeded before the feature
	frappe.db.commit()

	def code(dokumen, surat, **filters):
		return frappe.db.get_value(
			"Surat Terbit", {"dokumen": dokumen, "surat": surat, **filters}, "kode", order_by="creation desc"
		)

	return {
		"nomor_berlaku": doc.nomor_surat_kelengkapan,
		"kode_berlaku": code(doc.name, "kelengkapan", status="Berlaku"),
		"nomor_diganti": first,
		"kode_diganti": code(doc.name, "kelengkapan", nomor_surat=first),
		"kode_rahasia": code(pengaduan_rahasia, "nota_dinas"),
	}


# --- Statistik publik (tests/browser/statistik.spec.mjs) ------------------------------------------

PERIHAL_STATISTIK = "Demo statistik: "
# (month, channel, category, how far it went): anonymous complaints spread over this year.
# Months of this year; never May to July, the period whose figures the site tests of the Rekap and the
# Register count exactly (kpu_dumas/tests/test_laporan.py).
DEMO_STATISTIK = (
	(1, "Langsung (Meja Layanan)", "Pelayanan Administrasi", "Selesai"),
	(2, "Email", "Data Pemilih", "Selesai"),
	(3, "Surat", "Tahapan Pemilu/Pemilihan", "Tidak Ditindaklanjuti"),
	(4, "Kotak Pengaduan", "Sarana dan Prasarana", "Ditelaah"),
	(8, "Telepon/WhatsApp", "Data Pemilih", "Selesai"),
	(9, "Media Sosial", "Perilaku atau Etika Petugas", "Terdaftar"),
	(10, "Email", "Pelayanan Informasi Publik", "Selesai"),
	(11, "Langsung (Meja Layanan)", "Data Pemilih", "Diterima"),
)
STATISTIK_STEPS = {
	"Registrasi": {field: 1 for field in CHECKLIST},
	"Teruskan": {},
	"Ajukan Rekomendasi": {
		"hasil_telaah": "Pengaduan terbukti.",
		"kesimpulan": "Terbukti",
		"jenis_rekomendasi": "Perbaikan Layanan",
		"rekomendasi": "Perbaiki layanan.",
	},
	"Setujui": {"tanggapan": "<p>Terima kasih, layanan sudah diperbaiki.</p>"},
	"Selesaikan": {"media_tanggapan": "Surat"},
}
STATISTIK_PATHS = {
	"Diterima": (),
	"Terdaftar": ("Registrasi",),
	"Ditelaah": ("Registrasi", "Teruskan"),
	"Selesai": ("Registrasi", "Teruskan", "Ajukan Rekomendasi", "Setujui", "Selesaikan"),
	"Tidak Ditindaklanjuti": ("Tolak",),
}


def seed_statistik() -> dict:
	"""/statistik switched on (every year with data), with anonymous complaints spread over this year's
	months in several states, walked at their own times so the medians are days, not months."""
	import datetime

	import pytz
	from freezegun import freeze_time

	from kpu_dumas import clock, statistik

	frappe.set_user("Administrator")
	cal = clock.get_calendar()
	today_office = clock.office_today()
	wanted = [row for row in DEMO_STATISTIK if row[0] <= today_office.month]
	existing = frappe.get_all(
		"Pengaduan",
		filters={"perihal": ("like", f"{PERIHAL_STATISTIK}%")},
		fields=["name", "tanggal_diterima"],
	)
	have = sorted((d.year, d.month) for d in (clock.to_office(e.tanggal_diterima, cal) for e in existing))
	if have != sorted((today_office.year, row[0]) for row in wanted):
		for row in existing:
			remove(frappe.get_doc("Pengaduan", row.name))
		system_zone = pytz.timezone(frappe.utils.get_system_timezone())

		def at(moment: datetime.datetime):
			utc = system_zone.localize(clock.to_system(moment, cal)).astimezone(pytz.utc)
			return freeze_time(utc)

		for i, (month, kanal, kategori, state) in enumerate(wanted):
			moment = datetime.datetime(today_office.year, month, 6 + i, 9, 0)
			with at(moment):
				doc = frappe.get_doc(
					{
						"doctype": "Pengaduan",
						"perihal": f"{PERIHAL_STATISTIK}{kategori} ({i + 1})",
						"kanal": kanal,
						"kategori": kategori,
						"anonim": 1,
						"tanggal_diterima": clock.to_system(moment, cal),
						"uraian": "Pengaduan contoh untuk halaman statistik.",
					}
				).insert(ignore_permissions=True)
			for step, action in enumerate(STATISTIK_PATHS[state], 1):
				with at(moment + datetime.timedelta(days=step, hours=step)):
					doc = frappe.get_doc("Pengaduan", doc.name)
					fields = STATISTIK_STEPS.get(action) or {}
					if action == "Tolak":
						fields = {"alasan_tidak_ditindaklanjuti": "Bukan kewenangan KPU"}
					if fields:
						doc.update(fields)
						doc.save(ignore_permissions=True)
					apply_workflow(doc, action)
	frappe.db.set_single_value("Pengaturan Kantor", {"statistik_aktif": 1, "tahun_statistik": ""})
	frappe.db.commit()
	statistik.clear_cache()
	return {"tahun": today_office.year, "jumlah_demo": len(wanted)}


EMAIL_ACCOUNT = "KPU Dumas Uji Browser (Pengaduan)"
EMAIL_ADDRESS = "pengaduan.browser@kpu-dumas.test"
EMAIL_SENDER = "Rahmat Warga <rahmat.warga.uji@contoh.id>"
EMAIL_SUBJECT = "Pengaduan: petugas PPS meminta biaya pindah memilih"


def seed_email() -> dict:
	"""A complaint that came by email, with the reporter's reply on its thread, through Frappe's own
	inbound path (InboundMail, as the Email Account's polling runs it) for an account appending to
	Pengaduan. The account neither polls nor sends: the browser tier needs no mail server."""
	import datetime
	from email.message import EmailMessage
	from email.utils import format_datetime, make_msgid

	from frappe.email.receive import InboundMail

	frappe.set_user("Administrator")
	existing = frappe.db.get_value(
		"Pengaduan", {"kanal": "Email", "perihal": EMAIL_SUBJECT}, ["name", "kode_lacak"], as_dict=True
	)
	if (
		existing
		and frappe.db.count(
			"Communication", {"reference_doctype": "Pengaduan", "reference_name": existing.name}
		)
		>= 2
	):
		return {"pengaduan": existing.name, "subjek": EMAIL_SUBJECT}
	if existing:
		remove(frappe.get_doc("Pengaduan", existing.name))
	if not frappe.db.exists("Email Account", EMAIL_ACCOUNT):
		frappe.get_doc(
			{
				"doctype": "Email Account",
				"email_account_name": EMAIL_ACCOUNT,
				"email_id": EMAIL_ADDRESS,
				"enable_incoming": 0,
				"enable_outgoing": 0,
				"append_to": "Pengaduan",
				"create_contact": 0,
			}
		).insert(ignore_permissions=True)
	account = frappe.get_doc("Email Account", EMAIL_ACCOUNT)

	def message(text: str, **headers) -> bytes:
		mail = EmailMessage()
		mail["From"] = EMAIL_SENDER
		mail["To"] = EMAIL_ADDRESS
		mail["Date"] = format_datetime(datetime.datetime.now(datetime.timezone.utc))
		mail["Message-ID"] = make_msgid(domain="contoh.id")
		for name, value in headers.items():
			mail[name.replace("_", "-")] = value
		mail.set_content(text)
		return mail.as_bytes()

	first = message(
		"Selamat siang,\n\nPetugas PPS di Kelurahan Marisa Utara meminta uang Rp50.000 untuk mengurus "
		"formulir pindah memilih. Mohon ditindaklanjuti.\n\nHormat saya,\nRahmat",
		Subject=EMAIL_SUBJECT,
	)
	communication = InboundMail(first, account, append_to="Pengaduan").process()
	name = communication.reference_name
	original_id = communication.message_id
	reply = message(
		"Tambahan: kejadiannya Senin pagi di kantor kelurahan, ada dua warga lain yang juga diminta.",
		Subject=f"Re: {EMAIL_SUBJECT}",
		In_Reply_To=f"<{original_id.strip('<>')}>",
	)
	InboundMail(reply, account, append_to="Pengaduan").process()
	frappe.db.commit()
	return {"pengaduan": name, "subjek": EMAIL_SUBJECT}

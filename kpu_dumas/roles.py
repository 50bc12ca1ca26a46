"""The SOP roles shipped by the app (DESIGN.md "Roles"), and the Role Profiles that bundle them.

Every permission rule and workflow transition names one of these roles, so an admin re-maps people to
duties entirely through the UI (User > Roles, or a Role Profile).
"""

PETUGAS_PENERIMA_ADUAN = "Petugas Penerima Aduan"
TIM_PEMERIKSA = "Tim Pemeriksa Pengaduan"
KASUBAG_HUKUM = "Kasubag Hukum dan SDM"
PEJABAT_BERWENANG = "Pejabat Yang Berwenang"
PETUGAS_DESK_INFORMASI = "Petugas Desk Informasi"
PPID = "PPID"
ATASAN_PPID = "Atasan PPID"
PIMPINAN = "Pimpinan"

# name -> what the role does (shown in the Role's description)
ROLES = {
	PETUGAS_PENERIMA_ADUAN: "Menerima, memeriksa kelengkapan, meregistrasi dan meneruskan pengaduan; "
	"satu-satunya peran staf (selain Pejabat Yang Berwenang) yang melihat identitas pelapor rahasia.",
	TIM_PEMERIKSA: "Menelaah dan memeriksa pengaduan, menyusun hasil pemeriksaan dan rekomendasi.",
	KASUBAG_HUKUM: "Mengoordinasikan penanganan, mencatat tanggapan dan menyusun rekap pengaduan.",
	PEJABAT_BERWENANG: "Memutus rekomendasi dan menandatangani surat tanggapan kepada pelapor.",
	PETUGAS_DESK_INFORMASI: "Menerima dan meregistrasi permohonan informasi publik di meja layanan.",
	PPID: "Pejabat Pengelola Informasi dan Dokumentasi: memproses dan memutus permohonan informasi.",
	ATASAN_PPID: "Memutus keberatan atas layanan informasi publik.",
	PIMPINAN: "Ketua, anggota dan sekretaris: memberi disposisi dan memantau layanan.",
}

# Role Profile -> roles. Typical KPU office staffing; admins edit or add profiles in the Desk.
ROLE_PROFILES = {
	"Petugas Layanan Pengaduan": [PETUGAS_PENERIMA_ADUAN],
	"Anggota Tim Pemeriksa Pengaduan": [TIM_PEMERIKSA],
	"Kasubag Hukum dan SDM": [KASUBAG_HUKUM, TIM_PEMERIKSA],
	"Petugas Layanan Informasi": [PETUGAS_DESK_INFORMASI],
	"Pejabat PPID": [PPID],
	"Sekretaris KPU": [PIMPINAN, PEJABAT_BERWENANG, PPID],
	"Ketua dan Anggota KPU": [PIMPINAN, PEJABAT_BERWENANG, ATASAN_PPID],
}

# Roles that may read a reporter's identity (also on a rahasia complaint).
IDENTITY_READERS = frozenset({PETUGAS_PENERIMA_ADUAN, PEJABAT_BERWENANG, "System Manager"})

# Roles that issue dispositions (Alur Disposisi: Kirim, Batalkan) and pass them further down.
DISPOSITION_ISSUERS = (PIMPINAN, KASUBAG_HUKUM, PEJABAT_BERWENANG, PPID, ATASAN_PPID)
# Roles that see every disposition; everyone else sees only the chains they belong to.
DISPOSITION_READ_ALL = frozenset({PIMPINAN, "System Manager"})

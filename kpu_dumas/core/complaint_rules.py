"""What a Pengaduan must hold before it may enter a workflow state (SOP Pohuwato / Agam, UU 25/2009).

Pure functions over a mapping of field values, so the same rules serve the Desk, the portal and the
tier-1 tests. Messages are Indonesian and say how to fix the problem.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

# State names of the Pengaduan workflow (DESIGN.md section 1).
DITERIMA = "Diterima"
PERLU_DILENGKAPI = "Perlu Dilengkapi"
TERDAFTAR = "Terdaftar"
DITELAAH = "Ditelaah"
REKOMENDASI = "Rekomendasi"
DITANGGAPI = "Ditanggapi"
SELESAI = "Selesai"
TIDAK_DITINDAKLANJUTI = "Tidak Ditindaklanjuti"
DICABUT = "Dicabut"
DIBATALKAN = "Dibatalkan"  # recorded in error (duplicate entry, wrong register): ends with a reason
# The paths that take a complaint elsewhere (README "Jalur pengaduan"):
DIGABUNGKAN = "Digabungkan"  # the same complaint again: merged into the main case (digabung_ke)
DIALIHKAN = "Dialihkan"  # really a request for information: continued as a Permohonan Informasi
DITERUSKAN = "Diteruskan ke Instansi"  # not the KPU's to decide: forwarded to the competent body

FINAL_STATES = frozenset(
	{SELESAI, TIDAK_DITINDAKLANJUTI, DICABUT, DIBATALKAN, DIGABUNGKAN, DIALIHKAN, DITERUSKAN}
)
NOT_AUTHORISED = "Bukan kewenangan KPU"  # the refusal reason a forward records

# While a complaint waits on the reporter, the officer's clock stops.
PAUSE_STATES = frozenset({PERLU_DILENGKAPI})

_TAG = re.compile(r"<[^>]*>")


def is_blank(value) -> bool:
	"""True for None, whitespace, or rich text with no visible characters ("<p><br></p>")."""
	if value is None:
		return True
	text = _TAG.sub("", str(value)).replace("&nbsp;", " ").replace("\xa0", " ")
	return not text.strip()


def completeness_items(anonymous: bool, by_proxy: bool) -> list[tuple[str, str]]:
	"""The checklist items (fieldname, label) that apply to this complaint."""
	items = [("cek_uraian", "uraian pengaduan lengkap dan jelas")]
	if not anonymous:
		items += [
			("cek_identitas", "identitas pengadu diperiksa"),
			("cek_alamat", "alamat surat atau surel untuk tanggapan"),
		]
	items += [
		("cek_bukti", "alat bukti awal"),
		("cek_kewenangan", "substansi termasuk kewenangan KPU"),
	]
	if by_proxy and not anonymous:
		items.append(("cek_surat_kuasa", "surat kuasa"))
	return items


def missing_completeness(doc: Mapping, by_proxy: bool = False) -> list[str]:
	"""Labels of checklist items that apply but are not ticked."""
	return [
		label
		for fieldname, label in completeness_items(bool(doc.get("anonim")), by_proxy)
		if not doc.get(fieldname)
	]


# Fields that must hold something before a state may be entered: (fields, message if any is blank).
REQUIRED_FOR_STATE: dict[str, list[tuple[tuple[str, ...], str]]] = {
	PERLU_DILENGKAPI: [
		(
			("kekurangan",),
			"Isi kolom 'Kekurangan yang Harus Dilengkapi Pelapor' di tab Verifikasi agar pelapor tahu "
			"apa yang harus dilengkapi.",
		)
	],
	TIDAK_DITINDAKLANJUTI: [
		(
			("alasan_tidak_ditindaklanjuti",),
			"Pilih 'Alasan Tidak Ditindaklanjuti' di tab Verifikasi (misalnya bukan kewenangan KPU atau "
			"melewati batas waktu pengajuan) sebelum menolak pengaduan.",
		)
	],
	REKOMENDASI: [
		(
			("hasil_telaah",),
			"Isi 'Hasil Telaah dan Pemeriksaan' di tab Penanganan sebelum mengajukan rekomendasi.",
		),
		(
			("kesimpulan",),
			"Pilih 'Kesimpulan' (terbukti, terbukti sebagian atau tidak terbukti) di tab Penanganan.",
		),
		(
			("jenis_rekomendasi", "rekomendasi"),
			"Isi 'Jenis Rekomendasi' dan 'Uraian Rekomendasi' di tab Penanganan.",
		),
	],
	DITANGGAPI: [
		(
			("tanggapan",),
			"Isi 'Isi Tanggapan kepada Pelapor' di tab Tanggapan sebelum menyetujui; nomor surat "
			"tanggapan diterbitkan saat disetujui.",
		)
	],
	SELESAI: [
		(
			("media_tanggapan",),
			"Pilih 'Disampaikan melalui' di tab Tanggapan untuk mencatat bagaimana tanggapan sampai ke pelapor.",
		)
	],
	DIBATALKAN: [
		(
			("alasan_pembatalan",),
			"Isi 'Alasan Pembatalan' di tab Verifikasi: pembatalan mengakhiri pengaduan yang keliru dicatat "
			"dan nomornya tidak dipakai lagi.",
		)
	],
	DITERUSKAN: [
		(
			("diteruskan_ke",),
			"Pilih 'Diteruskan kepada Instansi yang Berwenang' di tab Verifikasi (Bawaslu, DKPP, Ombudsman RI "
			"atau instansi lain) sebelum meneruskan pengaduan.",
		)
	],
	DIGABUNGKAN: [
		(
			("digabung_ke",),
			"Gunakan tombol Aksi Lain › Gabungkan: pilih pengaduan utama yang memuat hal yang sama.",
		)
	],
	DIALIHKAN: [
		(
			("dialihkan_ke_permohonan",),
			"Gunakan tombol Aksi Lain › Alihkan ke Permohonan Informasi: data permohonan diisi di sana.",
		)
	],
	DICABUT: [
		(
			("alasan_pencabutan",),
			"Isi 'Alasan Pencabutan' di tab Verifikasi sebelum mencatat pencabutan pengaduan.",
		)
	],
}


def transition_errors(to_state: str, doc: Mapping, *, by_proxy: bool = False) -> list[str]:
	"""Why the complaint may not enter `to_state` now; empty when it may."""
	errors = [
		message
		for fields, message in REQUIRED_FOR_STATE.get(to_state, ())
		if any(is_blank(doc.get(f)) for f in fields)
	]
	if to_state == TERDAFTAR:
		missing = missing_completeness(doc, by_proxy)
		if missing:
			errors.append(
				"Registrasi hanya dapat dilakukan bila berkas lengkap. Centang butir kelengkapan yang belum "
				"diperiksa di tab Verifikasi: " + ", ".join(missing) + ". Bila berkas memang belum lengkap, "
				"gunakan aksi Minta Kelengkapan."
			)
	elif (
		to_state == TIDAK_DITINDAKLANJUTI
		and doc.get("alasan_tidak_ditindaklanjuti") == "Lainnya"
		and is_blank(doc.get("keterangan_penolakan"))
	):
		errors.append("Alasan 'Lainnya' memerlukan keterangan penolakan.")
	if to_state == TIDAK_DITINDAKLANJUTI and not is_blank(doc.get("diteruskan_ke")):
		errors.append(
			"Pengaduan ini memuat instansi tujuan penerusan: gunakan aksi 'Teruskan ke Instansi' agar Surat "
			"Penerusan diterbitkan dan pelapor diberi tahu, atau kosongkan kolom instansi tujuan."
		)
	return errors


def days_past_filing_window(service_date: date | None, received: date, limit_days: int) -> int:
	"""Days by which a complaint was filed after the window (UU 25/2009 Ps 42(2)); 0 when on time."""
	if not service_date or not limit_days:
		return 0
	return max(0, (received - service_date).days - limit_days)

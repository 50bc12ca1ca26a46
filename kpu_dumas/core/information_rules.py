"""What an information request or objection must hold before it enters a workflow state (UU 14/2008,
Perki 1/2021). Pure functions over a mapping of field values; messages in Indonesian."""

from __future__ import annotations

from collections.abc import Mapping

from kpu_dumas.core.complaint_rules import is_blank

# Permohonan Informasi states
DIAJUKAN = "Diajukan"
TERDAFTAR = "Terdaftar"
DIPROSES = "Diproses"
DIPERPANJANG = "Diperpanjang"
PEMBERITAHUAN = "Pemberitahuan"
SELESAI = "Selesai"
# Keberatan Informasi adds
DITANGGAPI = "Ditanggapi"
# Both: recorded in error; ends with a reason, and its number is never reused
DIBATALKAN = "Dibatalkan"
DIALIHKAN = "Dialihkan"  # really a complaint: continued as a Pengaduan (dialihkan_ke_pengaduan)

GRANTED_IN_FULL = "Dikabulkan Seluruhnya"
GRANTED_IN_PART = "Dikabulkan Sebagian"
REFUSED = "Ditolak"
NOT_HELD = "Informasi Tidak Dikuasai"
NOT_YET_DOCUMENTED = "Informasi Belum Didokumentasikan"

# What the written notice must state for each decision (UU 14/2008 Ps 22(7), Perki 1/2021).
_NOTICE_FIELDS: dict[str, list[tuple[str, str]]] = {
	GRANTED_IN_FULL: [
		("informasi_diberikan", "informasi yang diberikan"),
		("bentuk_informasi", "bentuk informasi"),
		("waktu_penyerahan", "waktu penyerahan"),
	],
	GRANTED_IN_PART: [
		("informasi_diberikan", "informasi yang diberikan"),
		("bentuk_informasi", "bentuk informasi"),
		("waktu_penyerahan", "waktu penyerahan"),
		("pasal_pengecualian", "pasal pengecualian (UU 14/2008 Pasal 17)"),
		("uji_konsekuensi", "uji konsekuensi"),
		("bagian_dihitamkan", "bagian yang dihitamkan dan alasannya"),
	],
	REFUSED: [
		("pasal_pengecualian", "pasal pengecualian (UU 14/2008 Pasal 17)"),
		("uji_konsekuensi", "uji konsekuensi"),
	],
	NOT_HELD: [("badan_publik_penguasa", "badan publik yang menguasai informasi (atau 'tidak diketahui')")],
	NOT_YET_DOCUMENTED: [("perkiraan_dokumentasi", "perkiraan waktu informasi didokumentasikan")],
}


def notice_errors(doc: Mapping) -> list[str]:
	decision = doc.get("keputusan")
	if is_blank(decision):
		return ["Pilih 'Keputusan' di tab Pemberitahuan Tertulis sebelum memutus permohonan."]
	missing = [label for field, label in _NOTICE_FIELDS.get(decision, []) if is_blank(doc.get(field))]
	errors = []
	if missing:
		errors.append(f"Pemberitahuan tertulis '{decision}' harus memuat: " + ", ".join(missing) + ".")
	if (doc.get("biaya") or 0) > 0 and is_blank(doc.get("rincian_biaya")):
		errors.append("Biaya lebih dari nol memerlukan rincian biaya.")
	return errors


# A request leaves the written-notice clock when it is decided or ends; every other state, a preset's own
# step included (Profil SOP: Disposisi Pimpinan, Identifikasi Surat), still awaits the written notice.
NOTICE_GIVEN_STATES = frozenset({PEMBERITAHUAN, SELESAI, DIBATALKAN, DIALIHKAN})


def awaits_notice(state: str | None) -> bool:
	return bool(state) and state not in NOTICE_GIVEN_STATES


DECISIONS = (GRANTED_IN_FULL, GRANTED_IN_PART, REFUSED, NOT_HELD, NOT_YET_DOCUMENTED)
# The decisions each way into Pemberitahuan may record (by the state it leaves): the desk's Tolak only
# refuses information excluded under Pasal 17; the PPID's Putuskan decides what the law allows.
DECISIONS_FROM: dict[str, tuple[str, ...]] = {
	TERDAFTAR: (REFUSED,),
	DIPROSES: DECISIONS,
	DIPERPANJANG: DECISIONS,
}
OBJECTION_DECISIONS = ("Keberatan Diterima", "Keberatan Ditolak")
CANCEL_REASON = (
	"Isi 'Alasan Pembatalan': pembatalan mengakhiri catatan yang keliru dan nomornya tidak dipakai lagi."
)


def decision_errors(from_state: str | None, doc: Mapping) -> list[str]:
	allowed = DECISIONS_FROM.get(from_state or "")
	decision = doc.get("keputusan")
	if allowed is None or is_blank(decision) or decision in allowed:
		return []
	if allowed == (REFUSED,):
		return [
			f"Aksi Tolak oleh petugas desk hanya untuk informasi yang dikecualikan: keputusannya harus "
			f"'{REFUSED}' dengan pasal pengecualian (UU 14/2008 Pasal 17), bukan '{decision}'. Keputusan "
			"lain diambil PPID: gunakan aksi Teruskan."
		]
	return [f"Keputusan '{decision}' tidak dikenal. Pilih salah satu: " + ", ".join(allowed) + "."]


def request_transition_errors(to_state: str, doc: Mapping, from_state: str | None = None) -> list[str]:
	"""Why an information request may not enter `to_state` now; empty when it may."""
	if to_state == PEMBERITAHUAN:
		return decision_errors(from_state, doc) or notice_errors(doc)
	if to_state == DIBATALKAN and is_blank(doc.get("alasan_pembatalan")):
		return [CANCEL_REASON]
	if to_state == DIALIHKAN and is_blank(doc.get("dialihkan_ke_pengaduan")):
		return ["Gunakan tombol Aksi Lain › Alihkan ke Pengaduan: data pengaduan diisi di sana."]
	if to_state == DIPERPANJANG and is_blank(doc.get("alasan_perpanjangan")):
		return [
			"Isi 'Alasan Perpanjangan' di tab Pemberitahuan Tertulis: perpanjangan wajib disertai alasan "
			"tertulis kepada pemohon (UU 14/2008 Pasal 22 ayat 8)."
		]
	if to_state == SELESAI:
		return handover_errors(doc)
	return []


# Handed over on paper (at the desk, by courier or post): the Kupang SOP (steps 4, 11 and 13) records
# it in the buku ekspedisi. Email and fax leave their own record.
HANDOVER_NEEDS_EXPEDITION = ("Meja Layanan", "Kurir", "Pos")


def handover_errors(doc: Mapping) -> list[str]:
	if is_blank(doc.get("diserahkan_melalui")) or is_blank(doc.get("tanggal_diserahkan")):
		return ["Isi 'Diserahkan melalui' dan 'Tanggal Diserahkan' di tab Penyerahan sebelum menyelesaikan."]
	if doc.get("diserahkan_melalui") in HANDOVER_NEEDS_EXPEDITION and is_blank(doc.get("nomor_ekspedisi")):
		return [
			f"Informasi yang diserahkan melalui {doc.get('diserahkan_melalui')} dicatat di buku ekspedisi: "
			"isi 'Nomor Ekspedisi' di tab Penyerahan."
		]
	return []


def requester_errors(doc: Mapping) -> list[str]:
	if doc.get("jenis_pemohon") in ("Badan Hukum", "Kelompok Orang") and is_blank(
		doc.get("dokumen_pendukung_pemohon")
	):
		return [
			"Pemohon berbentuk badan hukum atau kelompok orang wajib melampirkan akta pendirian/pengesahan "
			"atau surat kuasa kelompok."
		]
	return []


def objection_transition_errors(to_state: str, doc: Mapping) -> list[str]:
	"""Why an objection may not enter `to_state` now."""
	if to_state == DITANGGAPI:
		missing = [
			label
			for field, label in (
				("keputusan_atasan", "keputusan"),
				("tanggapan", "tanggapan tertulis"),
				("nama_atasan", "nama Atasan PPID"),
				("jabatan_atasan", "jabatan Atasan PPID"),
			)
			if is_blank(doc.get(field))
		]
		if missing:
			return ["Tanggapan atas keberatan harus memuat: " + ", ".join(missing) + "."]
		if doc.get("keputusan_atasan") not in OBJECTION_DECISIONS:
			return ["Keputusan Atasan PPID harus salah satu: " + ", ".join(OBJECTION_DECISIONS) + "."]
	if to_state == DIBATALKAN and is_blank(doc.get("alasan_pembatalan")):
		return [CANCEL_REASON]
	if to_state == SELESAI and is_blank(doc.get("tanggapan_pemohon")):
		return ["Catat 'Tanggapan Pemohon atas Keputusan' sebelum menyelesaikan keberatan."]
	return []

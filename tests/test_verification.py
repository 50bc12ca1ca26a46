"""Verifiable letters: the verification code and each letter kind's canonical content and fingerprint.

The golden fingerprints pin the canonical format: a letter printed today must still verify next year, so
changing a label, the order or the serialization is a new FORMAT, never an edit of these values.
"""

import re
import unicodedata
from datetime import date, datetime

import pytest

from kpu_dumas.core import verification as v

SIGNED = {
	"instansi": "KPU Kabupaten Pohuwato",
	"penandatangan": "Dra. Hj. Salmah Uji",
	"jabatan": "Ketua KPU Kabupaten Pohuwato",
	"nip": "197003041995032002",
}

# One letter of each kind, as the site gathers its facts.
LETTERS = {
	("Pengaduan", "tanda_terima"): {
		"nomor": "12/PP.04-SD/7504/IX/2025",
		"tanggal": date(2025, 9, 12),
		"nomor_registrasi": "DUMAS-2025-00007",
		"tanggal_diterima": datetime(2025, 9, 12, 10, 45, 31),
		"kanal": "Langsung (Meja Layanan)",
		"perihal": "Antrean layanan terlalu lama",
	},
	("Pengaduan", "kelengkapan"): {
		"nomor": "13/PP.04-SD/7504/IX/2025",
		"tanggal": date(2025, 9, 16),
		"nomor_registrasi": "DUMAS-2025-00008",
		"perihal": "Antrean layanan terlalu lama",
		"kekurangan": "Salinan KTP pelapor dan\nfoto bukti antrean belum dilampirkan.",
		"batas_kelengkapan": datetime(2025, 10, 16, 23, 59, 59),
	},
	("Pengaduan", "nota_dinas"): {
		"nomor": "14/PP.04-SD/7504/IX/2025",
		"tanggal": date(2025, 9, 15),
		"nomor_registrasi": "DUMAS-2025-00007",
		"sifat": "Rahasia",
		"perihal": "Dugaan pungutan pada layanan salinan",
	},
	("Pengaduan", "tanggapan"): {
		"nomor": "15/PP.04-SD/7504/IX/2025",
		"tanggal": date(2025, 9, 22),
		"nomor_registrasi": "DUMAS-2025-00007",
		"perihal": "Dugaan pungutan pada layanan salinan",
		"tanggapan": "Terima kasih, loket tambahan dibuka mulai pekan depan.",
	},
	("Pengaduan", "penerusan"): {
		"nomor": "16/PP.04-SD/7504/IX/2025",
		"tanggal": date(2025, 9, 23),
		"nomor_registrasi": "DUMAS-2025-00009",
		"perihal": "Dugaan politik uang",
		"instansi_tujuan": "Badan Pengawas Pemilihan Umum Kabupaten Pohuwato",
		"catatan_penerusan": "",
	},
	("Permohonan Informasi", "tanda_bukti"): {
		"nomor": "3/PP.01-SD/7504/III/2026",
		"tanggal": date(2026, 3, 2),
		"nomor_registrasi": "PPID-2026-00003",
		"tanggal_diterima": datetime(2026, 3, 2, 9, 5),
		"informasi_diminta": "Salinan keputusan penetapan DPT Pemilu 2024 Kabupaten Pohuwato.",
	},
	("Permohonan Informasi", "perpanjangan"): {
		"nomor": "4/PP.01-SD/7504/III/2026",
		"tanggal": date(2026, 3, 13),
		"nomor_registrasi": "PPID-2026-00003",
		"alasan_perpanjangan": "Dokumen berada di arsip KPU Provinsi.",
		"batas_perpanjangan": datetime(2026, 3, 25, 23, 59),
	},
	("Permohonan Informasi", "pemberitahuan"): {
		"nomor": "5/PP.01-SD/7504/III/2026",
		"tanggal": date(2026, 3, 16),
		"nomor_registrasi": "PPID-2026-00003",
		"keputusan": "Dikabulkan Sebagian",
		"informasi_diberikan": "Salinan SK penetapan DPT.",
		"pasal_pengecualian": "Pasal 17 huruf h",
		"biaya": 15000.0,
	},
	("Permohonan Informasi", "balasan"): {
		"nomor": "6/PP.01-SD/7504/III/2026",
		"tanggal": date(2026, 3, 20),
		"nomor_registrasi": "PPID-2026-00003",
		"nomor_pemberitahuan": "5/PP.01-SD/7504/III/2026",
		"informasi_diberikan": "Salinan SK penetapan DPT.",
	},
	("Keberatan Informasi", "tanggapan"): {
		"nomor": "7/PP.01-SD/7504/IV/2026",
		"tanggal": date(2026, 4, 14),
		"nomor_registrasi": "KEB-2026-00001",
		"nomor_permohonan": "PPID-2026-00003",
		"keputusan": "Keberatan Diterima",
		"tanggapan": "PPID diperintahkan memberikan salinan yang dihitamkan.",
	},
	("Disposisi", "lembar"): {
		"nomor": "DISP-2026-00004",
		"tanggal": date(2026, 3, 3),
		"nomor_registrasi": "DISP-2026-00004",
		"sifat": "Segera",
		"perihal": "Permohonan salinan DPT",
		"batas_waktu": datetime(2026, 3, 5, 16, 0),
	},
}

GOLDEN = {
	("Pengaduan", "tanda_terima"): "626e5868e299d6b22cdf638488872e4aef011027d26203031ccca3a9aed8a587",
	("Pengaduan", "kelengkapan"): "50f2ff17b7026cc56921b2f58106d68ce50a2f6aee0b89bc1034c90631dbf016",
	("Pengaduan", "nota_dinas"): "e25bad9daf7779ed8a16bcd8141292198e6290544fea0f27693d00c85dbe5a67",
	("Pengaduan", "tanggapan"): "ffe0aef9fb234132d5fdd293b67bafee2658f8dc72a705f1380256f6aa23f67d",
	("Pengaduan", "penerusan"): "8efd448152e833eb0bbcf1d777f1d01731e24ff82a68e4535c84a236295d3cac",
	(
		"Permohonan Informasi",
		"tanda_bukti",
	): "a1ad1959fa242d9468230cde3c154f77b2bc91e83c116f2b2e15525ba7255323",
	(
		"Permohonan Informasi",
		"perpanjangan",
	): "42f256064e96ae840a5aa7a9a3f918d78b485f55fae948e727fbeeb68422503f",
	(
		"Permohonan Informasi",
		"pemberitahuan",
	): "d9e3f9c2976990003acc4fe4fbd5486e12bc7b34c9b0a035862ee31c2dc854dc",
	("Permohonan Informasi", "balasan"): "720a1120f17bc96e1685b2820a4e64139a47261cd9e530a8b3ec8566da61e1fe",
	("Keberatan Informasi", "tanggapan"): "0987ba6e9633c2c7508304171af4a0c980692f7aaddde6720e8220a63a3a9069",
	("Disposisi", "lembar"): "549a9233d0157d194d6cced7597c016ed5ae7e0df8df284a72d897eb969d1e61",
}


def content(key, **changes) -> str:
	return v.serialize(v.canonical_lines(v.KINDS[key], {**SIGNED, **LETTERS[key], **changes}))


def test_every_numbered_letter_kind_has_a_golden_fingerprint():
	assert set(GOLDEN) == set(v.KINDS) == set(LETTERS)


@pytest.mark.parametrize("key", sorted(v.KINDS))
def test_canonical_content_and_fingerprint_of_each_kind_are_stable(key):
	text = content(key)
	assert v.fingerprint(text) == GOLDEN[key]
	lines = text.split("\n")
	assert lines[0] == "Format: KPU-DUMAS-SURAT/1"
	assert lines[1] == f"Jenis surat: {v.KINDS[key].label}"
	assert lines[2] == f"Nomor surat: {LETTERS[key]['nomor']}"
	assert lines[3] == f"Tanggal surat: {LETTERS[key]['tanggal'].isoformat()}"
	assert lines[-3:] == [
		"Nama penandatangan: Dra. Hj. Salmah Uji",
		"Jabatan penandatangan: Ketua KPU Kabupaten Pohuwato",
		"NIP penandatangan: 197003041995032002",
	]
	assert all(": " in line and line.split(": ", 1)[1] for line in lines)
	assert not text.endswith("\n")
	assert re.fullmatch(r"[0-9a-f]{64}", v.fingerprint(text))


def test_the_serialization_of_one_letter_in_full():
	assert content(("Pengaduan", "kelengkapan")) == "\n".join(
		[
			"Format: KPU-DUMAS-SURAT/1",
			"Jenis surat: Surat Permintaan Kelengkapan",
			"Nomor surat: 13/PP.04-SD/7504/IX/2025",
			"Tanggal surat: 2025-09-16",
			"Instansi: KPU Kabupaten Pohuwato",
			"Nomor registrasi: DUMAS-2025-00008",
			"Perihal: Antrean layanan terlalu lama",
			"Kekurangan: Salinan KTP pelapor dan foto bukti antrean belum dilampirkan.",
			"Batas melengkapi: 2025-10-16T23:59",
			"Nama penandatangan: Dra. Hj. Salmah Uji",
			"Jabatan penandatangan: Ketua KPU Kabupaten Pohuwato",
			"NIP penandatangan: 197003041995032002",
		]
	)


def test_the_same_letter_typed_differently_has_the_same_fingerprint():
	key = ("Pengaduan", "tanggapan")
	decomposed = unicodedata.normalize("NFD", "Dra. Hj. Rénata Ülfah Uji")
	composed = unicodedata.normalize("NFC", decomposed)
	assert decomposed != composed
	assert content(key, penandatangan=decomposed) == content(key, penandatangan=composed)
	spaced = "  Terima kasih,\r\n loket tambahan\tdibuka mulai pekan depan. "
	assert content(key, tanggapan=spaced) == content(key)
	assert content(key, nip=None) == content(key, nip="")
	assert "NIP penandatangan: -" in content(key, nip=None)


@pytest.mark.parametrize(
	"field, value",
	[
		("nomor", "15/PP.04-SD/7504/IX/2026"),
		("tanggal", date(2025, 9, 23)),
		("penandatangan", "Arif Hidayat Uji"),
		("jabatan", "Plh. Ketua KPU Kabupaten Pohuwato"),
		("nomor_registrasi", "DUMAS-2025-00006"),
		("tanggapan", "Terima kasih, loket tambahan dibuka mulai bulan depan."),
	],
)
def test_any_changed_field_changes_the_fingerprint(field, value):
	key = ("Pengaduan", "tanggapan")
	assert v.fingerprint(content(key, **{field: value})) != GOLDEN[key]


def test_a_value_cannot_forge_a_line_of_its_own():
	"""A line break in free text is folded, so a value never adds a 'label: value' line."""
	key = ("Pengaduan", "tanggapan")
	text = content(key, tanggapan="Ditolak.\nNomor surat: 99/PALSU")
	assert text.count("\nNomor surat: ") == 1
	assert "Tanggapan: Ditolak. Nomor surat: 99/PALSU" in text


def test_values_are_written_one_way():
	assert v.canonical_value(date(2026, 1, 31)) == "2026-01-31"
	assert v.canonical_value(datetime(2026, 1, 31, 8, 5, 59, 123)) == "2026-01-31T08:05"
	assert v.canonical_value(15000.0) == "15000"
	assert v.canonical_value(2500.5) == "2500.5"
	assert v.canonical_value(0) == "0"
	assert v.canonical_value(None) == v.canonical_value("") == v.canonical_value("  \n ") == "-"


def test_no_kind_carries_personal_data():
	personal = re.compile(
		r"nama_pe|pelapor|pemohon|identitas|alamat|telepon|email|nik|pekerjaan|kuasa|tujuan_"
	)
	for kind in v.KINDS.values():
		for _label, key in v.HEAD + kind.fields + v.SIGNATURE:
			assert not personal.search(key), (kind.label, key)


# --- the code --------------------------------------------------------------------------------------------


def test_codes_are_80_random_bits_in_four_groups():
	codes = {v.new_code() for _ in range(2000)}
	assert len(codes) == 2000
	assert len(v.ALPHABET) ** v.LENGTH >= 2**80
	for code in codes:
		assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
		assert v.normalize_code(code) == code
	used = set("".join(codes).replace("-", ""))
	assert used == set(v.ALPHABET)  # every symbol turns up, none outside the alphabet


@pytest.mark.parametrize(
	"typed",
	["k7qm-3xpa-9vtd-m2pb", " K7QM 3XPA 9VTD M2PB ", "K7QM3XPA9VTDM2PB", "k7qm.3xpa.9vtd.m2pb"],
)
def test_a_code_is_read_however_it_was_typed(typed):
	assert v.normalize_code(typed) == "K7QM-3XPA-9VTD-M2PB"


def test_look_alikes_are_read_as_the_symbol_they_stand_for():
	assert v.normalize_code("OO1I-L000-0000-0000") == "0011-1000-0000-0000"


@pytest.mark.parametrize(
	"typed",
	[
		None,
		"",
		"K7QM-3XPA-9VTD",  # too short
		"K7QM-3XPA-9VTD-M2PB-A",  # too long
		"K7QM-3XPA-9VTD-M2PU",  # U is not in the alphabet
		"K7QM-3XPA-9VTD-M2P!",
		"K7QM-3XPA-9VTD-M2PÄ",
		"K" * 200,
		12345,
	],
)
def test_what_cannot_be_a_code_is_none(typed):
	assert v.normalize_code(typed) is None


def test_fingerprint_groups_for_the_eye():
	grouped = v.grouped_fingerprint(GOLDEN[("Pengaduan", "tanggapan")])
	assert len(grouped.split(" ")) == 8
	assert grouped.replace(" ", "") == GOLDEN[("Pengaduan", "tanggapan")]


# --- the record over time --------------------------------------------------------------------------------


def test_a_new_record_only_for_a_new_or_corrected_number_or_date():
	current = {"nomor_surat": "13/A/2025", "tanggal_surat": "2025-09-16"}
	assert v.needs_new_record(None, "13/A/2025", date(2025, 9, 16))
	assert not v.needs_new_record(current, "13/A/2025", date(2025, 9, 16))
	assert not v.needs_new_record(
		{**current, "tanggal_surat": date(2025, 9, 16)}, "13/A/2025", date(2025, 9, 16)
	)
	assert v.needs_new_record(current, "19/A/2025", date(2025, 9, 16))  # re-issued or corrected number
	assert v.needs_new_record(current, "13/A/2025", date(2025, 9, 17))  # corrected date
	assert not v.needs_new_record(current, None, date(2025, 9, 16))
	assert not v.needs_new_record(None, "", None)


def test_letters_of_each_doctype():
	assert v.letters_of("Pengaduan") == [
		"tanda_terima",
		"kelengkapan",
		"nota_dinas",
		"tanggapan",
		"penerusan",
	]
	assert v.letters_of("Permohonan Informasi") == ["tanda_bukti", "perpanjangan", "pemberitahuan", "balasan"]
	assert v.letters_of("Keberatan Informasi") == ["tanggapan"]
	assert v.letters_of("Disposisi") == ["lembar"]
	assert v.letters_of("Identitas Pelapor") == []

"""Verifiable letters: the verification code every numbered letter prints, and its fingerprint.

Each outgoing letter is recorded once it has its number (Surat Terbit). The record holds an unguessable
code, printed on the letter under a QR code that opens /verifikasi-surat?kode=…, and the SHA-256
fingerprint of the letter's canonical content: a fixed, ordered list of "label: value" lines per kind.

The canonical content never holds personal data: no addressee, no reporter or requester identity. The
fingerprint is shown on the public page, so anything in it that has few possible values could be
confirmed by trying them; what the holder of a letter already reads on it (number, decision, subject) may
be in it, an identity the holder may not know (a rahasia reporter named nowhere on a Nota Dinas) may not.

Frappe-free: the same rules serve the records, the page and the tier-1 tests.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

# --- the code ---------------------------------------------------------------------------------------------

# Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper survives; 16 symbols of
# 32 are 80 bits, printed in four groups of four.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS, GROUP_SIZE = 4, 4
LENGTH = GROUPS * GROUP_SIZE
# What a reader may type for a symbol the alphabet leaves out.
LOOK_ALIKES = {"O": "0", "I": "1", "L": "1"}
SEPARATORS = frozenset(" -\t.")


def new_code() -> str:
	"""A code like 'K7QM-3XPA-9VTD-M2PB' (80 random bits)."""
	return group("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def group(symbols: str) -> str:
	return "-".join(symbols[i : i + GROUP_SIZE] for i in range(0, len(symbols), GROUP_SIZE))


def normalize_code(value) -> str | None:
	"""The code as stored ('K7QM-3XPA-9VTD-M2PB') for what a reader typed or scanned, or None when it
	cannot be one: case, spaces, dashes and the look-alikes O, I, L are forgiven, nothing else."""
	if not isinstance(value, str) or len(value) > 64:
		return None
	symbols = []
	for ch in value.strip().upper():
		if ch in SEPARATORS:
			continue
		ch = LOOK_ALIKES.get(ch, ch)
		if ch not in ALPHABET:
			return None
		symbols.append(ch)
	if len(symbols) != LENGTH:
		return None
	return group("".join(symbols))


# --- canonical content ------------------------------------------------------------------------------------

FORMAT = "KPU-DUMAS-SURAT/1"  # first line of every canonical content; a new format gets a new name

# The head of every letter, in this order: (label, key of the facts mapping).
HEAD: tuple[tuple[str, str], ...] = (
	("Jenis surat", "jenis"),
	("Nomor surat", "nomor"),
	("Tanggal surat", "tanggal"),
	("Instansi", "instansi"),
	("Nomor registrasi", "nomor_registrasi"),
)
# The signature block, last.
SIGNATURE: tuple[tuple[str, str], ...] = (
	("Nama penandatangan", "penandatangan"),
	("Jabatan penandatangan", "jabatan"),
	("NIP penandatangan", "nip"),
)


@dataclass(frozen=True)
class Kind:
	label: str  # the letter's name, as its Print Format is named
	fields: tuple[tuple[str, str], ...]  # what makes this letter, between the head and the signature


PENGADUAN = "Pengaduan"
PERMOHONAN = "Permohonan Informasi"
KEBERATAN = "Keberatan Informasi"
DISPOSISI = "Disposisi"

# (DocType, letter key as kpu_surat_context names it) -> kind. Only letters that carry a number.
KINDS: dict[tuple[str, str], Kind] = {
	(PENGADUAN, "tanda_terima"): Kind(
		"Tanda Terima Pengaduan",
		(
			("Diterima pada", "tanggal_diterima"),
			("Kanal", "kanal"),
			("Perihal", "perihal"),
		),
	),
	(PENGADUAN, "kelengkapan"): Kind(
		"Surat Permintaan Kelengkapan",
		(
			("Perihal", "perihal"),
			("Kekurangan", "kekurangan"),
			("Batas melengkapi", "batas_kelengkapan"),
		),
	),
	(PENGADUAN, "nota_dinas"): Kind(
		"Nota Dinas Pengaduan",
		(
			("Sifat", "sifat"),
			("Perihal", "perihal"),
		),
	),
	(PENGADUAN, "tanggapan"): Kind(
		"Surat Tanggapan Pengaduan",
		(
			("Perihal", "perihal"),
			("Tanggapan", "tanggapan"),
		),
	),
	(PENGADUAN, "penerusan"): Kind(
		"Surat Penerusan Pengaduan",
		(
			("Perihal", "perihal"),
			("Instansi tujuan", "instansi_tujuan"),
			("Catatan penerusan", "catatan_penerusan"),
		),
	),
	(PERMOHONAN, "tanda_bukti"): Kind(
		"Tanda Bukti Penerimaan Permohonan",
		(
			("Diterima pada", "tanggal_diterima"),
			("Informasi yang diminta", "informasi_diminta"),
		),
	),
	(PERMOHONAN, "perpanjangan"): Kind(
		"Surat Perpanjangan Jangka Waktu",
		(
			("Alasan perpanjangan", "alasan_perpanjangan"),
			("Batas perpanjangan", "batas_perpanjangan"),
		),
	),
	(PERMOHONAN, "pemberitahuan"): Kind(
		"Pemberitahuan Tertulis",
		(
			("Keputusan", "keputusan"),
			("Informasi yang diberikan", "informasi_diberikan"),
			("Pasal pengecualian", "pasal_pengecualian"),
			("Biaya", "biaya"),
		),
	),
	(PERMOHONAN, "balasan"): Kind(
		"Surat Balasan Permohonan Informasi",
		(
			("Nomor pemberitahuan", "nomor_pemberitahuan"),
			("Informasi yang diberikan", "informasi_diberikan"),
		),
	),
	(KEBERATAN, "tanggapan"): Kind(
		"Tanggapan atas Keberatan",
		(
			("Nomor permohonan", "nomor_permohonan"),
			("Keputusan", "keputusan"),
			("Tanggapan", "tanggapan"),
		),
	),
	(DISPOSISI, "lembar"): Kind(
		"Lembar Disposisi",
		(
			("Sifat", "sifat"),
			("Perihal", "perihal"),
			("Batas waktu", "batas_waktu"),
		),
	),
}

EMPTY = "-"


def kind_of(doctype: str, surat: str) -> Kind | None:
	return KINDS.get((doctype, surat))


def letters_of(doctype: str) -> list[str]:
	"""The numbered letter keys of a DocType, in the order of KINDS."""
	return [surat for (dt, surat) in KINDS if dt == doctype]


def canonical_value(value) -> str:
	"""One value on one line: dates ISO, datetimes ISO to the minute, whole amounts without decimals, text
	NFC with every run of whitespace (line breaks included) one space; empty is '-'."""
	if value is None or value == "":
		return EMPTY
	if isinstance(value, bool):
		return "Ya" if value else "Tidak"
	if isinstance(value, datetime):
		return value.replace(second=0, microsecond=0, tzinfo=None).isoformat(timespec="minutes")
	if isinstance(value, date):
		return value.isoformat()
	if isinstance(value, int | float | Decimal):
		number = Decimal(str(value))
		if number == number.to_integral_value():
			return str(int(number))
		return format(number.normalize(), "f")
	text = unicodedata.normalize("NFC", str(value))
	text = re.sub(r"\s+", " ", text).strip()
	return text or EMPTY


def canonical_lines(kind: Kind, facts: Mapping) -> list[tuple[str, str]]:
	"""The letter's canonical content: [(label, value)] in the fixed order of its kind."""
	facts = {**facts, "jenis": kind.label}
	fields = HEAD + kind.fields + SIGNATURE
	return [("Format", FORMAT)] + [(label, canonical_value(facts.get(key))) for label, key in fields]


def serialize(lines: list[tuple[str, str]]) -> str:
	"""'label: value' lines joined by a line feed, NFC; no trailing line feed."""
	return unicodedata.normalize("NFC", "\n".join(f"{label}: {value}" for label, value in lines))


def fingerprint(content: str) -> str:
	"""SHA-256 of the canonical content (UTF-8), lower-case hex."""
	return hashlib.sha256(content.encode("utf-8")).hexdigest()


def grouped_fingerprint(value: str, size: int = 8) -> str:
	"""'3f2a9c1e 77b0…' so 64 hex digits wrap on a phone and can be compared by eye."""
	return " ".join(value[i : i + size] for i in range(0, len(value), size))


# --- the record over time ---------------------------------------------------------------------------------

BERLAKU = "Berlaku"
DIGANTI = "Diganti"


def needs_new_record(current: Mapping | None, nomor: str | None, tanggal: date | None) -> bool:
	"""Whether the letter as the document now numbers and dates it differs from the record in force: a
	re-issued letter (new number) or a corrected one (number or date) gets a new record, and the one in
	force becomes Diganti. Anything else (a signatory or a text edited later) leaves the record as issued."""
	if not nomor:
		return False
	if not current:
		return True
	return current.get("nomor_surat") != nomor or _as_date(current.get("tanggal_surat")) != _as_date(tanggal)


def _as_date(value) -> date | None:
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	if isinstance(value, str) and value:
		return date.fromisoformat(value[:10])
	return None

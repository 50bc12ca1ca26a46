"""What the PPID letters say for a decision, an exemption or a day count (UU 14/2008, Perki 1/2021).

Pure functions and wording; kpu_dumas/letters_informasi.py feeds them from the documents.
"""

from __future__ import annotations

import re

from kpu_dumas.core import information_rules as rules

_UNITS = (
	"nol",
	"satu",
	"dua",
	"tiga",
	"empat",
	"lima",
	"enam",
	"tujuh",
	"delapan",
	"sembilan",
	"sepuluh",
	"sebelas",
)

# UU 14/2008 Pasal 17: exempt is information that... (completes "informasi yang ...")
_OPENING_WOULD = "apabila dibuka dan diberikan kepada pemohon informasi publik dapat"
EXEMPTIONS = {
	"a": f"{_OPENING_WOULD} menghambat proses penegakan hukum",
	"b": f"{_OPENING_WOULD} mengganggu kepentingan perlindungan hak atas kekayaan intelektual dan "
	"perlindungan dari persaingan usaha tidak sehat",
	"c": f"{_OPENING_WOULD} membahayakan pertahanan dan keamanan negara",
	"d": f"{_OPENING_WOULD} mengungkapkan kekayaan alam Indonesia",
	"e": f"{_OPENING_WOULD} merugikan ketahanan ekonomi nasional",
	"f": f"{_OPENING_WOULD} merugikan kepentingan hubungan luar negeri",
	"g": f"{_OPENING_WOULD} mengungkapkan isi akta otentik yang bersifat pribadi dan kemauan terakhir "
	"ataupun wasiat seseorang",
	"h": f"{_OPENING_WOULD} mengungkap rahasia pribadi",
	"i": "berupa memorandum atau surat-surat antar Badan Publik atau intra Badan Publik yang menurut "
	"sifatnya dirahasiakan",
	"j": "tidak boleh diungkapkan berdasarkan undang-undang",
}

# The written notice's opening statement for each decision (UU 14/2008 Pasal 22 ayat 7).
DECISIONS = {
	rules.GRANTED_IN_FULL: "Permohonan informasi Saudara <b>dikabulkan seluruhnya</b>.",
	rules.GRANTED_IN_PART: "Permohonan informasi Saudara <b>dikabulkan sebagian</b>: sebagian informasi "
	"yang dimohon termasuk informasi yang dikecualikan dan dihitamkan.",
	rules.REFUSED: "Permohonan informasi Saudara <b>ditolak</b> karena informasi yang dimohon termasuk "
	"informasi yang dikecualikan.",
	rules.NOT_HELD: "Informasi yang Saudara mohon <b>tidak dikuasai</b> oleh badan publik kami.",
	rules.NOT_YET_DOCUMENTED: "Informasi yang Saudara mohon <b>belum didokumentasikan</b>.",
}
GRANTED = (rules.GRANTED_IN_FULL, rules.GRANTED_IN_PART)
WITH_EXEMPTION = (rules.GRANTED_IN_PART, rules.REFUSED)


def number_in_words(n: int) -> str:
	"""Indonesian words for 0..999: 10 -> 'sepuluh', 14 -> 'empat belas', 30 -> 'tiga puluh'."""
	if not 0 <= n < 1000:
		raise ValueError(f"Angka di luar jangkauan: {n}.")
	if n < 12:
		return _UNITS[n]
	if n < 20:
		return f"{_UNITS[n - 10]} belas"
	if n < 100:
		tens, rest = divmod(n, 10)
		return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
	hundreds, rest = divmod(n, 100)
	head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
	return head + (f" {number_in_words(rest)}" if rest else "")


def working_days(n: int) -> str:
	"""'10 (sepuluh) hari kerja', as letters write a legal period."""
	return count_in_words(n, "hari kerja")


def exemption(article: str | None) -> str:
	"""'Pasal 17 huruf h' -> what that letter of Pasal 17 exempts ("informasi yang ..."); '' if unknown."""
	match = re.fullmatch(r"\s*Pasal 17 huruf ([a-j])\s*", article or "")
	return EXEMPTIONS[match.group(1)] if match else ""


def rupiah(amount) -> str:
	"""'Rp15.000' (Indonesian thousands separator); sen only when there are any: 'Rp2.500,50'."""
	value = round(float(amount or 0), 2)
	whole, cents = divmod(round(value * 100), 100)
	text = f"Rp{whole:,}".replace(",", ".")
	return f"{text},{cents:02d}" if cents else text


def count_in_words(n: int, unit: str) -> str:
	"""'2 (dua) berkas'."""
	return f"{n} ({number_in_words(n)}) {unit}"

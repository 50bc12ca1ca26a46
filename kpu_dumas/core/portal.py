"""What the public portal shows a citizen: state names in plain words, a timeline, plain text.

Frappe-free, so the same rules serve the portal pages, the emails and the tier-1 tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from kpu_dumas.core import complaint_rules as rules

# Workflow state -> (what the citizen reads, what it means for them). Examination and the decision on
# it are one step for the public, so a recommendation sent back to the team shows no back-and-forth.
PUBLIC_STATES: dict[str, tuple[str, str]] = {
	rules.DITERIMA: (
		"Diterima",
		"Pengaduan sudah kami terima dan sedang diperiksa kelengkapannya oleh petugas.",
	),
	rules.PERLU_DILENGKAPI: (
		"Perlu Dilengkapi",
		"Petugas meminta Anda melengkapi pengaduan. Lihat apa yang perlu dilengkapi di bawah.",
	),
	rules.TERDAFTAR: ("Terdaftar", "Pengaduan lengkap dan sudah dicatat dalam register pengaduan."),
	rules.DITELAAH: ("Dalam Pemeriksaan", "Pengaduan sedang ditelaah dan diperiksa oleh tim pemeriksa."),
	rules.REKOMENDASI: ("Dalam Pemeriksaan", "Pengaduan sedang ditelaah dan diperiksa oleh tim pemeriksa."),
	rules.DITANGGAPI: ("Ditanggapi", "Tanggapan atas pengaduan Anda sudah diterbitkan."),
	rules.SELESAI: ("Selesai", "Tanggapan sudah disampaikan dan penanganan pengaduan selesai."),
	rules.TIDAK_DITINDAKLANJUTI: (
		"Tidak Ditindaklanjuti",
		"Pengaduan tidak dapat ditindaklanjuti oleh kantor ini. Lihat alasannya di bawah.",
	),
	rules.DICABUT: ("Dicabut", "Pengaduan dicabut atau dianggap dicabut, dan penanganannya dihentikan."),
	rules.DIBATALKAN: (
		"Dibatalkan",
		"Catatan pengaduan ini dibatalkan oleh kantor (misalnya tercatat ganda). Lihat alasannya di bawah.",
	),
	rules.DIGABUNGKAN: (
		"Digabungkan",
		"Pengaduan yang sama sudah kami terima sebelumnya, sehingga pengaduan Anda digabungkan dan ditangani "
		"bersama pengaduan utama. Perkembangannya tertera di bawah.",
	),
	rules.DIALIHKAN: (
		"Dialihkan ke Permohonan Informasi",
		"Pengaduan Anda berisi permintaan informasi publik, sehingga ditangani sebagai permohonan informasi "
		"dengan nomor baru yang tertera di bawah (jangka waktunya dihitung sejak pengaduan Anda diterima).",
	),
	rules.DITERUSKAN: (
		"Diteruskan ke Instansi Berwenang",
		"Pokok pengaduan Anda bukan kewenangan KPU, sehingga kami teruskan kepada instansi yang berwenang. "
		"Kontaknya tertera di bawah.",
	),
}

ANSWERED_STATES = frozenset({rules.DITANGGAPI, rules.SELESAI})


def public_state(state: str | None) -> tuple[str, str]:
	"""(label, explanation) of a workflow state for the public. A state of a preset's own workflow (Profil
	SOP, e.g. Laporan ke Kepala Dinas) reads as the examination: the citizen sees no internal step names."""
	if state and state not in PUBLIC_STATES:
		return PUBLIC_STATES[rules.DITELAAH]
	return PUBLIC_STATES.get(state or "", ("Diproses", ""))


def public_timeline(rows: Iterable[Mapping]) -> list[dict]:
	"""Stage-history rows (tahap, masuk) in order -> [{'tahap', 'label', 'masuk'}], with consecutive
	stages of the same public label shown once (at the first one's date)."""
	timeline: list[dict] = []
	for row in rows:
		label, _ = public_state(row.get("tahap"))
		if timeline and timeline[-1]["label"] == label:
			continue
		timeline.append({"tahap": row.get("tahap"), "label": label, "masuk": row.get("masuk")})
	return timeline


_TAG = re.compile(r"</?[A-Za-z!?][^<>]*>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(value, max_length: int | None = None) -> str:
	"""A citizen's text as plain text: markup tags and control characters removed, line breaks
	normalised, blank lines collapsed, trimmed; '<', '>' and '&' that are not markup are kept."""
	if value is None:
		return ""
	text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
	previous = None
	while previous != text:  # "<scr<b>ipt>" must not become "<script>"
		previous, text = text, _TAG.sub("", text)
	text = _CONTROL.sub("", text)
	text = re.sub(r"[ \t]+\n", "\n", text)
	text = re.sub(r"\n{3,}", "\n\n", text).strip()
	if max_length is not None:
		text = text[:max_length].rstrip()
	return text


def one_line(value, max_length: int | None = None) -> str:
	"""plain_text on a single line (for Data fields such as perihal)."""
	return re.sub(r"\s+", " ", plain_text(value, None)).strip()[: max_length or None].rstrip()

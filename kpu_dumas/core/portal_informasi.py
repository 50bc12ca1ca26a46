"""What the public portal shows for information requests and objections (UU 14/2008, Perki 1/2021).

Frappe-free: plain state names and explanations, the timeline, and which case a tracking number names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from kpu_dumas.core import information_rules as rules

PERMOHONAN = "Permohonan Informasi"
KEBERATAN = "Keberatan Informasi"

# Workflow state -> (what the citizen reads, what it means for them).
REQUEST_STATES: dict[str, tuple[str, str]] = {
	rules.DIAJUKAN: (
		"Diajukan",
		"Permohonan sudah kami terima dan menunggu dicatat dalam register oleh petugas desk informasi.",
	),
	rules.TERDAFTAR: ("Terdaftar", "Permohonan sudah dicatat dalam register permohonan informasi."),
	rules.DIPROSES: (
		"Diproses PPID",
		"PPID sedang menyiapkan informasi dan pemberitahuan tertulis atas permohonan Anda.",
	),
	rules.DIPERPANJANG: (
		"Diperpanjang",
		"PPID memperpanjang jangka waktu pemberitahuan tertulis. Alasannya tertera di bawah.",
	),
	rules.PEMBERITAHUAN: (
		"Sudah Diputuskan",
		"PPID telah menerbitkan pemberitahuan tertulis. Keputusannya tertera di bawah.",
	),
	rules.SELESAI: ("Selesai", "Informasi sudah diserahkan dan layanan permohonan selesai."),
	rules.DIBATALKAN: (
		"Dibatalkan",
		"Catatan permohonan ini dibatalkan oleh PPID. Alasannya tertera di bawah.",
	),
	rules.DIALIHKAN: (
		"Dialihkan ke Pengaduan",
		"Permohonan Anda ternyata berisi pengaduan, sehingga ditangani sebagai pengaduan dengan nomor "
		"baru yang tertera di bawah.",
	),
}
OBJECTION_STATES: dict[str, tuple[str, str]] = {
	rules.DIAJUKAN: (
		"Diajukan",
		"Keberatan sudah kami terima dan menunggu dicatat dalam register keberatan.",
	),
	rules.TERDAFTAR: ("Terdaftar", "Keberatan sudah dicatat dalam register keberatan."),
	rules.DIPROSES: ("Diperiksa Atasan PPID", "Atasan PPID sedang memeriksa keberatan Anda."),
	rules.DITANGGAPI: ("Ditanggapi", "Atasan PPID telah memberikan tanggapan tertulis. Lihat di bawah."),
	rules.SELESAI: ("Selesai", "Penanganan keberatan selesai."),
	rules.DIBATALKAN: (
		"Dibatalkan",
		"Catatan keberatan ini dibatalkan oleh PPID. Alasannya tertera di bawah.",
	),
}

DECIDED_REQUEST_STATES = frozenset({rules.PEMBERITAHUAN, rules.SELESAI})
ANSWERED_OBJECTION_STATES = frozenset({rules.DITANGGAPI, rules.SELESAI})

_NUMBER = re.compile(r"^(PPID|KEB)-\d{4}-\d{1,10}$")


def doctype_for_number(number: str | None) -> str | None:
	"""'PPID-2026-00012' -> Permohonan Informasi, 'KEB-2026-00003' -> Keberatan Informasi, else None."""
	match = _NUMBER.match(normalize_number(number))
	if not match:
		return None
	return PERMOHONAN if match.group(1) == "PPID" else KEBERATAN


def normalize_number(number: str | None) -> str:
	"""Upper-case without surrounding or inner spaces, as the citizen may type it."""
	return re.sub(r"\s+", "", str(number or "")).upper()[:140]


def public_state(doctype: str, state: str | None) -> tuple[str, str]:
	states = REQUEST_STATES if doctype == PERMOHONAN else OBJECTION_STATES
	if state and state not in states:  # a preset's own step (Profil SOP, e.g. Disposisi Pimpinan)
		return states[rules.DIPROSES]
	return states.get(state or "", ("Diproses", ""))


def public_timeline(doctype: str, rows: Iterable[Mapping]) -> list[dict]:
	"""Stage-history rows (tahap, masuk) in order -> [{'tahap', 'label', 'masuk'}], consecutive stages
	with the same public label shown once."""
	timeline: list[dict] = []
	for row in rows:
		label, _ = public_state(doctype, row.get("tahap"))
		if timeline and timeline[-1]["label"] == label:
			continue
		timeline.append({"tahap": row.get("tahap"), "label": label, "masuk": row.get("masuk")})
	return timeline


def copy_needed(way_to_obtain: str | None) -> bool:
	"""Whether the requester asked for a copy (and so must say how to receive it)."""
	return (way_to_obtain or "").startswith("Mendapatkan Salinan")


def request_form_errors(values: Mapping) -> list[str]:
	"""What the portal's request form must hold beyond the DocType's own checks."""
	errors = []
	if copy_needed(values.get("cara_memperoleh")) and not values.get("cara_mendapatkan_salinan"):
		errors.append(
			"Pilih cara mendapatkan salinan informasi (diambil langsung, kurir, pos, faksimili atau email)."
		)
	if values.get("cara_mendapatkan_salinan") == "Email" and not values.get("email"):
		errors.append("Isi alamat email Anda bila salinan informasi dikirim melalui email.")
	return errors

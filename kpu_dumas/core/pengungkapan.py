"""Rules of a reveal that need no database: the reason a reader gives, and how long a reveal lasts.

The site layer (kpu_dumas.pengungkapan) writes the log row and keeps the grant in the cache.
"""

from __future__ import annotations

MIN_REASON_LENGTH = 10  # characters: a reason says what the identity is needed for, not "ok"
GRANT_SECONDS = 10 * 60  # a reveal stays open this long for the same reader, identity and door
# A reveal through either of these opens the Identitas Pelapor document itself (getdoc, REST, client).
DOCUMENT_DOORS = ("form", "api")
# Doors a reader opens with buka_identitas; the report and export doors open through the report's filter.
ASKED_DOORS = ("form", "print", "api")


def normalize_reason(alasan) -> str:
	"""The reason as it is logged: trimmed, inner whitespace collapsed."""
	return " ".join(str(alasan or "").split())


def reason_error(alasan) -> str | None:
	"""Why a reason is refused (Indonesian, says how to fix it), or None."""
	reason = normalize_reason(alasan)
	if not reason:
		return (
			"Alasan membuka identitas pelapor wajib diisi: tuliskan untuk keperluan apa identitas ini dibuka."
		)
	if len(reason) < MIN_REASON_LENGTH:
		return (
			f"Alasan terlalu singkat ({len(reason)} karakter): tuliskan paling sedikit {MIN_REASON_LENGTH} "
			"karakter, misalnya keperluan pemeriksaan atau surat yang akan dikirim."
		)
	return None

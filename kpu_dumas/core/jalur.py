"""The paths that take a case elsewhere: merged into its main case, redirected to the other register,
forwarded to the competent body (README "Jalur pengaduan"). Frappe-free pieces of them.
"""

from __future__ import annotations

from collections.abc import Mapping

from kpu_dumas.core.complaint_rules import is_blank

MIN_REASON = 10  # characters of a "Bukan duplikat" reason

# A complaint's channel -> the information request's, and back (the two registers name them apart).
REQUEST_CHANNEL_OF_COMPLAINT = {
	"Langsung (Meja Layanan)": "Langsung (Meja Layanan)",
	"Kotak Pengaduan": "Surat",
	"Surat": "Surat",
	"Email": "Email",
	"Website": "Website",
	"Telepon/WhatsApp": "Telepon",
	"SP4N-LAPOR!": "Website",
	"Media Sosial": "Media Sosial",
}
COMPLAINT_CHANNEL_OF_REQUEST = {
	"Langsung (Meja Layanan)": "Langsung (Meja Layanan)",
	"Surat": "Surat",
	"Email": "Email",
	"Telepon": "Telepon/WhatsApp",
	"WhatsApp/SMS": "Telepon/WhatsApp",
	"Website": "Website",
	"Media Sosial": "Media Sosial",
}
DEFAULT_CHANNEL = "Langsung (Meja Layanan)"

# What a request needs that a complaint may lack (label for the message).
REQUEST_NEEDS = {
	"jenis_pemohon": "jenis pemohon",
	"nama_pemohon": "nama pemohon",
	"jenis_identitas": "jenis identitas",
	"nomor_identitas": "nomor identitas",
	"alamat": "alamat",
	"informasi_diminta": "rincian informasi yang dibutuhkan",
	"tujuan_penggunaan": "tujuan penggunaan informasi",
	"cara_memperoleh": "cara memperoleh informasi",
}
# ...and what a complaint needs that a request lacks.
COMPLAINT_NEEDS = {"perihal": "perihal", "uraian": "uraian pengaduan"}


def missing(values: Mapping, needs: Mapping[str, str]) -> list[str]:
	"""Labels of the needed values that are blank."""
	return [label for field, label in needs.items() if is_blank(values.get(field))]


def reason_error(reason) -> str | None:
	if len(str(reason or "").strip()) < MIN_REASON:
		return (
			f"Tuliskan alasannya (paling sedikit {MIN_REASON} karakter), misalnya apa yang membedakan "
			"pengaduan ini dari kandidatnya."
		)
	return None


def contact_lines(body: Mapping) -> list[tuple[str, str]]:
	"""(label, value) of a competent body's contact details that are filled in."""
	return [
		(label, str(body.get(field)).strip())
		for field, label in (
			("alamat", "Alamat"),
			("telepon", "Telepon"),
			("email", "Email"),
			("situs_web", "Situs web"),
		)
		if not is_blank(body.get(field))
	]

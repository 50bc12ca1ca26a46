"""/verifikasi-surat: whether a letter is one the office issued, from the code printed under its QR code.

Shows the kind, number, date, signatory, status (Berlaku, or Diganti with the replacing number) and the
SHA-256 fingerprint of the letter's canonical content (kpu_dumas.verification). Never the source document,
the addressee or the body. An unknown, altered or malformed code gets one neutral answer with one status
(404); past the rate limit the page answers 429 and looks nothing up.
"""

import frappe

from kpu_dumas import verification
from kpu_dumas.www.pengaduan import in_indonesian

no_cache = 1

NOT_FOUND = (
	"Kode verifikasi tidak dikenal. Periksa kembali kode seperti tertulis di bawah kode QR pada surat, "
	"misalnya K7QM-3XPA-9VTD-M2PB (16 huruf dan angka). Bila kode sudah sesuai dan surat tetap tidak "
	"ditemukan, surat itu tidak tercatat sebagai surat yang diterbitkan kantor ini."
)
TOO_MANY = "Terlalu banyak pemeriksaan dari alamat Anda dalam satu menit. Tunggu sebentar, lalu coba lagi."


def get_context(context):
	in_indonesian(context)
	kode = str(frappe.form_dict.get("kode") or "").strip()[:64]
	settings = frappe.get_cached_doc("Pengaturan Kantor")
	context.title = "Verifikasi Surat"
	context.kantor = settings.nama_kantor or settings.nama_instansi or "kantor ini"
	context.kode = kode
	context.surat = None
	context.pesan = None
	# The code is in the address: keep the page out of search engines and out of Referer headers.
	context.metatags = {"robots": "noindex, nofollow", "referrer": "no-referrer"}
	if not kode:
		return context
	if verification.over_rate_limit():
		context.http_status_code = 429
		context.pesan = frappe._dict(judul="Coba Lagi Sebentar", teks=TOO_MANY)
		return context
	context.surat = verification.public_view(kode)
	if not context.surat:
		context.http_status_code = 404
		context.pesan = frappe._dict(judul="Surat Tidak Ditemukan", teks=NOT_FOUND)
	return context

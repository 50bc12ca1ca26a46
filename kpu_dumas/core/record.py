"""What only the app writes on our records, and how a client's write to it is recognised.

The single list of server-owned fields: deadlines and legal clocks, letter and registration numbers,
tracking codes, timeliness flags, what transitions record, the portal's own marks, the import's
marks and the stage history. `kpu_dumas.record` refuses any client write to them; the correction door
(`kpu_dumas.api.koreksi`) changes the few marked `correctable`, with a reason and an audit row.

Frappe-free: values are compared by fieldtype the way the database stores them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# Kinds of server-owned fields (what the README lists).
DEADLINE = "batas waktu"
NUMBER = "nomor"
CODE = "kode lacak"
FLAG = "penanda"
TRANSITION = "dicatat transisi"
PORTAL = "portal"
IMPORT = "impor"
EMAIL = "email masuk"


@dataclass(frozen=True)
class Owned:
	fieldname: str
	kind: str
	correctable: bool = False  # the correction door may change it, with a reason


IMPORT_MARKS = (
	Owned("diimpor", IMPORT),
	Owned("diimpor_oleh", IMPORT),
	Owned("impor_register", IMPORT),
)

SERVER_FIELDS: dict[str, tuple[Owned, ...]] = {
	"Pengaduan": (
		Owned("batas_tanggapan_awal", DEADLINE),
		Owned("batas_keputusan", DEADLINE),
		Owned("batas_kelengkapan", DEADLINE),
		# kept from the stage history (kpu_dumas.stages.keep_timeliness, the hourly sweep)
		Owned("ketepatan_waktu", FLAG),
		Owned("batas_waktu_tahap", DEADLINE),
		Owned("nomor_tanda_terima", NUMBER, correctable=True),
		Owned("nomor_surat_kelengkapan", NUMBER, correctable=True),
		Owned("nomor_nota_dinas", NUMBER, correctable=True),
		Owned("nomor_surat_tanggapan", NUMBER, correctable=True),
		Owned("kode_lacak", CODE),
		Owned("melewati_batas_pengajuan", FLAG),
		Owned("tanggal_tanggapan", TRANSITION, correctable=True),
		Owned("disetujui_oleh", TRANSITION),
		Owned("pengguna_portal", PORTAL),
		Owned("persetujuan_pernyataan", PORTAL),
		Owned("tambahan_dari_pelapor", PORTAL),
		# the paths a complaint takes elsewhere (kpu_dumas.api.jalur)
		Owned("kemungkinan_duplikat", FLAG),
		Owned("bukan_duplikat_oleh", TRANSITION),
		Owned("bukan_duplikat_pada", TRANSITION),
		Owned("alasan_bukan_duplikat", TRANSITION),
		Owned("digabung_ke", TRANSITION),
		Owned("dialihkan_ke_permohonan", TRANSITION),
		Owned("berasal_dari_permohonan", TRANSITION),
		Owned("nomor_surat_penerusan", NUMBER, correctable=True),
		Owned("tanggal_penerusan", TRANSITION, correctable=True),
		# what a complaint that came by email said (kpu_dumas.email_masuk)
		Owned("email_pengirim", EMAIL),
		Owned("lampiran_ditolak", EMAIL),
		# SP4N-LAPOR! (kpu_dumas.lapor, kpu_dumas.api.lapor): its clocks, the follow-up step and replies
		Owned("kunci_tiket_lapor", FLAG),
		Owned("batas_penerusan_lapor", DEADLINE),
		Owned("batas_tindak_lanjut_lapor", DEADLINE),
		Owned("batas_penutupan_lapor", DEADLINE),
		Owned("tindak_lanjut_lapor_terlambat", FLAG),
		Owned("tindak_lanjut_lapor_pada", TRANSITION),
		Owned("tindak_lanjut_lapor_oleh", TRANSITION),
		Owned("teks_tindak_lanjut_lapor", TRANSITION),
		Owned("tindak_lanjut_terakhir_lapor_pada", TRANSITION),
		Owned("balasan_lapor_pada", TRANSITION),
		Owned("balasan_lapor_dari", TRANSITION),
		Owned("teks_balasan_lapor", TRANSITION),
		Owned("selesai_di_lapor", TRANSITION),
		*IMPORT_MARKS,
	),
	"Permohonan Informasi": (
		Owned("batas_pemberitahuan", DEADLINE),
		Owned("batas_perpanjangan", DEADLINE),
		Owned("rezim_pemilu", FLAG),
		Owned("nomor_tanda_bukti", NUMBER, correctable=True),
		Owned("nomor_pemberitahuan", NUMBER, correctable=True),
		Owned("nomor_surat_perpanjangan", NUMBER, correctable=True),
		Owned("nomor_surat_balasan", NUMBER, correctable=True),
		Owned("kode_lacak", CODE),
		Owned("tanggal_pemberitahuan", TRANSITION, correctable=True),
		Owned("pengguna_portal", PORTAL),
		Owned("subjek_email", EMAIL),
		Owned("lampiran_ditolak", EMAIL),
		*IMPORT_MARKS,
	),
	"Keberatan Informasi": (
		Owned("batas_tanggapan", DEADLINE),
		Owned("batas_komisi_informasi", DEADLINE),
		Owned("nomor_tanggapan", NUMBER, correctable=True),
		Owned("kode_lacak", CODE),
		Owned("tanggal_tanggapan", TRANSITION, correctable=True),
	),
	"Disposisi": (
		Owned("dikirim_pada", TRANSITION),
		Owned("selesai_pada", TRANSITION),
		Owned("jalur", TRANSITION),
	),
}

# Child tables whose every row is the server's: nobody adds, edits, reorders or removes a row. The stage
# history, and the complaints merged into a main case (their channel and receipt time).
HISTORY_TABLES: dict[str, tuple[str, ...]] = {
	"Pengaduan": ("riwayat_tahap", "pengaduan_tergabung"),
	"Permohonan Informasi": ("riwayat_tahap",),
	"Keberatan Informasi": ("riwayat_tahap",),
	"Disposisi": ("riwayat_tahap",),
}

# Child tables whose rows a user writes, with columns only the app writes (here: what recipients did).
# Recipients write them behind the issuer's open form (without touching `modified`), so a stale form
# is normal: a save keeps the stored values (Disposisi.keep_recipient_progress) instead of refusing.
CHILD_SERVER_FIELDS: dict[str, dict[str, tuple[str, ...]]] = {
	"Disposisi": {
		"penerima": (
			"status",
			"dibaca_pada",
			"catatan_tindak_lanjut",
			"selesai_pada",
			"disposisi_lanjutan",
			"terlambat_diberitahukan",
		),
	},
}

# The channel only the portal writes: a Desk user can neither file as it nor move a case off it.
PORTAL_CHANNEL = {"Pengaduan": ("kanal", "Website"), "Permohonan Informasi": ("kanal", "Website")}

# Who may use the correction door, per DocType.
CORRECTORS: dict[str, tuple[str, ...]] = {
	"Pengaduan": ("Pejabat Yang Berwenang",),
	"Permohonan Informasi": ("PPID",),
	"Keberatan Informasi": ("PPID",),
}

# Bookkeeping columns of a child row that are not its content.
ROW_META = frozenset(
	{
		"name",
		"idx",
		"parent",
		"parentfield",
		"parenttype",
		"doctype",
		"owner",
		"creation",
		"modified",
		"modified_by",
		"docstatus",
	}
)


def owned(doctype: str) -> tuple[Owned, ...]:
	return SERVER_FIELDS.get(doctype, ())


def fieldnames(doctype: str) -> tuple[str, ...]:
	return tuple(f.fieldname for f in owned(doctype))


def correctable(doctype: str) -> tuple[str, ...]:
	return tuple(f.fieldname for f in owned(doctype) if f.correctable)


def numbers(doctype: str) -> tuple[str, ...]:
	"""The fields of `doctype` holding an issued letter number."""
	return tuple(f.fieldname for f in owned(doctype) if f.kind == NUMBER)


def number_fields() -> list[tuple[str, str]]:
	"""Every (doctype, field) holding an issued letter number."""
	return [(dt, field) for dt in SERVER_FIELDS for field in numbers(dt)]


def normalized(fieldtype: str, value):
	"""The value as the database keeps it, so a form's strings compare equal to what was loaded."""
	if fieldtype in ("Check", "Int"):
		try:
			return int(float(value or 0))
		except (TypeError, ValueError):
			return value
	if fieldtype in ("Float", "Currency", "Percent"):
		try:
			return round(float(value or 0), 6)
		except (TypeError, ValueError):
			return value
	if value in (None, ""):
		return None
	if fieldtype == "Date":
		return _to_date(value)
	if fieldtype == "Datetime":
		return _to_datetime(value)
	return str(value)


def _to_date(value):
	if isinstance(value, datetime):
		return value.date()
	if isinstance(value, date):
		return value
	try:
		return date.fromisoformat(str(value).strip()[:10])
	except ValueError:
		return str(value)


def _to_datetime(value):
	if isinstance(value, datetime):
		return value.replace(microsecond=0, tzinfo=None)
	if isinstance(value, date):
		return datetime(value.year, value.month, value.day)
	try:
		return datetime.fromisoformat(str(value).strip()).replace(microsecond=0, tzinfo=None)
	except ValueError:
		return str(value)


def same(fieldtype: str, old, new) -> bool:
	return normalized(fieldtype, old) == normalized(fieldtype, new)


def history_violation(old_rows: list[dict], new_rows: list[dict], fieldtypes: dict[str, str]) -> str | None:
	"""How a client's rows differ from the stored history rows: None when they are the same rows.

	Rows are dicts of column -> value with their `name`; `fieldtypes` maps content columns to types.
	"""
	old_names = [r.get("name") for r in old_rows]
	new_names = [r.get("name") for r in new_rows]
	if set(new_names) - set(old_names):
		return "ditambah"
	if set(old_names) - set(new_names):
		return "dihapus"
	if old_names != new_names:
		return "diubah urutannya"
	for old, new in zip(old_rows, new_rows, strict=True):
		for column, fieldtype in fieldtypes.items():
			if column not in ROW_META and not same(fieldtype, old.get(column), new.get(column)):
				return "diubah"
	return None

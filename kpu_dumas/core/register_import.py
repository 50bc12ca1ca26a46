"""Past register books (the offices' Excel matrices) read into closed cases, row by row.

`read_rows` turns the sheet's header and rows into one case dict per row, or the reasons a row is
refused. Every row is checked before anything is saved: the caller saves all cases or none.
Frappe-free: the caller passes the year, the options of the select fields and the numbers already in use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from kpu_dumas.core import date_order
from kpu_dumas.core import information_rules as info


@dataclass(frozen=True)
class Column:
	header: str  # as written in the template (a trailing * marks a required column)
	fieldname: str
	kind: str = "text"  # text | date | datetime | choice
	required: bool = False

	@property
	def title(self) -> str:
		return self.header + ("*" if self.required else "")


NUMBER = "Nomor Registrasi"

COLUMNS: dict[str, tuple[Column, ...]] = {
	"Pengaduan": (
		Column(NUMBER, "name", required=True),
		Column("Tanggal Diterima", "tanggal_diterima", "datetime", required=True),
		Column("Kanal", "kanal", "choice", required=True),
		Column("Perihal", "perihal", required=True),
		Column("Uraian", "uraian"),
		Column("Teradu", "teradu"),
		Column("Status Akhir", "workflow_state", "choice", required=True),
		Column("Alasan Tidak Ditindaklanjuti", "alasan_tidak_ditindaklanjuti", "choice"),
		Column("Alasan Pencabutan", "alasan_pencabutan"),
		Column("Kesimpulan", "kesimpulan", "choice"),
		Column("Nomor Tanda Terima", "nomor_tanda_terima"),
		Column("Nomor Surat Tanggapan", "nomor_surat_tanggapan"),
		Column("Tanggal Surat Tanggapan", "tanggal_tanggapan", "date"),
		Column("Disampaikan Melalui", "media_tanggapan", "choice"),
		Column("Tanggal Disampaikan", "tanggal_disampaikan", "date"),
	),
	"Permohonan Informasi": (
		Column(NUMBER, "name", required=True),
		Column("Tanggal Diterima", "tanggal_diterima", "datetime", required=True),
		Column("Kanal", "kanal", "choice", required=True),
		Column("Nama Pemohon", "nama_pemohon", required=True),
		Column("Alamat", "alamat"),
		Column("Informasi yang Diminta", "informasi_diminta", required=True),
		Column("Tujuan Penggunaan", "tujuan_penggunaan"),
		Column("Keputusan", "keputusan", "choice", required=True),
		Column("Nomor Tanda Bukti", "nomor_tanda_bukti"),
		Column("Nomor Pemberitahuan", "nomor_pemberitahuan"),
		Column("Tanggal Pemberitahuan", "tanggal_pemberitahuan", "date"),
		Column("Diserahkan Melalui", "diserahkan_melalui", "choice"),
		Column("Tanggal Diserahkan", "tanggal_diserahkan", "date"),
		Column("Nomor Surat Balasan", "nomor_surat_balasan"),
	),
}

# The end states an imported case may carry.
CLOSED_STATES = {
	"Pengaduan": ("Selesai", "Tidak Ditindaklanjuti", "Dicabut"),
	"Permohonan Informasi": (info.SELESAI,),
}
LETTER_FIELDS = {
	"Pengaduan": ("nomor_tanda_terima", "nomor_surat_tanggapan"),
	"Permohonan Informasi": ("nomor_tanda_bukti", "nomor_pemberitahuan", "nomor_surat_balasan"),
}
DATE_CHECKS = {"Pengaduan": date_order.complaint_errors, "Permohonan Informasi": date_order.request_errors}
PLACEHOLDER = "-"  # for a field the register book never held but the DocType requires


@dataclass
class Result:
	cases: list[dict] = field(default_factory=list)
	refused: list[tuple[int, str]] = field(default_factory=list)  # (sheet row number, reason)

	@property
	def ok(self) -> bool:
		return bool(self.cases) and not self.refused


def template_header(kind: str) -> list[str]:
	return [c.title for c in COLUMNS[kind]]


def read_rows(
	kind: str,
	header: list,
	rows: Iterable[list],
	*,
	year: int,
	options: Mapping[str, Iterable[str]],
	numbers_in_use: set[str],
	today: date,
	first_row: int = 2,
) -> Result:
	"""Check every row; `options` maps a choice field to its allowed values, `numbers_in_use` holds the
	registration and letter numbers the site already has."""
	result = Result()
	columns = COLUMNS[kind]
	positions, missing = _positions(columns, header)
	if missing:
		result.refused.append((1, "Kolom wajib tidak ada pada baris judul: " + ", ".join(missing) + "."))
		return result
	seen: dict[str, int] = {}
	for number, raw in enumerate(rows, start=first_row):
		values = [raw[i] if i is not None and i < len(raw) else None for i in positions]
		if all(_blank(v) for v in values):
			continue
		case, errors = _read_case(kind, columns, values, year, options, today)
		for fieldname in ("name", *LETTER_FIELDS[kind]):
			value = case.get(fieldname)
			if not value:
				continue
			if value in numbers_in_use:
				errors.append(f"nomor {value} sudah dipakai di situs ini")
			elif value in seen:
				errors.append(f"nomor {value} sudah dipakai pada baris {seen[value]}")
			else:
				seen[value] = number
		if errors:
			result.refused.append((number, "; ".join(errors) + "."))
		else:
			result.cases.append(case)
	if not result.cases and not result.refused:
		result.refused.append((first_row, "Berkas tidak memuat satu baris data pun di bawah baris judul."))
	return result


def _positions(columns, header) -> tuple[list[int | None], list[str]]:
	titles = [_norm_header(h) for h in header]
	positions, missing = [], []
	for c in columns:
		key = _norm_header(c.header)
		index = titles.index(key) if key in titles else None
		positions.append(index)
		if index is None and c.required:
			missing.append(c.title)
	return positions, missing


def _norm_header(value) -> str:
	return str(value or "").replace("*", "").strip().lower()


def _blank(value) -> bool:
	return value is None or (isinstance(value, str) and not value.strip())


def _read_case(kind, columns, values, year, options, today) -> tuple[dict, list[str]]:
	case: dict = {}
	errors: list[str] = []
	for c, value in zip(columns, values, strict=True):
		if _blank(value):
			if c.required:
				errors.append(f"kolom {c.header} wajib diisi")
			continue
		try:
			case[c.fieldname] = _convert(c, value, options)
		except ValueError as e:
			errors.append(f"kolom {c.header}: {e}")
	received = case.get("tanggal_diterima")
	if isinstance(received, datetime) and received.year != year:
		errors.append(f"tanggal diterima {received:%d-%m-%Y} bukan tahun register {year}")
	state = case.get("workflow_state", CLOSED_STATES[kind][0])
	if state not in CLOSED_STATES[kind]:
		errors.append("status akhir harus salah satu: " + ", ".join(CLOSED_STATES[kind]))
	case["workflow_state"] = state
	errors += [_lower_first(e.rstrip(".")) for e in DATE_CHECKS[kind](case, today)]
	return case, errors


def _convert(column: Column, value, options):
	if column.kind == "datetime":
		return _as_datetime(value)
	if column.kind == "date":
		return _as_datetime(value).date()
	text = str(value).strip()
	if column.kind == "choice":
		allowed = [o for o in options.get(column.fieldname, ()) if o]
		match = {o.lower(): o for o in allowed}.get(text.lower())
		if match is None:
			raise ValueError(f"'{text}' bukan pilihan yang dikenal ({', '.join(allowed)})")
		return match
	return text


def _as_datetime(value) -> datetime:
	if isinstance(value, datetime):
		return value.replace(tzinfo=None)
	if isinstance(value, date):
		return datetime(value.year, value.month, value.day)
	text = str(value).strip()
	for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
		try:
			return datetime.strptime(text, pattern)
		except ValueError:
			continue
	raise ValueError(f"'{text}' bukan tanggal (tulis 31/01/2019 atau 2019-01-31)")


def _lower_first(text: str) -> str:
	return text[:1].lower() + text[1:]

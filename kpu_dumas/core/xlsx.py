"""Formatted .xlsx reports: title block, table with totals, signature block (openpyxl, write-only).

The sheet is streamed row by row (openpyxl write-only mode), so a register of a year's complaints is
written in seconds without holding a cell object per value.

Citizen text is never a formula. Every string is written as a text cell (data_type "s"), including one
that starts with = + - @, a tab or a carriage return; such a cell also gets Excel's quote prefix, so
editing it in Excel does not turn it into a formula either. Characters XML cannot hold are dropped.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kpu_dumas.core.dates import format_date

KINDS = ("text", "int", "float", "percent", "date", "datetime")
NUMBER_FORMATS = {
	"int": "#,##0",
	"float": "#,##0.0",
	"percent": "0.0%",
	"date": "DD-MM-YYYY",
	"datetime": "DD-MM-YYYY HH:MM",
}
# Excel and LibreOffice start a formula with these (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")
MAX_CELL_TEXT = 32767
MAX_SHEET_TITLE = 31

_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", start_color="D9E1F2", end_color="D9E1F2")
TOTAL_FILL = PatternFill("solid", start_color="F2F2F2", end_color="F2F2F2")


@dataclass(frozen=True)
class Column:
	label: str
	key: str | int  # key of a mapping row, or index of a sequence row
	kind: str = "text"  # one of KINDS; "percent" takes 87.5 for 87.5 %
	width: float | None = None  # in characters; None: from the label

	def __post_init__(self):
		if self.kind not in KINDS:
			raise ValueError(f"Jenis kolom tidak dikenal: {self.kind!r}. Pilihan: {', '.join(KINDS)}.")


@dataclass(frozen=True)
class Signatory:
	place: str  # town written before the date, e.g. "Marisa"
	date: datetime.date
	jabatan: str
	nama: str
	nip: str = ""


def clean_text(value) -> str:
	"""The string as it may go into a cell: XML-illegal characters dropped, at most 32767 characters."""
	text = _ILLEGAL.sub("", str(value))
	return text[:MAX_CELL_TEXT]


def looks_like_formula(text: str) -> bool:
	return text.startswith(FORMULA_TRIGGERS)


def column_sums(columns: Sequence[Column], rows: Iterable, kinds=("int", "float")) -> dict:
	"""{key: sum} for the numeric columns, for a totals row."""
	sums = {c.key: 0 for c in columns if c.kind in kinds}
	for row in rows:
		for key in sums:
			value = _get(row, key)
			if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
				sums[key] += value
	return sums


def _get(row, key):
	if isinstance(row, Mapping):
		return row.get(key)
	try:
		return row[key]
	except (IndexError, KeyError, TypeError):
		return None


class _Styles:
	"""Cell styles, built once per workbook."""

	def __init__(self):
		self.title = Font(bold=True, size=14)
		self.subtitle = Font(bold=True, size=12)
		self.bold = Font(bold=True)
		self.signature_name = Font(bold=True, underline="single")
		self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
		self.top = Alignment(vertical="top", wrap_text=True)
		self.left = Alignment(horizontal="left", vertical="top")


class _TableCell(Cell):
	"""A cell handed to the write-only sheet, ready (value, type and style set)."""

	__slots__ = ()

	def __repr__(self):
		return "<TableCell>"


class _BodyCell(_TableCell):
	"""The one cell of a body column (or its quoted twin), filled anew for each row: the sheet writes a
	cell before the next is filled. Its style id is looked up once, when first written (so styles are
	numbered in the order they appear, as for any cell), not hashed again for every cell."""

	__slots__ = ("_style_id",)
	has_style = True

	def __init__(self, ws, style, quoted=False):
		super().__init__(ws, row=1, column=1, style_array=style)  # a copy of `style`
		if quoted:
			self.quotePrefix = True
		self._style_id = None

	@property
	def style_id(self):
		if self._style_id is None:
			self._style_id = Cell.style_id.fget(self)
		return self._style_id


def _ready_cells(cells, row_idx):
	"""WriteOnlyWorksheet._values_to_row for rows of ready cells (every row this module writes): each
	cell placed as it is, without openpyxl trying to assign the cell as a value first and catching the
	ValueError that tells it the value is a cell (a raise per cell)."""
	for col_idx, cell in enumerate(cells, 1):
		if cell is not None:
			cell.column = col_idx
			cell.row = row_idx
			yield cell


class _Sheet:
	"""A write-only worksheet plus the cell factory that keeps citizen text inert.

	Assigning fonts and borders cell by cell makes openpyxl hash style objects for every cell (about a
	third of the write speed). Each distinct style is built once on a prototype cell and its style array
	handed to new cells through Cell's `style_array` argument.
	"""

	def __init__(self, ws, styles: _Styles):
		self.ws = ws
		self.ws._values_to_row = _ready_cells
		self.s = styles
		self.row = 0
		self._style_arrays: dict[tuple, object] = {}

	def style(self, kind="text", *, font=None, fill=None, border=None, alignment=None):
		key = (kind, id(font), id(fill), id(border), id(alignment))
		cached = self._style_arrays.get(key)
		if cached is None:
			proto = WriteOnlyCell(self.ws)
			if kind in NUMBER_FORMATS:
				proto.number_format = NUMBER_FORMATS[kind]
			for attr, value in (("font", font), ("fill", fill), ("border", border), ("alignment", alignment)):
				if value is not None:
					setattr(proto, attr, value)
			cached = self._style_arrays[key] = proto._style
		return cached

	def cell(self, value, kind="text", style=None) -> Cell:
		cell = _TableCell(self.ws, row=1, column=1, style_array=style)
		if value is None or value == "":
			return cell
		if isinstance(value, bool):
			cell.value = int(value)
		elif isinstance(value, int | float | Decimal):
			cell.value = round(float(value) / 100.0, 6) if kind == "percent" else value
		elif isinstance(value, datetime.date):
			cell.value = value
		else:
			text = clean_text(value)
			cell.value = text
			cell.data_type = "s"  # never a formula, error code or number: literal text
			if looks_like_formula(text):
				cell.quotePrefix = True
		return cell

	def append(self, cells: list):
		self.ws.append(cells)
		self.row += 1

	def body_writer(self, columns: Sequence[Column], border, alignment_of):
		"""A function writing one data row: per column, one reused cell (and a quoted twin for text
		that looks like a formula), filled with what `cell` would make of the value."""
		slots = []
		for c in columns:
			style = self.style(c.kind, border=border, alignment=alignment_of(c.kind))
			cells = _BodyCell(self.ws, style), _BodyCell(self.ws, style, quoted=True)
			slots.append((c.key, c.kind, c.kind in ("date", "datetime"), *cells, style))
		cell_for = self.cell
		append = self.ws.append

		def write(row):
			get = row.get if type(row) is dict else lambda key: _get(row, key)
			cells = []
			for key, kind, date_column, cell, quoted, style in slots:
				value = get(key)
				if value is None or value == "":
					cell._value, cell.data_type = None, "n"
				elif isinstance(value, str):
					text = clean_text(value)
					if text.startswith(FORMULA_TRIGGERS):
						cell = quoted
					cell._value, cell.data_type = text, "s"  # never a formula: literal text
				elif isinstance(value, bool):
					cell._value, cell.data_type = int(value), "n"
				elif isinstance(value, int | float | Decimal):
					cell._value = round(float(value) / 100.0, 6) if kind == "percent" else value
					cell.data_type = "n"
				elif isinstance(value, datetime.date) and date_column:
					cell._value, cell.data_type = value, "d"
				else:  # a date in a text column, or another type: the general path
					cell = cell_for(value, kind, style)
				cells.append(cell)
			append(cells)

		return write


def build_xlsx(
	columns: Sequence[Column],
	rows: Iterable,
	*,
	title: str,
	office: str = "",
	period: str = "",
	notes: Sequence[str] = (),
	totals: Mapping | None = None,
	totals_label: str = "Jumlah",
	signatory: Signatory | None = None,
	sheet_name: str = "Laporan",
) -> bytes:
	"""The report as .xlsx bytes.

	Layout: title, office, "Periode: ..." and any `notes` lines (merged across the table), a blank row,
	the header row (frozen, repeated on every printed page), the data rows, the totals row (when
	`totals` is given: {column key: value}; the first column gets `totals_label` unless a value is
	given for it), then the signature block under the right-hand columns.
	"""
	if not columns:
		raise ValueError("Laporan tanpa kolom tidak dapat dibuat.")
	ncols = len(columns)
	last = get_column_letter(ncols)
	wb = Workbook(write_only=True)
	ws = wb.create_sheet(_sheet_title(sheet_name))
	styles = _Styles()
	sheet = _Sheet(ws, styles)

	title_lines = [(title, styles.title)]
	if office:
		title_lines.append((office, styles.subtitle))
	if period:
		title_lines.append((f"Periode: {period}", styles.bold))
	title_lines += [(line, None) for line in notes if line]
	header_row = len(title_lines) + 2

	# Everything that goes before <sheetData> must be set before the first row is written.
	for i, col in enumerate(columns, 1):
		ws.column_dimensions[get_column_letter(i)].width = col.width or max(10, min(len(col.label) + 4, 40))
	ws.freeze_panes = f"A{header_row + 1}"
	ws.print_title_rows = f"{header_row}:{header_row}"
	ws.page_setup.orientation = "landscape"
	ws.page_setup.paperSize = "9"  # A4
	ws.page_setup.fitToWidth = 1
	ws.page_setup.fitToHeight = 0
	ws.sheet_properties.pageSetUpPr.fitToPage = True

	for text, font in title_lines:
		sheet.append([sheet.cell(text, style=sheet.style(font=font, alignment=styles.center))])
		if ncols > 1:
			ws.merged_cells.add(f"A{sheet.row}:{last}{sheet.row}")
	sheet.append([])

	header = sheet.style(font=styles.bold, fill=HEADER_FILL, border=BORDER, alignment=styles.center)
	sheet.append([sheet.cell(c.label, style=header) for c in columns])

	write = sheet.body_writer(
		columns,
		BORDER,
		lambda kind: styles.top if kind == "text" else styles.left if "date" in kind else None,
	)
	for row in rows:
		write(row)
		sheet.row += 1

	if totals is not None:
		first = columns[0].key
		values = [totals.get(c.key) for c in columns]
		if values[0] is None and first not in totals:
			values[0] = totals_label
		sheet.append(
			[
				sheet.cell(v, c.kind, sheet.style(c.kind, font=styles.bold, fill=TOTAL_FILL, border=BORDER))
				for c, v in zip(columns, values, strict=True)
			]
		)

	if signatory is not None:
		_signature_block(sheet, signatory, ncols)

	buffer = io.BytesIO()
	wb.save(buffer)
	return buffer.getvalue()


def signature_lines(signatory: Signatory) -> list[str]:
	"""The signature block's lines, blank lines being the space to sign in."""
	return [
		f"{signatory.place}, {format_date(signatory.date)}"
		if signatory.place
		else format_date(signatory.date),
		signatory.jabatan or "",
		"",
		"",
		"",
		signatory.nama or "",
		f"NIP. {signatory.nip}" if signatory.nip else "NIP. -",
	]


def _signature_block(sheet: _Sheet, signatory: Signatory, ncols: int):
	"""Under the last columns (the third from the right, or the first in a narrow table)."""
	col = max(1, ncols - 2)
	last = get_column_letter(ncols)
	sheet.append([])
	name_line = 5
	for i, text in enumerate(signature_lines(signatory)):
		style = sheet.style(font=sheet.s.signature_name if i == name_line else None)
		cells = [None] * (col - 1) + [sheet.cell(text, style=style) if text else None]
		sheet.append(cells)
		if col < ncols:
			sheet.ws.merged_cells.add(f"{get_column_letter(col)}{sheet.row}:{last}{sheet.row}")


def _sheet_title(name: str) -> str:
	cleaned = re.sub(r"[\\/*?:\[\]]", " ", clean_text(name)).strip() or "Laporan"
	return cleaned[:MAX_SHEET_TITLE]

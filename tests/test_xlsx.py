import io
from datetime import date, datetime

import openpyxl
import pytest

from kpu_dumas.core.xlsx import Column, Signatory, build_xlsx, clean_text, column_sums, signature_lines

COLUMNS = [
	Column("No.", "no", "int", 5),
	Column("Nomor Registrasi", "name", width=20),
	Column("Tanggal Diterima", "tanggal", "date"),
	Column("Perihal", "perihal", width=40),
	Column("Jumlah", "jumlah", "int"),
	Column("% Tepat Waktu", "persen", "percent"),
]
HYPERLINK = '=HYPERLINK("http://x","klik")'
ROWS = [
	{
		"no": 1,
		"name": "DUMAS-2025-00001",
		"tanggal": date(2025, 3, 3),
		"perihal": HYPERLINK,
		"jumlah": 4,
		"persen": 75.0,
	},
	{
		"no": 2,
		"name": "DUMAS-2025-00002",
		"tanggal": datetime(2025, 3, 4, 9, 30),
		"perihal": "+62 812 3456",
		"jumlah": 6,
		"persen": None,
	},
	{"no": 3, "name": "DUMAS-2025-00003", "tanggal": None, "perihal": "-1", "jumlah": 0, "persen": 100},
	{"no": 4, "name": "0042", "tanggal": None, "perihal": "@SUM(A1:A9)", "jumlah": 1, "persen": 0},
	{"no": 5, "name": "#N/A", "tanggal": None, "perihal": "\tTAB\rCR", "jumlah": None, "persen": None},
]
SIGNATORY = Signatory(
	"Marisa", date(2025, 4, 2), "Kepala Subbagian Hukum dan SDM", "Budi Santoso", "198001012005011001"
)


def build(**kw):
	kw.setdefault("title", "REGISTER PENGADUAN MASYARAKAT")
	kw.setdefault("office", "Komisi Pemilihan Umum Kabupaten Pohuwato")
	kw.setdefault("period", "1 Maret 2025 s.d. 31 Maret 2025")
	kw.setdefault("totals", {"name": "5 pengaduan", "jumlah": 11, "persen": 80.0})
	kw.setdefault("signatory", SIGNATORY)
	return build_xlsx(COLUMNS, ROWS, **kw)


@pytest.fixture(scope="module")
def sheet():
	return openpyxl.load_workbook(io.BytesIO(build())).active


def values(ws, row):
	return [c.value for c in ws[row]]


def test_title_block(sheet):
	assert sheet["A1"].value == "REGISTER PENGADUAN MASYARAKAT"
	assert sheet["A1"].font.b and sheet["A1"].font.sz == 14
	assert sheet["A2"].value == "Komisi Pemilihan Umum Kabupaten Pohuwato"
	assert sheet["A3"].value == "Periode: 1 Maret 2025 s.d. 31 Maret 2025"
	assert {"A1:F1", "A2:F2", "A3:F3"} <= {str(r) for r in sheet.merged_cells.ranges}
	assert sheet["A4"].value is None


def test_header_row_is_bold_filled_bordered_and_frozen(sheet):
	assert values(sheet, 5) == [c.label for c in COLUMNS]
	for cell in sheet[5]:
		assert cell.font.b
		assert cell.fill.fill_type == "solid" and cell.fill.fgColor.rgb == "00D9E1F2"
		assert cell.border.left.style == cell.border.bottom.style == "thin"
	assert sheet.freeze_panes == "A6"
	assert sheet.print_title_rows == "$5:$5"
	assert sheet.page_setup.orientation == "landscape"


def test_column_widths(sheet):
	assert sheet.column_dimensions["A"].width == 5
	assert sheet.column_dimensions["D"].width == 40
	assert sheet.column_dimensions["C"].width == len("Tanggal Diterima") + 4


def test_data_cells_keep_their_types_and_formats(sheet):
	assert values(sheet, 6)[:3] == [1, "DUMAS-2025-00001", datetime(2025, 3, 3)]
	assert sheet["C6"].number_format == "DD-MM-YYYY"
	assert sheet["C7"].value == datetime(2025, 3, 4, 9, 30)
	assert sheet["E6"].value == 4 and sheet["E6"].number_format == "#,##0"
	assert sheet["F6"].value == 0.75 and sheet["F6"].number_format == "0.0%"
	assert sheet["F8"].value == 1.0
	# a number-like or error-like text stays text
	assert (sheet["B9"].value, sheet["B9"].data_type) == ("0042", "s")
	assert (sheet["B10"].value, sheet["B10"].data_type) == ("#N/A", "s")
	assert sheet["A6"].border.left.style == "thin"


def test_citizen_text_never_becomes_a_formula(sheet):
	cell = sheet["D6"]
	assert cell.value == HYPERLINK
	assert cell.data_type == "s"
	assert cell.quotePrefix
	for coordinate, text in (
		("D7", "+62 812 3456"),
		("D8", "-1"),
		("D9", "@SUM(A1:A9)"),
		("D10", "\tTAB\nCR"),  # an XML parser reads a bare CR back as LF
	):
		assert (sheet[coordinate].value, sheet[coordinate].data_type) == (text, "s")
		assert sheet[coordinate].quotePrefix
	assert not sheet["B6"].quotePrefix


def test_each_row_gets_its_own_values_and_styles():
	"""The body's cells are filled anew for each row: nothing carries over to the next row."""
	rows = [
		{
			"no": 1,
			"name": date(2025, 1, 2),
			"tanggal": "teks",
			"perihal": "=1+1",
			"jumlah": True,
			"persen": 50,
		},
		{"no": None, "name": "B", "tanggal": None, "perihal": "biasa", "jumlah": 2.5, "persen": None},
		{"no": 3, "name": "C", "tanggal": date(2025, 1, 3), "perihal": "-2", "jumlah": 0, "persen": 10},
	]
	ws = openpyxl.load_workbook(io.BytesIO(build_xlsx(COLUMNS, rows, title="T"))).active
	first, second, third = ws[4], ws[5], ws[6]
	assert (first[1].value, first[1].number_format) == (datetime(2025, 1, 2), "yyyy-mm-dd")
	assert (first[2].value, first[3].quotePrefix, first[4].value) == ("teks", True, 1)
	assert (second[1].value, second[1].number_format, second[1].data_type) == ("B", "General", "s")
	assert [c.value for c in second] == [None, "B", None, "biasa", 2.5, None]
	assert not second[3].quotePrefix and second[0].border.left.style == "thin"
	assert [c.value for c in third] == [3, "C", datetime(2025, 1, 3), "-2", 0, 0.1]
	assert third[3].quotePrefix and third[2].number_format == "DD-MM-YYYY"


def test_no_formula_anywhere_in_the_file():
	data = build()
	import zipfile

	with zipfile.ZipFile(io.BytesIO(data)) as z:
		xml = z.read("xl/worksheets/sheet1.xml").decode()
	assert "<f>" not in xml and "<f " not in xml
	assert "HYPERLINK" in xml


def test_totals_row(sheet):
	assert values(sheet, 11) == ["Jumlah", "5 pengaduan", None, None, 11, 0.8]
	assert all(c.font.b for c in sheet[11])
	assert sheet["A11"].fill.fgColor.rgb == "00F2F2F2"


def test_signature_block(sheet):
	# blank row 12, then place and date, jabatan, three blank lines, name, NIP under column D
	assert sheet["D13"].value == "Marisa, 2 April 2025"
	assert sheet["D14"].value == "Kepala Subbagian Hukum dan SDM"
	assert [sheet[f"D{r}"].value for r in (15, 16, 17)] == [None, None, None]
	assert sheet["D18"].value == "Budi Santoso"
	assert sheet["D18"].font.b and sheet["D18"].font.u == "single"
	assert sheet["D19"].value == "NIP. 198001012005011001"
	assert "D13:F13" in {str(r) for r in sheet.merged_cells.ranges}
	assert sheet.max_row == 19


def test_signature_lines_without_place_or_nip():
	lines = signature_lines(Signatory("", date(2025, 12, 1), "Ketua", "Nama"))
	assert lines[0] == "1 Desember 2025"
	assert lines[-1] == "NIP. -"


def test_optional_parts_and_label_in_first_column():
	columns = [Column("Bulan", 0), Column("Jumlah", 1, "int")]
	rows = [("Januari 2025", 2), ("Februari 2025", 3)]
	data = build_xlsx(columns, rows, title="REKAP", notes=["Kanal: Email"], totals=column_sums(columns, rows))
	ws = openpyxl.load_workbook(io.BytesIO(data)).active
	assert values(ws, 1)[0] == "REKAP"
	assert values(ws, 2)[0] == "Kanal: Email"
	assert ws.freeze_panes == "A5"
	assert values(ws, 5) == ["Januari 2025", 2]
	assert values(ws, 7) == ["Jumlah", 5]
	assert ws.max_row == 7


def test_column_sums_and_clean_text():
	assert column_sums(COLUMNS, ROWS) == {"no": 15, "jumlah": 11}
	assert clean_text("a\x00b\x1fc\td") == "abc\td"
	assert len(clean_text("x" * 40000)) == 32767


def test_illegal_characters_do_not_break_the_file():
	ws = openpyxl.load_workbook(
		io.BytesIO(build_xlsx([Column("Uraian", "u")], [{"u": "bel\x07 and nul\x00"}], title="T"))
	).active
	assert ws["A4"].value == "bel and nul"


def test_rejects_unknown_kind_and_empty_columns():
	with pytest.raises(ValueError, match="Jenis kolom tidak dikenal: 'money'"):
		Column("Nilai", "nilai", "money")
	with pytest.raises(ValueError, match="tanpa kolom"):
		build_xlsx([], [], title="T")

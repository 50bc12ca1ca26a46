"""Evidence uploads are recognised by their content (kpu_dumas/core/files.py)."""

import io
import zipfile

import pytest

from kpu_dumas.core.files import (
	ACCEPT,
	allowed_labels,
	attachment_error,
	count_error,
	format_megabytes,
	pdf_error,
	pdf_problem,
	safe_file_name,
	sniff_type,
	upload_error,
)
from kpu_dumas.tests import samples

PDF = samples.pdf()
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 13
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500


def zip_bytes(*names: str) -> bytes:
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
		for name in names:
			z.writestr(name, "<xml>" + "isi " * 200 + "</xml>")
	return buffer.getvalue()


DOCX = zip_bytes("[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml")
DOC = OLE2 + "Root Entry".encode("utf-16-le") + b"\x00" * 40 + "WordDocument".encode("utf-16-le")


@pytest.mark.parametrize(
	"content, kind",
	[(PDF, "pdf"), (JPEG, "jpeg"), (PNG, "png"), (DOC, "doc"), (DOCX, "docx")],
)
def test_the_five_allowed_kinds_are_recognised_by_their_bytes(content, kind):
	assert sniff_type(content) == kind


def test_docx_is_recognised_from_a_truncated_head_too():
	assert sniff_type(DOCX[:600]) == "docx"


@pytest.mark.parametrize(
	"content",
	[
		b"",
		b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",  # HTML named .pdf
		b"  %PDF-1.4 preceded by spaces",
		b"MZ\x90\x00\x03\x00\x00\x00",  # Windows executable
		b"\x7fELF\x02\x01\x01",  # Linux executable
		b"#!/bin/sh\nrm -rf /\n",
		b"GIF89a\x01\x00\x01\x00",  # images other than JPEG and PNG
		b"RIFF\x00\x00\x00\x00WEBPVP8 ",
		b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>",
		b"%!PS-Adobe-3.0",
		zip_bytes("[Content_Types].xml", "xl/workbook.xml"),  # XLSX
		zip_bytes("mimetype", "content.xml"),  # ODT
		zip_bytes("evil.exe"),
		OLE2,  # OLE2 without a WordDocument stream (XLS, MSI, ...)
		b"\xff\xd8",  # too short to be a JPEG
	],
)
def test_everything_else_is_refused(content):
	assert sniff_type(content) is None


def test_upload_error_explains_type_size_and_emptiness_in_indonesian():
	html = b"<html><body>bukan pdf</body></html>"
	message = upload_error("bukti.pdf", html, 5 * 1024 * 1024)
	assert "bukti.pdf" in message and "isinya bukan PDF, JPEG, PNG, DOC atau DOCX" in message
	assert "ukuran" in upload_error("besar.pdf", PDF + b"0" * 2048, 1024)
	assert "kosong" in upload_error("kosong.pdf", b"", 1024)
	assert upload_error("C:\\Users\\ani\\bukti.pdf", PDF, 1024) is None


def test_the_name_shown_in_an_error_is_the_base_name_only():
	message = upload_error("/etc/../../secret/x.pdf", b"junk", 1024)
	assert "'x.pdf'" in message and "/etc" not in message


def test_safe_file_name_uses_the_detected_extension_and_plain_characters():
	assert safe_file_name("C:\\foto\\KTP saya (1).jpeg", "jpeg") == "KTP saya 1.jpg"
	assert safe_file_name("laporan.pdf.exe", "pdf") == "laporan.pdf.pdf"
	assert safe_file_name("../../etc/passwd", "png") == "passwd.png"
	assert safe_file_name("<script>.pdf", "pdf") == "script.pdf"
	assert safe_file_name("Bukti Pungutan – Rp 50.000.docx", "docx") == "Bukti Pungutan Rp 50.000.docx"
	assert safe_file_name("", "pdf") == "bukti.pdf"
	assert safe_file_name(".htaccess", "doc") == "htaccess.doc"
	assert len(safe_file_name("a" * 500 + ".pdf", "pdf")) == 64


def test_limits_and_labels():
	assert allowed_labels() == "PDF, JPEG, PNG, DOC atau DOCX"
	assert ".pdf" in ACCEPT and "image/png" in ACCEPT and ".docx" in ACCEPT
	assert format_megabytes(5 * 1024 * 1024) == "5,0 MB"
	assert count_error(5, 5) is None
	assert "Paling banyak 5 berkas" in count_error(6, 5)


# --- PDF safety (real PDFs written by pypdf, kpu_dumas/tests/samples.py) ------------------------------


def test_a_plain_pdf_and_real_images_are_accepted():
	assert pdf_problem(samples.pdf()) is None
	assert upload_error("bukti.pdf", samples.pdf(), 1024 * 1024) is None
	assert sniff_type(samples.JPEG) == "jpeg" and upload_error("foto.jpg", samples.JPEG, 1024 * 1024) is None
	assert sniff_type(samples.PNG) == "png" and upload_error("foto.png", samples.PNG, 1024 * 1024) is None


@pytest.mark.parametrize(
	"make, problem",
	[
		(samples.pdf_with_javascript, "skrip"),
		(samples.pdf_with_open_action, "skrip"),
		(samples.pdf_encrypted, "terenkripsi"),
		(samples.pdf_truncated, "rusak"),
	],
)
def test_unsafe_pdfs_are_named_for_what_is_wrong(make, problem):
	assert pdf_problem(make()) == problem


def test_each_problem_has_its_own_indonesian_message_naming_the_file_and_the_fix():
	messages = {
		"skrip": pdf_error("C:\\dok\\skrip.pdf", samples.pdf_with_javascript()),
		"terenkripsi": pdf_error("terkunci.pdf", samples.pdf_encrypted()),
		"rusak": pdf_error("terpotong.pdf", samples.pdf_truncated()),
	}
	assert "'skrip.pdf'" in messages["skrip"] and "JavaScript" in messages["skrip"]
	assert "kata sandi" in messages["terenkripsi"]
	assert "rusak atau tidak utuh" in messages["rusak"]
	assert len(set(messages.values())) == 3
	assert all("simpan ulang sebagai pdf biasa" in m.lower() for m in messages.values())


def test_the_portal_check_includes_the_pdf_check():
	assert "JavaScript" in upload_error("a.pdf", samples.pdf_with_open_action(), 1024 * 1024)


def test_an_open_action_that_only_goes_to_a_page_is_harmless():
	from pypdf import PdfWriter
	from pypdf.generic import ArrayObject, NameObject

	writer = PdfWriter()
	page = writer.add_blank_page(width=200, height=200)
	destination = ArrayObject([page.indirect_reference, NameObject("/Fit")])
	writer._root_object[NameObject("/OpenAction")] = destination
	buffer = io.BytesIO()
	writer.write(buffer)
	assert pdf_problem(buffer.getvalue()) is None


@pytest.mark.parametrize(
	"name, content, expected",
	[
		(
			"catatan.xlsx",
			zip_bytes("[Content_Types].xml", "xl/workbook.xml"),
			None,
		),  # not a PDF: not ours to judge
		("foto.jpg", samples.JPEG, None),
		("sah.pdf", samples.pdf(), None),
		("halaman.pdf", samples.HTML_AS_PDF, "bernama .pdf tetapi isinya bukan PDF"),
		("tanpa-nama-pdf", samples.pdf_encrypted(), "kata sandi"),  # PDF by content, whatever its name
	],
)
def test_desk_attachments_are_checked_when_they_claim_to_be_a_pdf(name, content, expected):
	message = attachment_error(name, content)
	assert (message is None) if expected is None else (expected in message)

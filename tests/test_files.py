"""Evidence uploads are recognised by their content (kpu_dumas/core/files.py)."""

import io
import zipfile

import pytest

from kpu_dumas.core.files import (
	ACCEPT,
	allowed_labels,
	count_error,
	format_megabytes,
	safe_file_name,
	sniff_type,
	upload_error,
)

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
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

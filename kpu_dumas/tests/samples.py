"""Real files for tests, made on the spot: PDFs written by pypdf, a JPEG and a PNG that image viewers open.

Frappe-free (pypdf and the standard library only), so the core tests (tests/) and the site tests share it.
Every PDF carries the text given, so a test can make as many distinct files as it needs (Frappe stores
identical content only once).
"""

from __future__ import annotations

import base64
import io
import struct
import zlib

# An 8x8 red baseline JPEG written by Pillow (quality 60).
JPEG = base64.b64decode(
	"/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNS"
	"Mj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09P"
	"T0//wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQID"
	"AAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlq"
	"c3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3"
	"+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEI"
	"FEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImK"
	"kpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDC"
	"ooorzj7E/9k="
)


def png(width: int = 4, height: int = 4, rgb: tuple[int, int, int] = (30, 90, 200)) -> bytes:
	"""A valid RGB PNG of one colour."""

	def chunk(kind: bytes, data: bytes) -> bytes:
		return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

	row = b"\x00" + bytes(rgb) * width
	return (
		b"\x89PNG\r\n\x1a\n"
		+ chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
		+ chunk(b"IDAT", zlib.compress(row * height))
		+ chunk(b"IEND", b"")
	)


PNG = png()


def _writer(text: str):
	from pypdf import PdfWriter

	writer = PdfWriter()
	writer.add_blank_page(width=595, height=842)  # A4 in points
	writer.add_metadata({"/Title": text, "/Producer": "kpu_dumas tests"})
	return writer


def _bytes(writer) -> bytes:
	buffer = io.BytesIO()
	writer.write(buffer)
	return buffer.getvalue()


def pdf(text: str = "Bukti uji") -> bytes:
	"""A plain one-page A4 PDF."""
	return _bytes(_writer(text))


def pdf_with_javascript(text: str = "PDF berskrip") -> bytes:
	"""A PDF whose name tree holds a document-level JavaScript (/Names /JavaScript, /JS).

	Built by hand: pypdf's add_js is gone in pypdf 7.
	"""
	from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

	writer = _writer(text)
	script = _action(writer, "app.alert('kpu_dumas uji');")
	tree = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("uji"), script])})
	writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})
	return _bytes(writer)


def _action(writer, script: str):
	"""An indirect JavaScript action object added to the writer."""
	from pypdf.generic import DictionaryObject, NameObject, TextStringObject

	action = DictionaryObject(
		{
			NameObject("/Type"): NameObject("/Action"),
			NameObject("/S"): NameObject("/JavaScript"),
			NameObject("/JS"): TextStringObject(script),
		}
	)
	return writer._add_object(action)


def pdf_with_open_action(text: str = "PDF dengan OpenAction") -> bytes:
	"""A PDF that runs a script when opened: /OpenAction << /S /JavaScript /JS (...) >> on the catalog."""
	from pypdf.generic import NameObject

	writer = _writer(text)
	writer._root_object[NameObject("/OpenAction")] = _action(writer, "this.print();")
	return _bytes(writer)


def pdf_encrypted(text: str = "PDF terkunci", password: str = "rahasia") -> bytes:
	"""A PDF encrypted with a user password (RC4-128, which pypdf writes without extra libraries)."""
	writer = _writer(text)
	writer.encrypt(password)
	return _bytes(writer)


def pdf_truncated(text: str = "PDF terpotong") -> bytes:
	"""The first 60% of a valid PDF, as a broken download leaves it."""
	whole = pdf(text)
	return whole[: int(len(whole) * 0.6)]


HTML_AS_PDF = b"<!DOCTYPE html><html><body><script>alert('x')</script>bukan pdf</body></html>"

"""Uploaded files: the type is read from the content, never from the name.

A citizen's upload is accepted only when its first bytes are those of a PDF, JPEG, PNG, Word 97-2003
(DOC, an OLE2 container holding a WordDocument stream) or Word (DOCX, a ZIP holding word/) file. An HTML
page renamed to .pdf, a script, an executable or a spreadsheet is refused whatever it is called.

Every PDF, from the portal or attached in the Desk, is also opened (pypdf, which every Frappe v15 ships)
and refused when it carries scripts or automatic actions, is encrypted, or cannot be read whole: staff
open these files on office computers, and Frappe's own check differs between v15 releases.
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass

_PDF = b"%PDF-"
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_ENTRY = b"PK\x03\x04"
_WORD_STREAM = "WordDocument".encode("utf-16-le")


@dataclass(frozen=True)
class Kind:
	label: str
	extension: str
	mime: str


KINDS = {
	"pdf": Kind("PDF", ".pdf", "application/pdf"),
	"jpeg": Kind("JPEG", ".jpg", "image/jpeg"),
	"png": Kind("PNG", ".png", "image/png"),
	"doc": Kind("DOC", ".doc", "application/msword"),
	"docx": Kind("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
}

# For <input type="file" accept=...>: a hint to the phone's picker only; the server decides by content.
ACCEPT = ",".join(
	sorted({k.extension for k in KINDS.values()} | {".jpeg"} | {k.mime for k in KINDS.values()})
)


def allowed_labels() -> str:
	"""'PDF, JPEG, PNG, DOC atau DOCX'."""
	labels = [k.label for k in KINDS.values()]
	return ", ".join(labels[:-1]) + " atau " + labels[-1]


def sniff_type(head: bytes) -> str | None:
	"""The kind of file ('pdf', 'jpeg', 'png', 'doc', 'docx') its bytes show, or None.

	`head` is the start of the file. DOC and DOCX are recognised by names inside their container
	(the WordDocument stream, the word/ folder), so pass the whole file for those; the portal does.
	"""
	if not head:
		return None
	if head.startswith(_PDF):
		return "pdf"
	if head.startswith(_JPEG):
		return "jpeg"
	if head.startswith(_PNG):
		return "png"
	if head.startswith(_OLE2):
		return "doc" if _WORD_STREAM in head else None
	if head.startswith(_ZIP_ENTRY):
		return "docx" if any(name.startswith(b"word/") for name in _zip_entry_names(head)) else None
	return None


def _zip_entry_names(data: bytes) -> list[bytes]:
	"""File names from the ZIP local headers found in `data` (works on a truncated archive too)."""
	names = []
	start = 0
	while (at := data.find(_ZIP_ENTRY, start)) != -1:
		header_end = at + 30
		if header_end > len(data):
			break
		name_length = int.from_bytes(data[at + 26 : at + 28], "little")
		names.append(data[header_end : header_end + name_length])
		start = at + 4
	return names


_UNSAFE = re.compile(r"[^A-Za-z0-9 ._-]+")


def safe_file_name(original: str | None, kind: str, max_stem: int = 60) -> str:
	"""A plain ASCII name with the detected kind's extension: 'C:\\foto\\KTP saya (1).jpeg' -> 'KTP saya 1.jpg'."""
	name = re.split(r"[\\/]", original or "")[-1]
	stem = name.rsplit(".", 1)[0] if "." in name.strip(".") else name
	stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
	stem = re.sub(r"\s+", " ", _UNSAFE.sub("", stem)).strip(" ._-")[:max_stem].strip(" ._-")
	return (stem or "bukti") + KINDS[kind].extension


def format_megabytes(size: int) -> str:
	"""Bytes as Indonesian megabytes with one decimal: 5767168 -> '5,5 MB'."""
	return f"{size / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def shown_name(name: str | None) -> str:
	"""The base name of an upload as shown in a message: no folders, at most 80 characters."""
	return (re.split(r"[\\/]", name or "")[-1] or "tanpa nama")[:80]


def upload_error(name: str, content: bytes, max_bytes: int) -> str | None:
	"""Why one uploaded file is refused, in words a citizen understands; None when it is accepted."""
	shown = shown_name(name)
	if not content:
		return f"Berkas '{shown}' kosong. Pilih berkas yang berisi dokumen atau foto bukti."
	if len(content) > max_bytes:
		return (
			f"Berkas '{shown}' berukuran lebih dari {format_megabytes(max_bytes)}, batas ukuran per "
			"berkas. Perkecil berkas (misalnya foto dengan resolusi lebih rendah) lalu kirim lagi."
		)
	kind = sniff_type(content)
	if kind is None:
		return (
			f"Berkas '{shown}' tidak dapat diterima karena isinya bukan {allowed_labels()}. Jenis berkas "
			"diperiksa dari isinya, bukan dari namanya."
		)
	if kind == "pdf":
		return pdf_error(name, content)
	return None


def attachment_error(name: str | None, content: bytes) -> str | None:
	"""Why a file attached in the Desk to one of our records is refused; None when it is accepted.

	Staff may attach any type Frappe allows; only what claims to be a PDF (by name or by content) is
	checked, with the same rules as the portal.
	"""
	is_pdf = (content or b"").startswith(_PDF)
	if is_pdf:
		return pdf_error(name, content)
	if (name or "").lower().endswith(".pdf"):
		return (
			f"Berkas '{shown_name(name)}' bernama .pdf tetapi isinya bukan PDF. Jenis berkas diperiksa "
			"dari isinya, bukan dari namanya: unggah berkas PDF yang asli."
		)
	return None


# --- PDF safety ------------------------------------------------------------------------------------

# Keys whose presence anywhere in a PDF means it runs something when opened or used.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA"})
# Action types (/S) that run code or reach outside the document.
_ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/Rendition"})
_MAX_OBJECTS = 200_000  # a walk bound: far above any real scan or form, below a decompression bomb


def pdf_problem(content: bytes) -> str | None:
	"""What makes a PDF unsafe to store: 'skrip', 'terenkripsi' or 'rusak'; None when it is a plain PDF.

	'skrip': JavaScript (/JS, /JavaScript), additional actions (/AA), or an action that launches or
	imports (/OpenAction or a link with /S /JavaScript, /Launch, ...). 'terenkripsi': an /Encrypt
	dictionary, even with an empty user password. 'rusak': no %%EOF at the end (truncated), or pypdf
	cannot read its cross-reference table, catalog or pages.
	"""
	from pypdf import PdfReader  # pypdf ships with every Frappe v15 (3.17 in 15.55, 6.x in 15.89)
	from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

	if not content.startswith(_PDF) or b"%%EOF" not in content[-2048:]:
		return "rusak"
	try:
		reader = PdfReader(io.BytesIO(content), strict=False)
		if reader.is_encrypted or "/Encrypt" in reader.trailer:
			return "terenkripsi"
		if len(reader.pages) < 1:
			return "rusak"
		pending = [reader.trailer]
		seen: set[tuple[int, int]] = set()
		walked = 0
		while pending:
			obj = pending.pop()
			if isinstance(obj, IndirectObject):
				key = (obj.idnum, obj.generation)
				if key in seen:
					continue
				seen.add(key)
				obj = obj.get_object()
			walked += 1
			if walked > _MAX_OBJECTS:
				return "rusak"
			if isinstance(obj, DictionaryObject):
				if _ACTIVE_KEYS.intersection(obj.keys()) or obj.get("/S") in _ACTIVE_ACTIONS:
					return "skrip"
				pending.extend(obj.values())
			elif isinstance(obj, ArrayObject):
				pending.extend(obj)
	except Exception:
		return "rusak"
	return None


def pdf_error(name: str | None, content: bytes) -> str | None:
	"""The Indonesian refusal for an unsafe PDF, naming the file and what to do; None when it is safe."""
	problem = pdf_problem(content)
	if problem is None:
		return None
	shown = shown_name(name)
	if problem == "skrip":
		return (
			f"Berkas '{shown}' ditolak karena PDF ini memuat skrip (JavaScript) atau tindakan otomatis "
			"yang dapat membahayakan komputer petugas. Simpan ulang sebagai PDF biasa (misalnya melalui "
			"Cetak > Simpan sebagai PDF) lalu kirim lagi."
		)
	if problem == "terenkripsi":
		return (
			f"Berkas '{shown}' ditolak karena PDF ini terkunci dengan kata sandi (terenkripsi) sehingga "
			"tidak dapat dibuka petugas. Buka kuncinya lalu simpan ulang sebagai PDF biasa tanpa kata "
			"sandi, kemudian kirim lagi."
		)
	return (
		f"Berkas '{shown}' ditolak karena PDF ini rusak atau tidak utuh (misalnya terpotong saat diunduh "
		"atau dipindai) sehingga tidak dapat dibuka. Buka berkas itu di perangkat Anda, simpan ulang "
		"sebagai PDF biasa, lalu kirim lagi."
	)


def count_error(count: int, max_count: int) -> str | None:
	if count > max_count:
		return f"Paling banyak {max_count} berkas dapat dikirim sekaligus; Anda memilih {count} berkas."
	return None

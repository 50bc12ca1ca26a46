"""Dates of a case keep their order: nothing is received in the future, nothing is answered before it
was received, handed over before its notice or delivered before its approval.

One function per register, over a mapping of field values and the office's today; each broken rule
gives its own Indonesian message. The controllers, the correction door and the importer all use them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from kpu_dumas.core.dates import format_date
from kpu_dumas.core.record import normalized


def as_date(value) -> date | None:
	day = normalized("Date", value)
	return day if isinstance(day, date) else None


def _not_future(doc: Mapping, field: str, label: str, today: date) -> list[str]:
	day = as_date(doc.get(field))
	if day and day > today:
		return [
			f"{label} ({format_date(day)}) ada di masa depan. Isi tanggal yang sebenarnya, paling lambat "
			f"hari ini ({format_date(today)})."
		]
	return []


def _in_order(doc: Mapping, earlier: str, later: str, message: str) -> list[str]:
	first, second = as_date(doc.get(earlier)), as_date(doc.get(later))
	if first and second and second < first:
		return [message.format(earlier=format_date(first), later=format_date(second))]
	return []


def complaint_errors(doc: Mapping, today: date) -> list[str]:
	return [
		*_not_future(doc, "tanggal_diterima", "Tanggal pengaduan diterima", today),
		*_in_order(
			doc,
			"tanggal_layanan",
			"tanggal_diterima",
			"Tanggal pengaduan diterima ({later}) tidak boleh sebelum tanggal pelayanan yang diadukan "
			"({earlier}).",
		),
		*_in_order(
			doc,
			"tanggal_diterima",
			"tanggal_tanggapan",
			"Tanggal surat tanggapan ({later}) tidak boleh sebelum pengaduan diterima ({earlier}).",
		),
		*_in_order(
			doc,
			"tanggal_tanggapan",
			"tanggal_disampaikan",
			"Tanggapan tidak dapat disampaikan ({later}) sebelum disetujui pada tanggal surat tanggapan "
			"({earlier}). Periksa 'Tanggal Disampaikan'.",
		),
	]


def request_errors(doc: Mapping, today: date) -> list[str]:
	return [
		*_not_future(doc, "tanggal_diterima", "Tanggal permohonan diterima", today),
		*_in_order(
			doc,
			"tanggal_diterima",
			"tanggal_pemberitahuan",
			"Tanggal pemberitahuan tertulis ({later}) tidak boleh sebelum permohonan diterima dan "
			"diregistrasi ({earlier}).",
		),
		*_in_order(
			doc,
			"tanggal_pemberitahuan",
			"tanggal_diserahkan",
			"Informasi tidak dapat diserahkan ({later}) sebelum pemberitahuan tertulis ({earlier}). Periksa "
			"'Tanggal Diserahkan'.",
		),
	]


def objection_errors(doc: Mapping, today: date) -> list[str]:
	return [
		*_not_future(doc, "tanggal_diajukan", "Tanggal keberatan diajukan", today),
		*_not_future(doc, "tanggal_penyebab", "Tanggal terjadinya alasan keberatan", today),
		*_in_order(
			doc,
			"tanggal_penyebab",
			"tanggal_diajukan",
			"Keberatan tidak dapat diajukan ({later}) sebelum terjadinya alasan keberatan ({earlier}).",
		),
		*_in_order(
			doc,
			"tanggal_diajukan",
			"tanggal_tanggapan",
			"Tanggal tanggapan atas keberatan ({later}) tidak boleh sebelum keberatan diajukan ({earlier}).",
		),
	]


def disposition_errors(doc: Mapping, today: date) -> list[str]:
	return [
		*_not_future(doc, "tanggal_diterima_surat", "Tanggal surat diterima", today),
		*_in_order(
			doc,
			"tanggal_surat_asal",
			"tanggal_diterima_surat",
			"Tanggal surat diterima ({later}) tidak boleh sebelum tanggal surat ({earlier}).",
		),
	]


BY_DOCTYPE = {
	"Pengaduan": complaint_errors,
	"Permohonan Informasi": request_errors,
	"Keberatan Informasi": objection_errors,
	"Disposisi": disposition_errors,
}


def errors_for(doctype: str, doc: Mapping, today: date) -> list[str]:
	check = BY_DOCTYPE.get(doctype)
	return check(doc, today) if check else []

"""Possible duplicates of a complaint, found on the site's data by the rules of core.duplicates.

`candidates(doc)` returns the other complaints that may be the same matter. A match found only through
the reporter's identity is shown whole to those who may read identities (roles.IDENTITY_READERS);
to anyone else, when either complaint is rahasia, it is left out and only counted, so nobody learns
whose identity matched by comparing two cases. The comparison runs on the server: no identity value
ever leaves it.
"""

from __future__ import annotations

from datetime import timedelta

import frappe
from frappe.utils import get_datetime

from kpu_dumas import clock, kerahasiaan
from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import duplicates as rules_dup
from kpu_dumas.permissions import can_read_identity

SETTINGS = "Pengaturan Kantor"
REPORTER = "Identitas Pelapor"
INDEX_COLUMNS = kerahasiaan.INDEXED[REPORTER]  # {basis: blind-index column}
# Complaints that cannot be "the main case" of anything: already merged, or recorded in error.
NOT_CANDIDATES = (rules.DIGABUNGKAN, rules.DIBATALKAN)
CASE_FIELDS = ("name", "perihal", "tanggal_diterima", "workflow_state", "kanal")
MAX_SUBJECT_POOL = 5000  # the most recent complaints compared by subject


def settings() -> tuple[int, int]:
	"""(window in days, subject threshold) from Pengaturan Kantor; 0 or empty means the default."""
	office = frappe.get_cached_doc(SETTINGS)
	window, threshold = office.get("jendela_duplikat_hari"), office.get("ambang_kemiripan_perihal")
	return (
		int(window or rules_dup.DEFAULT_WINDOW_DAYS),
		int(threshold or rules_dup.DEFAULT_THRESHOLD),
	)


def _identity(identitas: str | None) -> dict[str, str]:
	"""{basis: blind index} of the reporter's NIK, phone and email (kpu_dumas.kerahasiaan): equal values
	have equal indexes, so the rules compare them as they compared the normalised values."""
	if not identitas:
		return {}
	values = frappe.db.get_value(REPORTER, identitas, list(INDEX_COLUMNS.values()), as_dict=True) or {}
	return _indexes_of(values)


def _indexes_of(row) -> dict[str, str]:
	return {basis: row[column] for basis, column in INDEX_COLUMNS.items() if row.get(column)}


def _same_reporter(keys: dict[str, str]) -> dict[str, dict[str, str]]:
	"""Identitas Pelapor records holding any of the blind indexes (one query over indexed columns, never
	the plaintext), each with its own indexes: only these can match by identity."""
	if not keys:
		return {}
	rows = frappe.get_all(
		REPORTER,
		or_filters={INDEX_COLUMNS[basis]: key for basis, key in keys.items()},
		fields=["name", *INDEX_COLUMNS.values()],
	)
	return {row.name: _indexes_of(row) for row in rows}


def _pool(doc, reporters: dict[str, dict[str, str]], window: int) -> list[dict]:
	"""The complaints worth comparing: same reporter anywhere, and every open or recent one. (The same
	SP4N-LAPOR! ticket is refused outright: kpu_dumas.lapor.)"""
	received = get_datetime(doc.tanggal_diterima)
	base = {"name": ("!=", doc.name or ""), "workflow_state": ("not in", NOT_CANDIDATES)}
	fields = [*CASE_FIELDS, "identitas_pelapor", "rahasia", "docstatus"]
	rows: dict[str, dict] = {}
	if reporters:
		for row in frappe.get_all(
			"Pengaduan", filters={**base, "identitas_pelapor": ("in", list(reporters))}, fields=fields
		):
			rows[row.name] = row
	recent = frappe.get_all(
		"Pengaduan",
		filters=base,
		or_filters={
			"docstatus": 0,
			"tanggal_diterima": (
				"between",
				[received - timedelta(days=window), received + timedelta(days=window)],
			),
		},
		fields=fields,
		order_by="tanggal_diterima desc",
		limit=MAX_SUBJECT_POOL,
	)
	for row in recent:
		rows.setdefault(row.name, row)
	return list(rows.values())


def find(doc) -> list[tuple[rules_dup.Match, dict]]:
	"""Every possible duplicate of `doc`, with the candidate's row, as core.duplicates orders them."""
	window, threshold = settings()
	keys = _identity(doc.identitas_pelapor) if not doc.anonim else {}
	identities = _same_reporter(keys)
	pool = _pool(doc, identities, window)
	case = rules_dup.Case(
		name=doc.name or "",
		received=get_datetime(doc.tanggal_diterima),
		subject=doc.perihal or "",
		identity=keys,
	)
	others = [
		rules_dup.Case(
			name=row.name,
			received=get_datetime(row.tanggal_diterima),
			subject=row.perihal or "",
			identity=identities.get(row.identitas_pelapor) or {},
			open=row.docstatus == 0,
		)
		for row in pool
	]
	by_name = {row.name: row for row in pool}
	return [(m, by_name[m.name]) for m in rules_dup.matches(case, others, window, threshold)]


def flag(doc) -> None:
	"""Mark a new complaint that may be the same as another; it is never refused for it."""
	if find(doc):
		doc.db_set("kemungkinan_duplikat", 1, update_modified=False)


def candidates(doc) -> dict:
	"""What the current user may see of the possible duplicates of `doc`: the candidates (number, subject,
	state, channel, receipt, basis) and how many identity matches were withheld."""
	may_know = can_read_identity()
	shown, withheld = [], 0
	for found, row in find(doc):
		if found.by_identity and not may_know and (doc.rahasia or row.rahasia):
			found = found.without_identity()
			if not found:
				withheld += 1
				continue
		shown.append(
			{
				"name": row.name,
				"perihal": row.perihal,
				"workflow_state": row.workflow_state,
				"kanal": row.kanal,
				"diterima": clock.format_office(row.tanggal_diterima),
				"dasar": list(found.bases),
				"kemiripan": found.similarity,
			}
		)
	return {"kandidat": shown, "disembunyikan": withheld}

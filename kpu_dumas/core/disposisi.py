"""Dispositions (DESIGN.md section 3): the chain path, the recipients' progress and the recap per recipient.

A disposition passed further down the line records its parent, and every disposition stores its
materialized path (`jalur`): the names from the root to itself, "/DISP-2025-00001/DISP-2025-00004/".
Descendants are then one indexed prefix query, ancestors are read off the path itself.

Pure functions, no Frappe: the Desk, the reports and the tier-1 tests share them.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

# Workflow states of Alur Disposisi.
DRAFT = "Draft"
DIKIRIM = "Dikirim"
SELESAI = "Selesai"
DIBATALKAN = "Dibatalkan"
FINAL_STATES = frozenset({SELESAI, DIBATALKAN})

# A recipient's own progress (Penerima Disposisi.status), in order.
BELUM_DIBACA = "Belum Dibaca"
DIBACA = "Dibaca"
DITINDAKLANJUTI = "Ditindaklanjuti"
RECIPIENT_STATUSES = (BELUM_DIBACA, DIBACA, DITINDAKLANJUTI, SELESAI)

SEPARATOR = "/"


# --- chain path -------------------------------------------------------------------------------------------


def chain_path(name: str, parent_path: str | None = None) -> str:
	"""The materialized path of `name` under a parent whose path is `parent_path` (None for a root)."""
	if not name or SEPARATOR in name:
		raise ValueError(f"Nama disposisi tidak valid untuk jalur: {name!r}.")
	base = parent_path or SEPARATOR
	if not (base.startswith(SEPARATOR) and base.endswith(SEPARATOR)):
		raise ValueError(f"Jalur induk tidak valid: {parent_path!r}.")
	return f"{base}{name}{SEPARATOR}"


def path_names(path: str | None) -> list[str]:
	"""The names on a path, root first (the disposition itself last)."""
	return [part for part in (path or "").split(SEPARATOR) if part]


def ancestors(path: str | None) -> list[str]:
	"""The names above the disposition whose path this is, root first."""
	return path_names(path)[:-1]


def depth(path: str | None) -> int:
	"""0 for a root disposition, 1 for its child, and so on."""
	return max(len(path_names(path)) - 1, 0)


def is_within(path: str, prefix: str) -> bool:
	"""True when `path` is the disposition of `prefix` or lies below it."""
	return bool(prefix) and path.startswith(prefix)


def covering_prefixes(paths: Iterable[str | None]) -> list[str]:
	"""The smallest set of paths whose subtrees cover all of `paths` (a path below another is dropped)."""
	kept: list[str] = []
	for path in sorted({p for p in paths if p}):
		if not kept or not is_within(path, kept[-1]):
			kept.append(path)
	return kept


# --- recipients -----------------------------------------------------------------------------------------


def all_done(statuses: Iterable[str]) -> bool:
	"""True when there is at least one recipient and every one of them has closed their part."""
	statuses = list(statuses)
	return bool(statuses) and all(s == SELESAI for s in statuses)


def status_after_opening(current: str | None) -> str | None:
	"""The status a recipient gets by opening the disposition, or None when it does not change."""
	return DIBACA if (current or BELUM_DIBACA) == BELUM_DIBACA else None


def status_after_follow_up(current: str | None, done: bool) -> str:
	"""The status after a recipient records a follow-up; closing their part is final."""
	if current == SELESAI:
		raise ValueError(
			"Bagian Anda pada disposisi ini sudah selesai; tindak lanjut tidak dapat diubah lagi."
		)
	return SELESAI if done else DITINDAKLANJUTI


# --- recap per recipient --------------------------------------------------------------------------------


@dataclass
class RecipientRecap:
	penerima: str
	diterima: int = 0
	selesai: int = 0
	tepat_waktu: int = 0
	terlambat: int = 0
	belum_selesai: int = 0
	menit: list[int] = field(default_factory=list)

	@property
	def median_menit(self) -> int | None:
		return round(statistics.median(self.menit)) if self.menit else None

	def as_dict(self) -> dict:
		return {
			"penerima": self.penerima,
			"diterima": self.diterima,
			"selesai": self.selesai,
			"tepat_waktu": self.tepat_waktu,
			"terlambat": self.terlambat,
			"belum_selesai": self.belum_selesai,
			"median_menit": self.median_menit,
		}


def recap_per_recipient(
	rows: Iterable[Mapping],
	now: datetime,
	spent: Callable[[datetime, datetime], int],
) -> tuple[list[RecipientRecap], RecipientRecap]:
	"""Count each recipient's dispositions: received, done, on time, late, open, median working minutes.

	Each row is one recipient of one sent disposition: `penerima`, `mulai` (when the clock started: sent,
	or given orally), `batas_waktu` (None: no limit), `status` and `selesai_pada`. Late means finished
	after the due time, or still open with the due time passed at `now`. `spent(start, end)` gives the
	working minutes between two moments on the office calendar. Returns the rows sorted by recipient
	and a total over all of them.
	"""
	per: dict[str, RecipientRecap] = {}
	total = RecipientRecap(penerima="")
	for row in rows:
		recap = per.setdefault(row["penerima"], RecipientRecap(penerima=row["penerima"]))
		due, done_at = row.get("batas_waktu"), row.get("selesai_pada")
		done = row.get("status") == SELESAI and done_at is not None
		for target in (recap, total):
			target.diterima += 1
			if done:
				target.selesai += 1
				if due is None or done_at <= due:
					target.tepat_waktu += 1
				else:
					target.terlambat += 1
			else:
				target.belum_selesai += 1
				if due is not None and now > due:
					target.terlambat += 1
		if done and row.get("mulai"):
			minutes = spent(row["mulai"], done_at)
			recap.menit.append(minutes)
			total.menit.append(minutes)
	return [per[key] for key in sorted(per)], total

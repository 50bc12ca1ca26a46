"""Profil SOP: the office configuration a preset leads to, what applying it changes (the preview), and
which open cases keep it from being applied. Plain data in, plain data out (no Frappe).

A configuration is a mapping with:
- `zona_waktu`: the office's time zone;
- `jam_layanan`: service hours as (day, start, end) rows;
- `mutu_baku`, `workflow`: DocType -> the Mutu Baku set / the active Workflow;
- `sifat_disposisi`: urgency -> (amount, unit);
- `penandatangan`: role -> position written on the letters;
- `profil`: the preset last applied.

A preset has the same keys with blanks where it leaves the office's own value: no zone or hours (the seed
says nothing of them), no Mutu Baku set for a DocType (the seed does not cover it). A DocType whose set
the preset gives and whose workflow it leaves blank gets the app's shipped workflow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kpu_dumas.core.calendar import DAY_NAMES
from kpu_dumas.core.deadlines import Duration

DOCTYPES = ("Pengaduan", "Permohonan Informasi", "Keberatan Informasi")
LABELS = {
	"Pengaduan": "Pengaduan",
	"Permohonan Informasi": "Permohonan Informasi",
	"Keberatan Informasi": "Keberatan Informasi",
}
_EN_DASH = "\u2013"


def _hhmm(value) -> str:
	"""'8:00:00', '08:00', a time or a timedelta's text -> '08:00'."""
	parts = str(value).strip().split(":")
	return f"{int(parts[0]):02d}:{int(parts[1]):02d}"


def normalize_hours(rows: Iterable) -> tuple[tuple[str, str, str], ...]:
	"""Service hours in a comparable form: (day, 'HH:MM', 'HH:MM'), by weekday and start."""
	items = [(str(day), _hhmm(start), _hhmm(end)) for day, start, end in rows]
	order = {name: i for i, name in enumerate(DAY_NAMES)}
	return tuple(sorted(items, key=lambda r: (order.get(r[0], 9), r[1])))


def hours_label(rows: Iterable) -> str:
	"""'Senin 08.00–16.00; Jumat 08.00–11.00, 14.00–16.30' (or '(kosong)')."""
	days: dict[str, list[str]] = {}
	for day, start, end in normalize_hours(rows):
		days.setdefault(day, []).append(f"{start.replace(':', '.')}{_EN_DASH}{end.replace(':', '.')}")
	return "; ".join(f"{day} {', '.join(spans)}" for day, spans in days.items()) or "(kosong)"


def duration_label(amount, unit) -> str:
	return Duration.parse(amount, unit).label()


def _overlay(current: Mapping | None, preset: Mapping | None) -> dict:
	"""The preset's values over the office's, for the keys the office has (an urgency or a signatory row
	the office does not have is not created: a signatory needs a name only the office knows)."""
	result = dict(current or {})
	result.update({k: v for k, v in (preset or {}).items() if k in result})
	return result


def target(current: Mapping, preset: Mapping, shipped_workflows: Mapping[str, str]) -> dict:
	"""The configuration after applying `preset` to `current`."""
	hours = normalize_hours(preset.get("jam_layanan") or ())
	result = {
		"zona_waktu": preset.get("zona_waktu") or current.get("zona_waktu"),
		"jam_layanan": hours or normalize_hours(current.get("jam_layanan") or ()),
		"mutu_baku": {},
		"workflow": {},
		"sifat_disposisi": _overlay(current.get("sifat_disposisi"), preset.get("sifat_disposisi")),
		"penandatangan": _overlay(current.get("penandatangan"), preset.get("penandatangan")),
		"profil": preset.get("profil"),
	}
	for doctype in DOCTYPES:
		own_set = (preset.get("mutu_baku") or {}).get(doctype)
		own_workflow = (preset.get("workflow") or {}).get(doctype)
		result["mutu_baku"][doctype] = own_set or (current.get("mutu_baku") or {}).get(doctype)
		if own_workflow:
			result["workflow"][doctype] = own_workflow
		elif own_set:
			result["workflow"][doctype] = shipped_workflows.get(doctype)
		else:
			result["workflow"][doctype] = (current.get("workflow") or {}).get(doctype)
	return result


def changes(current: Mapping, after: Mapping) -> list[dict]:
	"""What applying changes, one row per item: {bagian, sebelum, sesudah}. Empty when nothing does."""
	rows: list[dict] = []

	def add(label, before, later):
		if (before or "") != (later or ""):
			rows.append({"bagian": label, "sebelum": before or "(kosong)", "sesudah": later or "(kosong)"})

	add("Profil SOP", current.get("profil"), after.get("profil"))
	add("Zona waktu", current.get("zona_waktu"), after.get("zona_waktu"))
	before_hours = normalize_hours(current.get("jam_layanan") or ())
	after_hours = normalize_hours(after.get("jam_layanan") or ())
	if before_hours != after_hours:
		rows.append(
			{
				"bagian": "Jam layanan",
				"sebelum": hours_label(before_hours),
				"sesudah": hours_label(after_hours),
			}
		)
	for doctype in DOCTYPES:
		add(
			f"Mutu Baku {LABELS[doctype]}",
			(current.get("mutu_baku") or {}).get(doctype),
			after["mutu_baku"].get(doctype),
		)
	for doctype in DOCTYPES:
		add(
			f"Workflow {LABELS[doctype]}",
			(current.get("workflow") or {}).get(doctype),
			after["workflow"].get(doctype),
		)
	before_urgency = current.get("sifat_disposisi") or {}
	for sifat, (amount, unit) in after.get("sifat_disposisi", {}).items():
		old = before_urgency.get(sifat)
		old_label = duration_label(*old) if old else None
		add(f"Sifat disposisi {sifat}", old_label, duration_label(amount, unit))
	before_signers = current.get("penandatangan") or {}
	for role, position in after.get("penandatangan", {}).items():
		add(f"Jabatan penandatangan {role}", before_signers.get(role), position)
	return rows


def workflows_switched(current: Mapping, after: Mapping) -> dict[str, str]:
	"""DocType -> the workflow that becomes active, for the DocTypes whose workflow changes."""
	return {
		doctype: workflow
		for doctype, workflow in after["workflow"].items()
		if workflow and workflow != (current.get("workflow") or {}).get(doctype)
	}


def cases_in_missing_states(
	open_cases: Iterable[Mapping], target_states: Mapping[str, Iterable[str]]
) -> list[dict]:
	"""Open cases sitting in a state the DocType's new workflow does not have (they would be stranded).

	`open_cases`: {doctype, name, state}; `target_states`: DocType -> the states of the workflow that
	becomes active (only DocTypes whose workflow changes).
	"""
	states = {doctype: set(names) for doctype, names in target_states.items()}
	return [
		{"doctype": c["doctype"], "name": c["name"], "state": c["state"]}
		for c in open_cases
		if c["doctype"] in states and c["state"] not in states[c["doctype"]]
	]


def refusal_message(profile: str, blocking: list[dict], limit: int = 20) -> str:
	"""Why the preset cannot be applied yet, listing the cases to finish first."""
	listed = ", ".join(f"{c['doctype']} {c['name']} ({c['state']})" for c in blocking[:limit])
	more = f", dan {len(blocking) - limit} lainnya" if len(blocking) > limit else ""
	return (
		f"Profil SOP {profile} belum dapat diterapkan: {len(blocking)} kasus masih terbuka pada status yang "
		f"tidak ada di workflow profil ini. Selesaikan kasus berikut (atau pindahkan ke status yang juga ada "
		f"di workflow baru) lalu terapkan lagi: {listed}{more}."
	)

"""Need to know: a member of the Tim Pemeriksa sees only the complaints they examine.

A user whose only role on complaints is Tim Pemeriksa Pengaduan (none of SEES_ALL) sees the complaints
on which they are a team member (Pengaduan.tim_pemeriksa, rows of Anggota Tim Pemeriksa), and nothing
else: not in the form, the list, REST, frappe.client, the report view, the script reports, the number
cards and charts, global search, the child rows, the attached files or the workflow notifications.
Petugas Penerima Aduan, Kasubag, the Pejabat Yang Berwenang, Pimpinan and System Manager keep every
complaint (a Kasubag also holds the Tim role in its Role Profile).

As for Disposisi (disposisi_permissions), one SQL condition serves the list filter
(`permission_query_conditions`) and the document check (`has_permission`, the condition run against the
one row), so no door can disagree with another. The condition is one subquery on the team table's
`anggota` index: no per-row check, whatever the number of complaints.
"""

from __future__ import annotations

import frappe
from pypika.terms import EmptyCriterion, LiteralValue

from kpu_dumas.roles import (
	KASUBAG_HUKUM,
	PEJABAT_BERWENANG,
	PETUGAS_PENERIMA_ADUAN,
	PIMPINAN,
	TIM_PEMERIKSA,
)

DOCTYPE = "Pengaduan"
TEAM = "Anggota Tim Pemeriksa"
TEAM_FIELD = "tim_pemeriksa"
# Roles that see every complaint; a user with Tim Pemeriksa and none of these sees only their cases.
SEES_ALL = frozenset({PETUGAS_PENERIMA_ADUAN, KASUBAG_HUKUM, PEJABAT_BERWENANG, PIMPINAN, "System Manager"})


def restricted(user: str | None = None) -> bool:
	"""Whether `user` sees only the complaints they are a team member of."""
	user = user or frappe.session.user
	if user in ("Administrator", "Guest"):
		return False  # Guest has no role on complaints: role permissions already refuse everything
	user_roles = set(frappe.get_roles(user))
	return TIM_PEMERIKSA in user_roles and not SEES_ALL.intersection(user_roles)


def visibility_condition(user: str | None = None, table: str = "`tabPengaduan`") -> str | None:
	"""SQL condition on the Pengaduan table (`table`, as written in the query) for the rows `user` may
	see; None means every row their role permissions give."""
	user = user or frappe.session.user
	if not restricted(user):
		return None
	return (
		f"{table}.`name` in (select `atp`.`parent` from `tab{TEAM}` `atp`"
		f" where `atp`.`anggota` = {frappe.db.escape(user)}"
		f" and `atp`.`parenttype` = {frappe.db.escape(DOCTYPE)}"
		f" and `atp`.`parentfield` = {frappe.db.escape(TEAM_FIELD)})"
	)


def criterion(p, user: str | None = None):
	"""The same condition for a frappe.qb query over the Pengaduan table `p` (the script reports and
	number cards that build their own SQL); an empty criterion (ignored by .where) for everyone else."""
	table = f"`{p.alias or p._table_name}`"
	condition = visibility_condition(user, table)
	return LiteralValue(f"({condition})") if condition else EmptyCriterion()


def visible_names(names, user: str | None = None) -> set[str]:
	"""Which of `names` (complaint numbers) the user may see, in one query."""
	names = list(set(names))
	if not names:
		return set()
	condition = visibility_condition(user)
	if condition is None:
		return set(names)
	return set(
		frappe.db.sql_list(
			f"select name from `tabPengaduan` where name in %(names)s and {condition}", {"names": names}
		)
	)


def can_see(name: str, user: str | None = None) -> bool:
	return bool(name) and name in visible_names([name], user)


# --- hooks ----------------------------------------------------------------------------------------------


def query_conditions(user: str | None = None, doctype: str | None = None) -> str | None:
	"""permission_query_conditions for Pengaduan (lists, report view, link search, REST, counts, charts)."""
	return visibility_condition(user)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission for Pengaduan: the list's condition, checked against this row."""
	if doc.get("__islocal") or not doc.get("name"):
		return None  # a new complaint: role permissions decide who may create
	condition = visibility_condition(user)
	if condition is None:
		return None  # role permissions decide, as before
	return bool(
		frappe.db.sql(
			f"select 1 from `tabPengaduan` where name = %s and {condition} limit 1", doc.get("name")
		)
	)


def _references_visible(table: str, type_column: str, name_column: str, user: str | None) -> str | None:
	"""Rows of `table` that point at a complaint pass only when that complaint is visible."""
	condition = visibility_condition(user)
	if condition is None:
		return None
	return (
		f"(ifnull({table}.`{type_column}`, '') != {frappe.db.escape(DOCTYPE)}"
		f" or {table}.`{name_column}` in (select `tabPengaduan`.`name` from `tabPengaduan` where {condition}))"
	)


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str | None:
	"""permission_query_conditions for File, added to Frappe's own (they are ANDed): the files attached
	to a complaint are listed only with the complaint. Opening or downloading one goes through File's
	has_permission, which asks the complaint's (above)."""
	return _references_visible("`tabFile`", "attached_to_doctype", "attached_to_name", user)


def workflow_action_query_conditions(user: str | None = None, doctype: str | None = None) -> str | None:
	"""permission_query_conditions for Workflow Action (the Desk's notification of pending actions,
	offered to every holder of the role): only for the complaints the user may see."""
	return _references_visible("`tabWorkflow Action`", "reference_doctype", "reference_name", user)


def workflow_action_has_permission(doc, ptype=None, user=None) -> bool | None:
	"""Only denies (None lets Frappe's own check of the permitted roles decide)."""
	if doc.get("reference_doctype") != DOCTYPE or not restricted(user):
		return None
	return None if can_see(doc.get("reference_name"), user) else False


@frappe.whitelist()
def global_search(text, start=0, limit=20, doctype=""):
	"""frappe.utils.global_search.search (the awesome bar) with only the rows the user may read.

	Frappe's search checks only that the user may read the DocType, and its index holds searchable text:
	a complaint's perihal, and the ToDo of an assignment ("Telaah dan periksa pengaduan ...: perihal"),
	which every user may read as a DocType. So complaints are filtered with the list's condition and
	every other row with its own document check."""
	from frappe.utils.global_search import search

	results = search(text, start=start, limit=limit, doctype=doctype)
	visible = visible_names([r.name for r in results if r.doctype == DOCTYPE]) if restricted() else None
	return [r for r in results if _readable(r, visible)]


def _readable(result, visible_complaints) -> bool:
	if result.doctype == DOCTYPE and visible_complaints is not None:
		return result.name in visible_complaints
	try:
		return bool(frappe.has_permission(result.doctype, "read", doc=result.name))
	except frappe.DoesNotExistError:
		frappe.clear_last_message()
		return False  # still in the index, already deleted


@frappe.whitelist()
def get_count(doctype, filters=None, debug=False, cache=False):
	"""frappe.client.get_count (frappe.db.count in the browser) through the permission-aware list query
	for our DocTypes that have a row condition (the Tim's complaints, the Disposisi chains, identities).

	Frappe's counts every row without asking for any permission: with a filter on a complaint's text, a
	count answers questions about complaints the user may not open. Other DocTypes count as Frappe does."""
	from frappe.client import get_count as frappe_get_count
	from frappe.utils import get_safe_filters

	if doctype not in _row_conditioned():
		return frappe_get_count(doctype, filters=filters, debug=debug, cache=cache)
	if frappe.is_table(doctype):
		raise frappe.PermissionError(doctype)
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"])
	return rows[0].count if rows else 0


def _row_conditioned() -> set[str]:
	"""Our DocTypes with a permission_query_conditions hook."""
	from kpu_dumas.setup.install import OUR_DOCTYPES

	return set(frappe.get_hooks("permission_query_conditions", app_name="kpu_dumas")) & set(OUR_DOCTYPES)


def members_only(doctype: str, users_by_case: dict[str, list[str]]) -> dict[str, list[str]]:
	"""Of the users meant to hear about each complaint (say, every holder of a stage's role), drop the
	restricted ones who are not on its team: one query for the teams. Other DocTypes pass unchanged."""
	if doctype != DOCTYPE or not users_by_case:
		return users_by_case
	users = {user for listed in users_by_case.values() for user in listed}
	limited = sorted(user for user in users if restricted(user))
	if not limited:
		return users_by_case
	on_team = {
		(row.parent, row.anggota)
		for row in frappe.get_all(
			TEAM,
			filters={
				"parenttype": DOCTYPE,
				"parentfield": TEAM_FIELD,
				"parent": ("in", sorted(users_by_case)),
				"anggota": ("in", limited),
			},
			fields=["parent", "anggota"],
		)
	}
	return {
		case: [user for user in listed if user not in limited or (case, user) in on_team]
		for case, listed in users_by_case.items()
	}

"""Who sees a Disposisi.

A user sees the dispositions they issued (or recorded), those addressed to them once sent, and every
disposition below one of those in its chain. Pimpinan and System Manager see all; nobody else sees any (other
staff, Guest). Role permissions (DocPerm) let every desk user read the DocType; this module narrows
that to the rows above.

The list filter (`permission_query_conditions`) and the single-document check (`has_permission`) are
built from the same SQL condition, so the list, the form, REST and reports cannot disagree: the
document check runs the condition against the one row. The condition is a set of path prefixes: the
materialized paths (`jalur`) of the user's own dispositions, each covering its subtree.
"""

from __future__ import annotations

import frappe

from kpu_dumas.core.disposisi import DRAFT, covering_prefixes
from kpu_dumas.permissions import readable_through
from kpu_dumas.roles import DISPOSITION_READ_ALL

DOCTYPE = "Disposisi"
RECIPIENTS = "Penerima Disposisi"


def sees_all(user: str) -> bool:
	return user == "Administrator" or bool(DISPOSITION_READ_ALL.intersection(frappe.get_roles(user)))


def member_paths(user: str) -> list[str]:
	"""Paths of the dispositions `user` issued, recorded or received, reduced to the covering ones."""
	disposisi = frappe.qb.DocType(DOCTYPE)
	penerima = frappe.qb.DocType(RECIPIENTS)
	own = (
		frappe.qb.from_(disposisi)
		.select(disposisi.jalur)
		.where((disposisi.dari == user) | (disposisi.owner == user))
	)
	received = (
		frappe.qb.from_(penerima)
		.join(disposisi)
		.on(disposisi.name == penerima.parent)
		.select(disposisi.jalur)
		.where(penerima.parenttype == DOCTYPE)
		.where(penerima.parentfield == "penerima")
		.where(penerima.penerima == user)
		.where(disposisi.workflow_state != DRAFT)  # not yet sent: not yet theirs
	)
	return covering_prefixes(own.run(pluck=True) + received.run(pluck=True))


def _like_prefix(prefix: str) -> str:
	escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
	return frappe.db.escape(f"{escaped}%")


def visibility_condition(user: str | None = None) -> str | None:
	"""SQL condition on `tabDisposisi` for the rows `user` may see; None means every row."""
	user = user or frappe.session.user
	if sees_all(user):
		return None
	if user == "Guest":
		return "1=0"
	prefixes = member_paths(user)
	if not prefixes:
		return "1=0"
	return "({})".format(" or ".join(f"`tabDisposisi`.`jalur` like {_like_prefix(p)}" for p in prefixes))


def visible_names(names: list[str], user: str | None = None) -> set[str]:
	"""Which of `names` the user may open (the chain view links only those)."""
	if not names:
		return set()
	condition = visibility_condition(user)
	where = f" and {condition}" if condition else ""
	rows = frappe.db.sql(f"select name from `tabDisposisi` where name in %(names)s{where}", {"names": names})
	return {row[0] for row in rows}


# --- hooks ----------------------------------------------------------------------------------------------


def query_conditions(user: str | None = None, doctype: str | None = None) -> str | None:
	"""permission_query_conditions for Disposisi (lists, report view, link search, REST lists)."""
	return visibility_condition(user)


def has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission for Disposisi: the same condition as the list, checked against this row."""
	user = user or frappe.session.user
	if doc.get("__islocal") or not doc.get("name"):
		return None  # a new disposition: role permissions decide who may create
	condition = visibility_condition(user)
	if condition is None:
		return True
	return bool(
		frappe.db.sql(
			f"select 1 from `tabDisposisi` where name = %s and {condition} limit 1", doc.get("name")
		)
	)


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str | None:
	"""permission_query_conditions for our child tables (Penerima Disposisi, Butir Instruksi Disposisi,
	Riwayat Tahap) when they are listed on their own (frappe.get_list with parent_doctype, REST).

	Frappe checks only the role permission of the parent_doctype named in the request, not the rows'
	own parents: without this, anyone who may read Disposisi would list every recipient's notes, and
	the stage history of every complaint. A row is listed only when the user may read its parent
	DocType and the parent DocType's own row condition (if any) admits its parent.
	"""
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	table = f"`tab{doctype}`"
	parents = frappe.get_all(
		"DocField",
		filters={"options": doctype, "fieldtype": ("in", ["Table", "Table MultiSelect"])},
		pluck="parent",
		distinct=True,
	)
	return readable_through(table, "parenttype", "parent", parents, user)

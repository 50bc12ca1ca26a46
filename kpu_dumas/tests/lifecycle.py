"""Install / migrate / uninstall lifecycle checks, run by CI through `bench execute`.

	bench --site S execute kpu_dumas.tests.lifecycle.snapshot --kwargs "{'path': '/tmp/base.json'}"
	bench --site S install-app kpu_dumas
	bench --site S execute kpu_dumas.tests.lifecycle.snapshot --kwargs "{'path': '/tmp/a.json'}"
	bench --site S migrate
	bench --site S execute kpu_dumas.tests.lifecycle.snapshot --kwargs "{'path': '/tmp/b.json'}"
	bench --site S execute kpu_dumas.tests.lifecycle.compare --kwargs "{'a_path': '/tmp/a.json', 'b_path': '/tmp/b.json'}"
	bench --site S execute kpu_dumas.tests.lifecycle.admin_edit
	...  migrate, snapshot, compare, check_admin_edit ...
	bench --site S uninstall-app kpu_dumas --yes --no-backup
	bench --site S execute kpu_dumas.tests.lifecycle.snapshot --kwargs "{'path': '/tmp/d.json'}"
	bench --site S execute kpu_dumas.tests.lifecycle.assert_clean --kwargs "{'baseline_path': '/tmp/base.json', 'after_path': '/tmp/d.json'}"

A snapshot records, straight from the database (never from app code or Frappe meta, which still
answer after an uninstall because the package stays importable), everything the app puts into a site.
Only the *names* we look for come from the app (roles, workflow masters, DocType list, series
prefixes, workflow files); whether they exist, and what they contain, is read with SQL.

`bench execute` refuses a method of an app that is not installed on the site (`frappe.get_attr`), so
before install and after uninstall use the module's own entry point, run with the bench's Python
from the bench's `sites` folder (CI uses it for every step):

	cd ~/frappe-bench/sites && ../env/bin/python -m kpu_dumas.tests.lifecycle S snapshot /tmp/base.json
	../env/bin/python -m kpu_dumas.tests.lifecycle S assert_clean /tmp/base.json /tmp/d.json

Failures end with `SystemExit(1)` rather than an exception: `bench execute` retries a callable that
raises an Exception through `eval`, which would hide the real message.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import frappe

from kpu_dumas.roles import ROLE_PROFILES, ROLES
from kpu_dumas.setup.install import OUR_DOCTYPES, SERIES_PREFIXES

APP = "kpu_dumas"
MODULE = "KPU Dumas"
WORKFLOW_DIR = Path(__file__).resolve().parent.parent / "kpu_dumas" / "workflow"

# The admin edit made between the two migrations: a time standard an office has changed.
EDIT_MUTU_BAKU = "Pengaduan - Pohuwato 2025"
EDIT_TAHAP = "Diterima"
EDIT_SHIPPED_VALUE = 30
EDIT_NEW_VALUE = 45
# ...and a shipped holiday an office deleted on purpose: migrate must not bring it back (the last one
# shipped, so its year is not empty and is never re-seeded).
HOLIDAY_FILE = Path(__file__).resolve().parent.parent / "kpu_dumas" / "fixtures" / "hari_libur.json"

# Tables whose row count changes through ordinary Frappe activity (logins, logs, background
# bookkeeping) and says nothing about what the app left behind. Their counts are still recorded
# in every snapshot, just not compared.
NOISY_TABLES = frozenset(
	{
		"tabSessions",
		"tabError Log",
		"tabScheduled Job Log",
		"tabActivity Log",
		"tabAccess Log",
		"tabRoute History",
		"tabRQ Job",
		"tabSubmission Queue",
		"tabPrepared Report",
		"__UserSettings",
	}
)

# Frappe's own trail of an app's life, not something the app leaves behind: `remove_app` keeps a
# Deleted Document of each DocType and of the Module Def it drops, and install/migrate re-save the
# Installed Applications single (new child rows, one more Version).
IGNORED_KEYS = frozenset({"apps/Installed Application rows", "row counts/tabInstalled Application"})
FRAPPE_TRAIL = {
	"tabVersion": "ref_doctype = 'Installed Applications'",
	"tabDeleted Document": "(deleted_doctype = 'DocType' and deleted_name in %(doctypes)s)"
	" or (deleted_doctype = 'Module Def' and deleted_name = %(module)s)",
}

# Core tables whose rows can point at one of our DocTypes: table -> column holding the DocType name.
REFERENCING_COLUMNS = (
	("tabToDo", "reference_type"),
	("tabComment", "reference_doctype"),
	("tabVersion", "ref_doctype"),
	("tabCommunication", "reference_doctype"),
	("tabCommunication Link", "link_doctype"),
	("tabFile", "attached_to_doctype"),
	("tabDocShare", "share_doctype"),
	("tabWorkflow Action", "reference_doctype"),
	("tabDocument Follow", "ref_doctype"),
	("tabNotification Log", "document_type"),
	("tabDeleted Document", "deleted_doctype"),
	("tabTag Link", "document_type"),
	("tabUser Permission", "allow"),
	("tabDocType Link", "link_doctype"),
	("tabDocType Action", "parent"),
	("tabReport", "ref_doctype"),
	("tabPrint Format", "doc_type"),
	("tabWeb Form", "doc_type"),
	("tabNotification", "document_type"),
	("tabDashboard Chart", "document_type"),
	("tabNumber Card", "document_type"),
	("tabDocument Naming Rule", "document_type"),
	("tabAuto Repeat", "reference_doctype"),
	("tabAssignment Rule", "document_type"),
	("tabEmail Queue", "reference_doctype"),
	("tabActivity Log", "reference_doctype"),
	("tabList View Settings", "name"),
	("tabUser Document Type", "document_type"),
	("tabDefaultValue", "parent"),
	("__global_search", "doctype"),
)

# Core tables whose rows belong to a module: table -> column holding the Module Def name.
MODULE_COLUMNS = (
	("tabWorkspace", "module"),
	("tabReport", "module"),
	("tabPage", "module"),
	("tabWeb Form", "module"),
	("tabPrint Format", "module"),
	("tabNotification", "module"),
	("tabDashboard", "module"),
	("tabDashboard Chart", "module"),
	("tabNumber Card", "module"),
	("tabWeb Template", "module"),
	("tabWebsite Theme", "module"),
	("tabCustom Field", "module"),
	("tabProperty Setter", "module"),
	("tabClient Script", "module"),
	("tabServer Script", "module"),
	("tabForm Tour", "module"),
	("tabOnboarding Step", "module"),
	("tabModule Onboarding", "module"),
	("tabDocType", "module"),
)


# --- database helpers ---------------------------------------------------------------------------------


def _sql(query: str, values=None) -> list[tuple]:
	rows = frappe.db.sql(query, values) if values is not None else frappe.db.sql(query)
	return [tuple(row) for row in rows]


def _tables() -> set[str]:
	return {
		r[0]
		for r in _sql(
			"select table_name from information_schema.tables"
			" where table_schema = database() and table_type = 'BASE TABLE'"
		)
	}


def _columns(table: str) -> set[str]:
	return {
		r[0]
		for r in _sql(
			"select column_name from information_schema.columns"
			" where table_schema = database() and table_name = %s",
			(table,),
		)
	}


def _in(values) -> tuple:
	"""A non-empty tuple for `in %s` (MariaDB rejects `in ()`)."""
	values = tuple(values)
	return values or ("\x00no-such-name\x00",)


def _str(value) -> str | int | float | None:
	if value is None or isinstance(value, int | float | str):
		return value
	return str(value)


def _named(table: str, where: str, values, extra: str = "modified") -> dict[str, object] | None:
	"""{name: extra column} for the matching rows, or None when the table does not exist."""
	if table not in _TABLES:
		return None
	rows = _sql(f"select name, {extra} from `{table}` where {where} order by name", values)
	return {r[0]: _str(r[1]) for r in rows}


_TABLES: set[str] = set()


# --- snapshot -----------------------------------------------------------------------------------------


def _singles() -> set[str]:
	"""Our Single DocTypes (no table of their own; their values live in tabSingles)."""
	doctype_dir = Path(__file__).resolve().parent.parent / "kpu_dumas" / "doctype"
	singles = set()
	for path in doctype_dir.glob("*/*.json"):
		meta = json.loads(path.read_text(encoding="utf-8"))
		if isinstance(meta, dict) and meta.get("doctype") == "DocType" and meta.get("issingle"):
			singles.add(meta["name"])
	return singles


def _workflow_names() -> list[str]:
	return sorted(json.loads(p.read_text(encoding="utf-8"))["name"] for p in WORKFLOW_DIR.glob("alur_*.json"))


def _masters() -> dict:
	return json.loads((WORKFLOW_DIR / "masters.json").read_text(encoding="utf-8"))


def _installed_apps() -> dict:
	default = _sql(
		"select defvalue from tabDefaultValue where parent = '__global' and defkey = 'installed_apps'"
	)
	rows = (
		_sql("select app_name from `tabInstalled Application` order by app_name")
		if "tabInstalled Application" in _TABLES
		else []
	)
	return {
		"installed_apps (DefaultValue)": sorted(json.loads(default[0][0])) if default else [],
		"Installed Application rows": [r[0] for r in rows],
	}


def _workflows() -> dict:
	names = set(_workflow_names())
	found = _sql(
		"select name from tabWorkflow where name in %s or document_type in %s",
		(_in(names), _in(OUR_DOCTYPES)),
	)
	out = {}
	for (name,) in sorted(found):
		document_type, is_active, modified = _sql(
			"select document_type, is_active, modified from tabWorkflow where name = %s", (name,)
		)[0]
		out[name] = {
			"document_type": document_type,
			"is_active": is_active,
			"modified": _str(modified),
			"states": _sql("select count(*) from `tabWorkflow Document State` where parent = %s", (name,))[0][
				0
			],
			"transitions": _sql("select count(*) from `tabWorkflow Transition` where parent = %s", (name,))[
				0
			][0],
		}
	# Child rows whose parent workflow is gone would be orphans.
	out["orphan child rows"] = (
		_sql(
			"select count(*) from `tabWorkflow Document State` where parent in %s and parent not in"
			" (select name from tabWorkflow)",
			(_in(names),),
		)[0][0]
		+ _sql(
			"select count(*) from `tabWorkflow Transition` where parent in %s and parent not in"
			" (select name from tabWorkflow)",
			(_in(names),),
		)[0][0]
	)
	return out


def _doctypes() -> dict:
	out = {}
	rows = _sql(
		"select name, module, istable, issingle, modified from tabDocType where module = %s or name in %s"
		" order by name",
		(MODULE, _in(OUR_DOCTYPES)),
	)
	for name, module, istable, issingle, modified in rows:
		out[name] = {"module": module, "istable": istable, "issingle": issingle, "modified": _str(modified)}
	for child in ("tabDocField", "tabDocPerm", "tabDocType Link", "tabDocType Action", "tabDocType State"):
		if child in _TABLES:
			out[f"{child} rows"] = _sql(
				f"select count(*) from `{child}` where parent in %s", (_in(OUR_DOCTYPES),)
			)[0][0]
	return out


def _module_rows() -> dict:
	out = {"Module Def": _named("tabModule Def", "name = %s", (MODULE,), extra="app_name")}
	out["Module Def of app"] = _named("tabModule Def", "app_name = %s", (APP,), extra="module_name")
	for table, column in MODULE_COLUMNS:
		if table in _TABLES and column in _columns(table):
			out[f"{table}.{column}"] = _sql(
				f"select name from `{table}` where `{column}` = %s order by name", (MODULE,)
			)
			out[f"{table}.{column}"] = [r[0] for r in out[f"{table}.{column}"]]
	return out


def _references() -> dict:
	out = {}
	for table, column in REFERENCING_COLUMNS:
		if table in _TABLES and column in _columns(table):
			out[f"{table}.{column}"] = _sql(
				f"select count(*) from `{table}` where `{column}` in %s", (_in(OUR_DOCTYPES),)
			)[0][0]
	return out


def _customizations() -> dict:
	ours = _in(OUR_DOCTYPES)
	roles = _in(ROLES)
	return {
		"Custom Field (on or linking to our DocTypes)": _named(
			"tabCustom Field", "dt in %s or options in %s", (ours, ours)
		),
		"Property Setter (our DocTypes)": _named("tabProperty Setter", "doc_type in %s", (ours,)),
		"Custom DocPerm (our DocTypes or roles)": _named(
			"tabCustom DocPerm",
			"parent in %s or role in %s",
			(ours, roles),
			extra="concat(parent, ':', role)",
		),
		"DocPerm of our roles on other DocTypes": _named(
			"tabDocPerm", "role in %s and parent not in %s", (roles, ours), extra="parent"
		),
		"Has Role (our roles)": _named(
			"tabHas Role", "role in %s", (roles,), extra="concat(parenttype, ':', parent, ':', role)"
		),
		"Client Script / Server Script on our DocTypes": {
			**(_named("tabClient Script", "dt in %s", (ours,)) or {}),
			**(_named("tabServer Script", "reference_doctype in %s", (ours,)) or {}),
		},
	}


def _data() -> dict:
	"""Records install seeds into our own DocTypes (None when the table is gone)."""
	out: dict[str, object] = {}
	if "tabHari Libur Kantor" in _TABLES:
		rows = _sql("select name, tanggal, modified from `tabHari Libur Kantor` order by name")
		digest = hashlib.sha256(repr([tuple(map(str, r)) for r in rows]).encode()).hexdigest()[:16]
		years: dict[str, int] = {}
		for _name, tanggal, _modified in rows:
			years[str(tanggal)[:4]] = years.get(str(tanggal)[:4], 0) + 1
		out["Hari Libur Kantor"] = {"count": len(rows), "per year": years, "fingerprint": digest}
	else:
		out["Hari Libur Kantor"] = None
	out["Kategori Pengaduan"] = _named("tabKategori Pengaduan", "1 = 1", None)
	out["Mutu Baku"] = _named("tabMutu Baku", "1 = 1", None)
	if "tabMutu Baku Tahap" in _TABLES:
		rows = _sql(
			"select parent, idx, tahap, jumlah, satuan from `tabMutu Baku Tahap` order by parent, idx"
		)
		tahap: dict[str, list] = {}
		for parent, idx, name, jumlah, satuan in rows:
			tahap.setdefault(parent, []).append(f"{idx}. {name} = {_str(jumlah)} {satuan}")
		out["Mutu Baku Tahap rows"] = tahap
	else:
		out["Mutu Baku Tahap rows"] = None
	out["Singles: Pengaturan Kantor"] = {
		field: _str(value)
		for field, value in _sql(
			"select field, value from tabSingles where doctype = 'Pengaturan Kantor' order by field"
		)
	}
	out["Singles: any of our DocTypes"] = _sql(
		"select count(*) from tabSingles where doctype in %s", (_in(OUR_DOCTYPES),)
	)[0][0]
	for child in ("tabJam Layanan Kantor", "tabPenandatangan Surat"):
		out[f"{child} rows"] = _sql(f"select count(*) from `{child}`")[0][0] if child in _TABLES else None
	return out


def _series() -> dict:
	out = {}
	for prefix in SERIES_PREFIXES:
		for name, current in _sql("select name, current from tabSeries where name like %s", (f"{prefix}%",)):
			out[name] = current
	return out


def _scheduler() -> dict:
	jobs = _named(
		"tabScheduled Job Type", "method like %s", (f"{APP}.%",), extra="concat(method, ' ', frequency)"
	)
	logs = (
		_sql(
			"select count(*) from `tabScheduled Job Log` where scheduled_job_type in"
			" (select name from `tabScheduled Job Type` where method like %s)",
			(f"{APP}.%",),
		)[0][0]
		if "tabScheduled Job Log" in _TABLES
		else None
	)
	patches = _named("tabPatch Log", "patch like %s", (f"{APP}.%",), extra="patch")
	return {"Scheduled Job Type": jobs, "Scheduled Job Log (of our jobs)": logs, "Patch Log": patches}


def _row_counts() -> dict[str, int]:
	"""Rows per table, Frappe's own trail (FRAPPE_TRAIL) left out."""
	counts = {}
	values = {"doctypes": _in(OUR_DOCTYPES), "module": MODULE}
	for table in sorted(_TABLES):
		if table in FRAPPE_TRAIL:
			query = f"select count(*) from `{table}` where not ({FRAPPE_TRAIL[table]})"
			counts[table] = _sql(query, values)[0][0]
		else:
			counts[table] = _sql(f"select count(*) from `{table}`")[0][0]
	return counts


# Other apps' records that installing, migrating and uninstalling us must leave exactly as they were:
# every row (and its child rows) hashed. Names of ours are left out; the rest belongs to the neighbours.
NEIGHBOUR_DOCTYPES = {
	"Role": "name not in %(roles)s",
	"Role Profile": "name not in %(role_profiles)s",
	"Module Def": "name != %(module)s",
	"Workspace": "ifnull(module, '') != %(module)s",
	"Number Card": "ifnull(module, '') != %(module)s",
	"Dashboard Chart": "ifnull(module, '') != %(module)s",
	"Workflow": "document_type not in %(doctypes)s",
	"Company": "1 = 1",
}


def _row_hash(row: dict) -> str:
	return hashlib.sha1(json.dumps(row, sort_keys=True, default=str).encode()).hexdigest()[:16]


def _neighbours() -> dict:
	"""{DocType: {name: hash of the row and its child rows}} for the neighbours' records."""
	values = {
		"roles": _in(ROLES),
		"role_profiles": _in(ROLE_PROFILES),
		"module": MODULE,
		"doctypes": _in(OUR_DOCTYPES),
	}
	out: dict[str, dict | None] = {}
	for doctype, where in NEIGHBOUR_DOCTYPES.items():
		table = f"tab{doctype}"
		if table not in _TABLES:
			out[doctype] = None
			continue
		child_tables = [
			f"tab{options}"
			for (options,) in _sql(
				"select options from tabDocField where parent = %s and fieldtype in ('Table', 'Table MultiSelect')",
				(doctype,),
			)
			if f"tab{options}" in _TABLES
		]
		rows = frappe.db.sql(f"select * from `{table}` where {where} order by name", values, as_dict=True)
		children: dict[str, list] = {}
		for child in child_tables:
			for row in frappe.db.sql(
				f"select * from `{child}` where parenttype = %s order by parent, parentfield, idx",
				(doctype,),
				as_dict=True,
			):
				children.setdefault(row["parent"], []).append({k: v for k, v in row.items() if k != "name"})
		out[doctype] = {
			row["name"]: _row_hash({"row": row, "children": children.get(row["name"], [])}) for row in rows
		}
	return out


def take_snapshot() -> dict:
	"""Everything the app puts into the current site, read from the database."""
	global _TABLES
	frappe.db.commit()  # see other processes' committed work (REPEATABLE READ)
	_TABLES = _tables()
	masters = _masters()
	return {
		"meta": {"site": frappe.local.site, "taken_at": str(frappe.utils.now())},
		"apps": _installed_apps(),
		"our tables": {f"tab{dt}": f"tab{dt}" in _TABLES for dt in OUR_DOCTYPES if dt not in _singles()},
		"all tables": sorted(_TABLES),
		"records": {
			"Role": _named("tabRole", "name in %s", (_in(ROLES),)),
			"Role Profile": _named("tabRole Profile", "name in %s", (_in(ROLE_PROFILES),)),
			"Workflow": _workflows(),
			"Workflow State": _named("tabWorkflow State", "name in %s", (_in(masters["workflow_states"]),)),
			"Workflow Action Master": _named(
				"tabWorkflow Action Master", "name in %s", (_in(masters["workflow_actions"]),)
			),
			"DocType": _doctypes(),
			"module": _module_rows(),
			"customizations": _customizations(),
			"references to our DocTypes": _references(),
			"data": _data(),
			"Series": _series(),
			"jobs and patches": _scheduler(),
		},
		"neighbours": _neighbours(),
		"row counts": _row_counts(),
	}


def snapshot(path: str) -> None:
	"""Write the snapshot of the current site to `path` and print a short summary."""
	snap = take_snapshot()
	Path(path).write_text(json.dumps(snap, indent=1, sort_keys=True, default=str), encoding="utf-8")
	records = snap["records"]

	def size(value) -> str:
		return "absent" if value is None else str(len(value))

	data = records["data"]
	holidays = data["Hari Libur Kantor"]
	print(f"snapshot {snap['meta']['site']} -> {path}")
	print(f"  installed apps: {', '.join(snap['apps']['installed_apps (DefaultValue)'])}")
	print(
		f"  our tables present: {sum(snap['our tables'].values())}/{len(snap['our tables'])};"
		f" DocTypes of {MODULE!r}: {len([k for k in records['DocType'] if not k.startswith('tab')])};"
		f" Module Def: {size(records['module']['Module Def'])}"
	)
	print(
		f"  Role {size(records['Role'])}/{len(ROLES)}, Role Profile {size(records['Role Profile'])}/{len(ROLE_PROFILES)},"
		f" Workflow State {size(records['Workflow State'])}, Workflow Action Master {size(records['Workflow Action Master'])},"
		f" Workflow {len(records['Workflow']) - 1}"
	)
	neighbours = ", ".join(f"{dt} {size(rows)}" for dt, rows in snap["neighbours"].items())
	print(f"  neighbours' records (hashed, compared row by row): {neighbours}")
	print(
		f"  Hari Libur Kantor {holidays['count'] if holidays else 'absent'}, Mutu Baku {size(data['Mutu Baku'])},"
		f" Kategori Pengaduan {size(data['Kategori Pengaduan'])},"
		f" Singles(Pengaturan Kantor) {len(data['Singles: Pengaturan Kantor'])},"
		f" Series {len(records['Series'])}, Scheduled Job Type {size(records['jobs and patches']['Scheduled Job Type'])}"
	)


# --- comparing --------------------------------------------------------------------------------------


def _flatten(value, prefix: str = "") -> dict[str, object]:
	if isinstance(value, dict):
		out: dict[str, object] = {}
		if not value and prefix:
			out[prefix] = {}
		for key, item in value.items():
			out.update(_flatten(item, f"{prefix}/{key}" if prefix else str(key)))
		return out
	return {prefix: value}


def _differences(a: dict, b: dict, ignore_noisy: bool = True) -> list[str]:
	a = {k: v for k, v in a.items() if k != "meta"}
	b = {k: v for k, v in b.items() if k != "meta"}
	fa, fb = _flatten(a), _flatten(b)
	lines = []
	for key in sorted(set(fa) | set(fb)):
		if ignore_noisy and key.startswith("row counts/") and key.split("/", 1)[1] in NOISY_TABLES:
			continue
		if key in IGNORED_KEYS:
			continue
		va, vb = fa.get(key, "<missing>"), fb.get(key, "<missing>")
		if va == vb or {repr(va), repr(vb)} == {"{}", "'<missing>'"}:
			continue  # equal, or an empty group on one side whose entries are listed one by one
		if isinstance(va, list) and isinstance(vb, list):
			added = [x for x in vb if x not in va]
			removed = [x for x in va if x not in vb]
			lines.append(f"  {key}: +{added} -{removed}")
		else:
			lines.append(f"  {key}: {va!r} -> {vb!r}")
	return lines


def _load(path: str) -> dict:
	return json.loads(Path(path).read_text(encoding="utf-8"))


def compare(a_path: str, b_path: str, label: str = "") -> None:
	"""Exit 1 with a readable diff unless the two snapshots are equal (noisy log tables aside)."""
	label = label or f"{Path(a_path).name} == {Path(b_path).name}"
	lines = _differences(_load(a_path), _load(b_path))
	if lines:
		print(f"FAIL {label}: {len(lines)} difference(s) (left -> right):")
		print("\n".join(lines))
		raise SystemExit(1)
	print(f"PASS {label}: snapshots identical")


# --- clean after uninstall ----------------------------------------------------------------------------


def _leftovers(snap: dict) -> list[str]:
	"""What of ours is still in a snapshot (empty for a site that never had the app)."""
	found = []
	for key, value in _flatten(
		{k: v for k, v in snap.items() if k in ("apps", "our tables", "records")}
	).items():
		if key.startswith("apps/") and APP in (value or []):
			found.append(f"  {key}: {APP} still listed")
		elif key.startswith("our tables/") and value:
			found.append(f"  table {key.split('/', 1)[1]} still exists")
		elif key.startswith("records/") and value not in (None, 0, [], {}):
			found.append(f"  {key[len('records/') :]}: {value!r}")
	for table in snap["all tables"]:
		if table.startswith("tab") and table[3:] in OUR_DOCTYPES:
			continue  # reported above
		if any(table.lower() == f"tab{dt}".lower() for dt in OUR_DOCTYPES):
			found.append(f"  table {table} still exists")
	return found


def is_clean(path: str) -> None:
	"""Exit 1 if the snapshot at `path` still holds anything of ours."""
	found = _leftovers(_load(path))
	if found:
		print(f"NOT CLEAN {path}: {len(found)} leftover(s):")
		print("\n".join(found))
		raise SystemExit(1)
	print(f"CLEAN {path}: nothing of {APP} in the site")


def assert_clean(baseline_path: str, after_path: str) -> None:
	"""After uninstall: nothing of ours is left, and the site equals its pre-install baseline."""
	baseline, after = _load(baseline_path), _load(after_path)
	failed = False
	found = _leftovers(after)
	if found:
		failed = True
		print(f"FAIL uninstall left {len(found)} thing(s) of {APP} behind:")
		print("\n".join(found))
	else:
		print(f"PASS uninstall: no record, table, job or series of {APP} left")
	lines = _differences(baseline, after)
	if lines:
		failed = True
		print(f"FAIL site after uninstall differs from its pre-install baseline ({len(lines)}):")
		print("\n".join(lines))
	else:
		print("PASS site after uninstall equals its pre-install baseline")
	if failed:
		raise SystemExit(1)


def neighbours_equal(baseline_path: str, after_path: str) -> None:
	"""Exit 1 unless every neighbour record (other apps' roles, workspaces, Company, ...) is as it was."""
	baseline, after = _load(baseline_path)["neighbours"], _load(after_path)["neighbours"]
	lines = []
	for doctype in sorted(set(baseline) | set(after)):
		a, b = baseline.get(doctype) or {}, after.get(doctype) or {}
		for name in sorted(set(a) | set(b)):
			if a.get(name) != b.get(name):
				state = "gone" if name not in b else "added" if name not in a else "changed"
				lines.append(f"  {doctype} {name!r}: {state}")
	counted = ", ".join(f"{dt} {len(rows or {})}" for dt, rows in baseline.items())
	if lines:
		print(f"FAIL {len(lines)} record(s) of other apps differ from before install:")
		print("\n".join(lines))
		raise SystemExit(1)
	print(f"PASS every record of the other apps is exactly as before install ({counted})")


# --- installed -----------------------------------------------------------------------------------------


def _missing(snap: dict) -> list[str]:
	"""What install should have created but a snapshot lacks."""
	records, data = snap["records"], snap["records"]["data"]
	masters = _masters()
	expected = {
		"app listed in installed_apps": APP in snap["apps"]["installed_apps (DefaultValue)"],
		"a table for each non-single DocType of OUR_DOCTYPES": all(snap["our tables"].values()),
		f"Module Def {MODULE!r}": bool(records["module"]["Module Def"]),
		"every DocType of OUR_DOCTYPES": all(dt in records["DocType"] for dt in OUR_DOCTYPES),
		f"all {len(ROLES)} Roles": len(records["Role"] or {}) == len(ROLES),
		f"all {len(ROLE_PROFILES)} Role Profiles": len(records["Role Profile"] or {}) == len(ROLE_PROFILES),
		"all Workflow States": len(records["Workflow State"] or {}) == len(masters["workflow_states"]),
		"all Workflow Action Masters": len(records["Workflow Action Master"] or {})
		== len(masters["workflow_actions"]),
		"every shipped Workflow with states and transitions": all(
			records["Workflow"].get(name, {}).get("states") and records["Workflow"][name].get("transitions")
			for name in _workflow_names()
		),
		"holidays": bool((data["Hari Libur Kantor"] or {}).get("count")),
		"Mutu Baku with rows": bool(data["Mutu Baku"]) and bool(data["Mutu Baku Tahap rows"]),
		"Kategori Pengaduan": bool(data["Kategori Pengaduan"]),
		"Pengaturan Kantor filled": bool(data["Singles: Pengaturan Kantor"].get("nama_kantor")),
		"Scheduled Job Type for our scheduler_events": bool(
			records["jobs and patches"]["Scheduled Job Type"]
		),
	}
	return [f"  missing: {what}" for what, ok in expected.items() if not ok]


def assert_installed(path: str) -> None:
	"""Exit 1 unless the snapshot at `path` holds everything install ships."""
	missing = _missing(_load(path))
	if missing:
		print(f"FAIL install incomplete ({len(missing)}):")
		print("\n".join(missing))
		raise SystemExit(1)
	print(f"PASS install created everything {APP} ships")


# --- names next to the other apps ---------------------------------------------------------------------

# Record kinds an app ships as files in its module folders (<app>/<module>/<folder>/<name>/<name>.json).
SHIPPED_KINDS = {
	"DocType": "doctype",
	"Report": "report",
	"Print Format": "print_format",
	"Web Form": "web_form",
	"Workspace": "workspace",
	"Number Card": "number_card",
	"Dashboard Chart": "dashboard_chart",
	"Page": "page",
	"Notification": "notification",
}


def _json_files(root: Path, pattern: str):
	for path in root.glob(pattern):
		try:
			data = json.loads(path.read_text(encoding="utf-8"))
		except (OSError, ValueError):
			continue
		yield from (data if isinstance(data, list) else [data])


def shipped_names(app: str) -> dict[str, set[str]]:
	"""Names an app ships, read from its own files on this bench: {kind: {name}}.

	Roles are every role its DocTypes, Reports, Pages and Workspaces grant, plus Role fixtures;
	Workflows come from workflow/ folders and fixtures; Module Defs from modules.txt.
	"""
	root = Path(frappe.get_app_path(app))
	names: dict[str, set[str]] = {kind: set() for kind in (*SHIPPED_KINDS, "Role", "Workflow", "Module Def")}
	for kind, folder in SHIPPED_KINDS.items():
		for data in _json_files(root, f"*/{folder}/*/*.json"):
			if isinstance(data, dict) and data.get("doctype") == kind and data.get("name"):
				names[kind].add(data["name"])
				for row in data.get("permissions", []) + data.get("roles", []):
					if isinstance(row, dict) and row.get("role"):
						names["Role"].add(row["role"])
	for data in _json_files(root, "*/workflow/*.json"):
		if isinstance(data, dict) and data.get("doctype") == "Workflow":
			names["Workflow"].add(data["name"])
	for data in _json_files(root, "fixtures/*.json"):
		if isinstance(data, dict) and data.get("doctype") in ("Role", "Workflow") and data.get("name"):
			names[data["doctype"]].add(data["name"])
	modules = root / "modules.txt"
	if modules.exists():
		names["Module Def"] |= {
			m.strip() for m in modules.read_text(encoding="utf-8").splitlines() if m.strip()
		}
	return names


def our_names() -> dict[str, set[str]]:
	"""What kpu_dumas creates: its shipped files, and the Roles, Role Profiles and Workflows it installs."""
	names = shipped_names(APP)
	names["Role"] = set(ROLES)  # the roles we grant but do not create (System Manager, ...) are not ours
	names["Role Profile"] = set(ROLE_PROFILES)
	names["Workflow"] |= set(_workflow_names())
	return names


def assert_no_collisions() -> None:
	"""Exit 1 if a name of ours equals (case-insensitively, as MariaDB compares) one another app ships."""
	ours = our_names()
	failed = False
	for app in frappe.get_all_apps(with_internal_apps=True):
		if app == APP:
			continue
		theirs = shipped_names(app)
		if not theirs["DocType"]:
			failed = True
			print(f"FAIL read no DocType from {app}'s files: the reader is broken, nothing was compared")
			continue
		counted = ", ".join(f"{len(v)} {k}" for k, v in theirs.items() if v)
		clashes = []
		for kind, names in ours.items():
			taken = {n.lower() for n in theirs.get(kind, ())}
			clashes += [f"{kind} {n!r}" for n in sorted(names) if n.lower() in taken]
		if clashes:
			failed = True
			print(f"FAIL {len(clashes)} name(s) of {APP} also shipped by {app}: {', '.join(clashes)}")
		else:
			print(f"PASS no name of {APP} equals one of {app}'s ({counted}, read from its files)")
	checked = ", ".join(f"{len(v)} {k}" for k, v in ours.items() if v)
	print(f"  names of {APP} checked: {checked}")
	if failed:
		raise SystemExit(1)


# --- admin edits survive migrate ----------------------------------------------------------------------


def _edited_value() -> float | None:
	rows = _sql(
		"select jumlah from `tabMutu Baku Tahap` where parenttype = 'Mutu Baku' and parent = %s and tahap = %s",
		(EDIT_MUTU_BAKU, EDIT_TAHAP),
	)
	return rows[0][0] if rows else None


def _deleted_holiday() -> str:
	return max(row["tanggal"] for row in json.loads(HOLIDAY_FILE.read_text(encoding="utf-8")))


def _holiday_rows(tanggal: str) -> int:
	return _sql("select count(*) from `tabHari Libur Kantor` where tanggal = %s", (tanggal,))[0][0]


def admin_edit() -> None:
	"""Edit as an admin would, through documents: change a time standard, delete a shipped holiday."""
	before = _edited_value()
	if before != EDIT_SHIPPED_VALUE:
		print(f"FAIL shipped {EDIT_MUTU_BAKU} / {EDIT_TAHAP} is {before!r}, expected {EDIT_SHIPPED_VALUE}")
		raise SystemExit(1)
	doc = frappe.get_doc("Mutu Baku", EDIT_MUTU_BAKU)
	for row in doc.tahap:
		if row.tahap == EDIT_TAHAP:
			row.jumlah = EDIT_NEW_VALUE
	doc.save(ignore_permissions=True)
	tanggal = _deleted_holiday()
	for (name,) in _sql("select name from `tabHari Libur Kantor` where tanggal = %s", (tanggal,)):
		frappe.delete_doc("Hari Libur Kantor", name, ignore_permissions=True)
	frappe.db.commit()
	print(f"edited {EDIT_MUTU_BAKU} / {EDIT_TAHAP}: jumlah {before} -> {_edited_value()}")
	print(f"deleted the shipped holiday of {tanggal} (rows left with that date: {_holiday_rows(tanggal)})")


def check_admin_edit() -> None:
	"""Exit 1 unless the admin's edits are still there (migrate must never overwrite or re-seed)."""
	failed = False
	tanggal = _deleted_holiday()
	if _holiday_rows(tanggal):
		failed = True
		print(f"FAIL migrate brought back the holiday of {tanggal} that the admin deleted")
	else:
		print(f"PASS the holiday of {tanggal} the admin deleted stayed deleted")
	value = _edited_value()
	if value != EDIT_NEW_VALUE:
		failed = True
		print(f"FAIL migrate overwrote an admin edit: {EDIT_MUTU_BAKU} / {EDIT_TAHAP} = {value!r}")
	else:
		print(f"PASS admin edit survived migrate: {EDIT_MUTU_BAKU} / {EDIT_TAHAP} jumlah = {value}")
	if failed:
		raise SystemExit(1)


# --- entry point ---------------------------------------------------------------------------------------

COMMANDS = {
	"snapshot": snapshot,
	"compare": compare,
	"is_clean": is_clean,
	"assert_installed": assert_installed,
	"assert_clean": assert_clean,
	"admin_edit": admin_edit,
	"check_admin_edit": check_admin_edit,
	"assert_no_collisions": assert_no_collisions,
	"neighbours_equal": neighbours_equal,
}


def main(argv: list[str]) -> int:
	"""`python -m kpu_dumas.tests.lifecycle SITE COMMAND [ARG...]`, from the bench's sites folder."""
	if len(argv) < 2 or argv[1] not in COMMANDS:
		print(f"usage: python -m kpu_dumas.tests.lifecycle SITE {{{'|'.join(COMMANDS)}}} [ARG...]")
		return 2
	site, command, args = argv[0], argv[1], argv[2:]
	frappe.init(site=site, sites_path=".")
	try:
		frappe.connect()
		COMMANDS[command](*args)
		frappe.db.commit()
	finally:
		frappe.destroy()
	return 0


if __name__ == "__main__":
	import sys

	raise SystemExit(main(sys.argv[1:]))

"""Benchmark of issue 15 on a large, realistic data set: every ratio, both figures, one run (not a test).

	cd ~/frappe-bench/sites && ../env/bin/python /work/main/scripts/bench_kinerja.py --site S --n 100000
	cd ~/frappe-bench/sites && ../env/bin/python /work/main/scripts/bench_kinerja.py --site S --cleanup

Seeds N complaints spread over the twelve months of --year (default: last year) with bulk SQL inserts
(no documents): Pengaduan with the timeliness it keeps, one Identitas Pelapor per named reporter
(encrypted as the site stores them), the Riwayat Tahap rows of the path each complaint took, and a few
bench users who hold the stages' roles. Open stages are left as the stage change wrote them (Berjalan),
so the first hourly sweep finds the thousands that went late. Every seeded record is recognisable
(names BENCH-..., perihal "[BENCH] ...", users bench-*@kpu-bench.test) and --cleanup removes exactly
those and what the benchmark made from them.

Then prints, each pair measured side by side in this run:
- reports: Rekap Pengaduan, Register Pengaduan and Kepatuhan Mutu Baku against their bare SQL, and the
  Rekap and Register as they were (timeliness from the stage history, two EXISTS per complaint);
- the formatted xlsx of the Register against bare openpyxl write-only;
- the hourly sweep: its first run (thousands newly late), a run with nothing new, a run with 200 new;
- over HTTP, on a gunicorn with 4 workers on 127.0.0.1 (started here unless --url is given): ping, a
  plain REST insert of a Note as Administrator and the portal submission (identity, half with a PDF)
  at concurrency 4, the portal alone at concurrency 1, and 1000 submissions at concurrency 50 (errors,
  lost, duplicates, p95). Every request loop is bounded by a count and a time.
Use a scratch site: the figures are for docs/benchmarks.md, the data is not meant to stay.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta

import frappe

PREFIX = "BENCH-"
PERIHAL_PREFIX = "[BENCH] "
USER_DOMAIN = "@kpu-bench.test"
FINAL = {"Selesai": 1, "Tidak Ditindaklanjuti": 1, "Dicabut": 1}
CHANNELS = {  # share of complaints per channel
	"Langsung (Meja Layanan)": 30,
	"Website": 20,
	"Telepon/WhatsApp": 15,
	"SP4N-LAPOR!": 12,
	"Surat": 8,
	"Email": 7,
	"Media Sosial": 5,
	"Kotak Pengaduan": 3,
}
# Where a complaint of last year stands now (most are done).
STATES = {
	"Selesai": 58,
	"Tidak Ditindaklanjuti": 10,
	"Dicabut": 4,
	"Ditanggapi": 5,
	"Rekomendasi": 5,
	"Ditelaah": 9,
	"Terdaftar": 3,
	"Perlu Dilengkapi": 2,
	"Diterima": 4,
}
FLOW = ["Diterima", "Terdaftar", "Ditelaah", "Rekomendasi", "Ditanggapi", "Selesai"]
PAUSE = {"Perlu Dilengkapi"}
# Pohuwato set: minutes for timed stages; None = Menyesuaikan.
STANDARD = {"Diterima": 30, "Terdaftar": 10, "Perlu Dilengkapi": None}
LABEL = {"Diterima": "30 menit", "Terdaftar": "10 menit", "Perlu Dilengkapi": "30 hari"}
BENCH_USERS = {  # stage roles held by bench users, so the sweep has someone to tell
	"bench-petugas-1": "Petugas Penerima Aduan",
	"bench-petugas-2": "Petugas Penerima Aduan",
	"bench-tim-1": "Tim Pemeriksa Pengaduan",
	"bench-pyb-1": "Pejabat Yang Berwenang",
}


def weighted(rng: random.Random, table: dict[str, int]) -> str:
	return rng.choices(list(table), weights=list(table.values()))[0]


def office_moment(rng: random.Random, year: int) -> datetime:
	"""A working-hours moment on a weekday of `year`."""
	while True:
		day = date(year, 1, 1) + timedelta(days=rng.randrange(365))
		if day.weekday() < 5:
			break
	return datetime(day.year, day.month, day.day, 8) + timedelta(minutes=rng.randrange(8 * 60))


def stage_path(rng: random.Random, state: str) -> list[str]:
	"""The states a complaint went through to reach `state`."""
	if state in ("Tidak Ditindaklanjuti", "Dicabut"):
		stop = rng.choice(["Diterima", "Diterima", "Terdaftar", "Ditelaah"])
		path = FLOW[: FLOW.index(stop) + 1] + [state]
	elif state == "Perlu Dilengkapi":
		path = ["Diterima", "Perlu Dilengkapi"]
	else:
		path = FLOW[: FLOW.index(state) + 1]
	if len(path) > 2 and path[1] != "Perlu Dilengkapi" and rng.random() < 0.08:
		path = ["Diterima", "Perlu Dilengkapi", *path]  # asked for missing items, then completed
	if "Rekomendasi" in path and path[-1] != "Rekomendasi" and rng.random() < 0.1:
		i = path.index("Rekomendasi")
		path = [*path[: i + 1], "Ditelaah", *path[i:]]  # Kembalikan once
	return path


def working_minutes(rng: random.Random, tahap: str) -> int:
	standard = STANDARD.get(tahap)
	if standard:  # mostly inside the standard, a tail of late ones
		return max(1, int(rng.lognormvariate(0, 0.7) * standard * 0.6))
	if tahap == "Perlu Dilengkapi":
		return rng.randrange(60, 60 * 8 * 20)
	return rng.randrange(30, 60 * 8 * 10)


# --- seeding ----------------------------------------------------------------------------------------


def seed_users():
	for key, role in BENCH_USERS.items():
		email = key + USER_DOMAIN
		if frappe.db.exists("User", email):
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": key,
				"send_welcome_email": 0,
				"user_type": "System User",
				"roles": [{"role": role}],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert(ignore_permissions=True)


def seed(n: int, year: int, rng: random.Random) -> dict[str, int]:
	from kpu_dumas import stages as stage_rules
	from kpu_dumas.core import recap

	try:  # identities are stored encrypted where the site does so (kpu_dumas.kerahasiaan)
		from kpu_dumas.kerahasiaan import encrypt
	except ImportError:

		def encrypt(value):
			return value

	seed_users()
	roles = {s: ", ".join(stage_rules.responsible_roles("Pengaduan", s)) for s in STATES.keys() | set(FLOW)}
	roles["Perlu Dilengkapi"] = ", ".join(stage_rules.responsible_roles("Pengaduan", "Perlu Dilengkapi"))
	now = datetime.now()
	categories = frappe.get_all("Kategori Pengaduan", pluck="name") or [None]
	complaints, identities, stages = [], [], []
	for i in range(1, n + 1):
		name = f"{PREFIX}{year}-{i:07d}"
		received = office_moment(rng, year)
		state = weighted(rng, STATES)
		kanal = weighted(rng, CHANNELS)
		anonim = rng.random() < 0.1
		rahasia = not anonim and rng.random() < 0.15
		ident = None
		if not anonim:
			ident = f"{PREFIX}PLP-{i:07d}"
			identities.append(
				(
					ident,
					encrypt(f"Pelapor Uji {i}"),
					"KTP",
					encrypt(f"75{i:014d}"),
					received,
					received,
					"Administrator",
				)
			)
		moment = received
		path = stage_path(rng, state)
		letter, letter_date = None, None
		history = []
		docstatus = 1 if state in FINAL else 0
		for idx, tahap in enumerate(path, 1):
			is_last = idx == len(path)
			standard = STANDARD.get(tahap)
			due = moment + timedelta(minutes=standard) if standard else None
			if tahap == "Perlu Dilengkapi":
				due = moment + timedelta(days=30)
			if is_last:  # as the stage change left it; the sweep marks it once it is past due
				left, minutes = None, 0
				status = "Berjalan" if due else "Tanpa Batas"
			else:
				minutes = working_minutes(rng, tahap)
				left = moment + timedelta(minutes=minutes)
				status = "Tanpa Batas" if not due else ("Tepat Waktu" if left <= due else "Terlambat")
			history.append({"tahap": tahap, "status": status, "keluar": left, "batas_waktu": due})
			stages.append(
				(
					f"{name}-{idx:02d}",
					name,
					"Pengaduan",
					"riwayat_tahap",
					idx,
					docstatus,
					tahap,
					roles.get(tahap, ""),
					moment,
					due,
					left,
					minutes,
					status,
					LABEL.get(tahap, "Menyesuaikan"),
					moment,
					moment,
					"Administrator",
				)
			)
			if tahap == "Ditanggapi":
				letter, letter_date = f"{PREFIX}{i}/HM.02-SD/KPU-Kab/{year}", moment.date()
			if left:
				moment = left + timedelta(minutes=rng.randrange(5, 60 * 24 * 3))
		ketepatan, running_due = recap.complaint_timeliness(history, docstatus == 0, now, PAUSE)
		lapor_due = lapor_done = None
		if kanal == "SP4N-LAPOR!":  # its follow-up is due in 5 working days; posted once it is examined
			lapor_due = received + timedelta(days=7)
			if state not in ("Diterima", "Perlu Dilengkapi", "Terdaftar"):
				lapor_done = received + timedelta(days=2)
		complaints.append(
			(
				name,
				f"{PERIHAL_PREFIX}Pengaduan {i}: antrean layanan",
				rng.choice(categories),
				kanal,
				f"LAPOR-{i}" if kanal == "SP4N-LAPOR!" else None,
				received,
				state,
				1 if anonim else 0,
				1 if rahasia else 0,
				ident,
				"Uraian pengaduan uji kinerja.",
				f"Unit {rng.randrange(1, 20)}",
				rng.choice(["Marisa", "Paguat", "Popayato", "Lemito"]),
				letter,
				letter_date,
				ketepatan,
				running_due,
				received if lapor_due else None,
				lapor_due,
				lapor_done,
				docstatus,
				"DUMAS-.YYYY.-.#####",
				received,
				received,
				"Administrator",
			)
		)
	frappe.db.bulk_insert(
		"Identitas Pelapor",
		["name", "nama_lengkap", "jenis_identitas", "nomor_identitas", "creation", "modified", "owner"],
		identities,
	)
	frappe.db.bulk_insert(
		"Pengaduan",
		[
			"name",
			"perihal",
			"kategori",
			"kanal",
			"nomor_tiket_lapor",
			"tanggal_diterima",
			"workflow_state",
			"anonim",
			"rahasia",
			"identitas_pelapor",
			"uraian",
			"teradu",
			"lokasi_kasus",
			"nomor_surat_tanggapan",
			"tanggal_tanggapan",
			"ketepatan_waktu",
			"batas_waktu_tahap",
			"tanggal_dari_lapor",
			"batas_tindak_lanjut_lapor",
			"tindak_lanjut_lapor_pada",
			"docstatus",
			"naming_series",
			"creation",
			"modified",
			"owner",
		],
		complaints,
	)
	frappe.db.bulk_insert(
		"Riwayat Tahap",
		[
			"name",
			"parent",
			"parenttype",
			"parentfield",
			"idx",
			"docstatus",
			"tahap",
			"peran",
			"masuk",
			"batas_waktu",
			"keluar",
			"waktu_kerja_menit",
			"status",
			"mutu_baku",
			"creation",
			"modified",
			"owner",
		],
		stages,
	)
	frappe.db.commit()
	return {"Pengaduan": len(complaints), "Identitas Pelapor": len(identities), "Riwayat Tahap": len(stages)}


def cleanup():
	"""The seeded records, the bench users, and what the sweep and the HTTP loops made of them."""
	like = f"{PREFIX}%"
	for sql in (
		"delete from `tabRiwayat Tahap` where parent like %(like)s",
		"delete from `tabPengaduan` where name like %(like)s and perihal like %(perihal)s",
		"delete from `tabIdentitas Pelapor` where name like %(plp)s",
		"delete from `tabVersion` where docname like %(like)s",
		"delete from `tabComment` where reference_name like %(like)s",
		"delete from `tabNotification Log` where document_name like %(like)s or for_user like %(users)s",
		"delete from `tabEmail Queue Recipient` where parent in "
		"(select name from `tabEmail Queue` where reference_name like %(like)s)",
		"delete from `tabEmail Queue` where reference_name like %(like)s",
		"delete from `tabToDo` where reference_name like %(like)s",
		"delete from `tabNote` where title like %(perihal)s",
	):
		frappe.db.sql(
			sql,
			{
				"like": like,
				"perihal": f"{PERIHAL_PREFIX}%",
				"plp": f"{PREFIX}PLP-%",
				"users": f"%{USER_DOMAIN}",
			},
		)
	for email in frappe.get_all("User", filters={"name": ("like", f"%{USER_DOMAIN}")}, pluck="name"):
		frappe.delete_doc("User", email, ignore_permissions=True, force=True)
	frappe.db.commit()


def cleanup_portal(marker: str):
	"""The complaints filed over HTTP by this run (their perihal carries `marker`), with identities."""
	names = frappe.get_all("Pengaduan", filters={"perihal": ("like", f"%{marker}%")}, pluck="name")
	for name in names:
		frappe.db.sql("delete from `tabRiwayat Tahap` where parent=%s", name)
		frappe.db.sql("delete from `tabBukti Pengaduan` where parent=%s", name)
		frappe.db.sql("delete from `tabVersion` where docname=%s", name)
		frappe.db.sql("delete from `tabComment` where reference_name=%s", name)
		frappe.db.sql("delete from `tabToDo` where reference_name=%s", name)
		frappe.db.sql("delete from `tabNotification Log` where document_name=%s", name)
		ident = frappe.db.get_value("Pengaduan", name, "identitas_pelapor")
		frappe.db.sql("delete from `tabPengaduan` where name=%s", name)
		if ident:
			frappe.db.sql("delete from `tabIdentitas Pelapor` where name=%s", ident)
	frappe.db.commit()
	return len(names)


# --- timing -----------------------------------------------------------------------------------------


def timed(fn, repeat=3):
	"""(median seconds, last result)."""
	times, result = [], None
	for _ in range(repeat):
		frappe.db.commit()  # a fresh snapshot, like a new request
		start = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times), result


RATIOS: list[tuple[str, str]] = []


def ratio(label: str, mine: float, theirs: float, mine_name: str, theirs_name: str, goal: str, unit="s"):
	"""Print a pair and its ratio; keep it for the summary."""
	r = mine / theirs if theirs else float("inf")
	line = (
		f"{label}: {r:.2f}x  ({mine_name} {mine:.3f} {unit}, {theirs_name} {theirs:.3f} {unit}; goal {goal})"
	)
	print(line)
	RATIOS.append((label, line))


# --- reports and xlsx -------------------------------------------------------------------------------


def bench_reports(year: int):
	from frappe.query_builder.functions import Count, DateFormat
	from openpyxl import Workbook

	from kpu_dumas.core.xlsx import build_xlsx
	from kpu_dumas.kpu_dumas.report.kepatuhan_mutu_baku import kepatuhan_mutu_baku
	from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
	from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
	from kpu_dumas.reports import common, export

	filters = frappe._dict(from_date=f"{year}-01-01", to_date=f"{year}-12-31", rincian="Kanal")
	period = common.get_period(filters)
	p = frappe.qb.DocType("Pengaduan")
	rt = frappe.qb.DocType("Riwayat Tahap")
	ip = frappe.qb.DocType("Identitas Pelapor")
	in_period = (p.tanggal_diterima >= period.start_sys) & (p.tanggal_diterima < period.end_sys)
	count = frappe.qb.from_(p).select(Count("*")).where(in_period).run()[0][0]
	stage_count = frappe.db.count("Riwayat Tahap", {"parenttype": "Pengaduan"})
	print(f"\n== Reports: {period.label}, {count} complaints in the period, {stage_count} stage rows")

	month = DateFormat(p.tanggal_diterima, "%Y-%m")
	bare = frappe.qb.from_(p).select(month, p.kanal, Count("*")).where(in_period).groupby(month, p.kanal)
	t_bare, _ = timed(lambda: bare.run())
	t_rekap, after = timed(lambda: rekap_pengaduan.execute(filters))
	ratio("Rekap Pengaduan / bare GROUP BY", t_rekap, t_bare, "Rekap", "bare SQL", "<= 1.5")
	for rincian in ("Kategori", "Status"):
		f = frappe._dict(filters, rincian=rincian)
		t, _ = timed(lambda f=f: rekap_pengaduan.execute(f))
		print(f"   Rekap Pengaduan, rincian {rincian}: {t:.3f} s")
	# as it was: each complaint's timeliness read from its stage history (two EXISTS)
	kept = common.kept_timeliness
	common.kept_timeliness = common.timeliness_term
	try:
		t_before, before = timed(lambda: rekap_pengaduan.execute(filters), repeat=1)
		t_reg_before, reg_before = timed(lambda: register_pengaduan.execute(filters), repeat=1)
	finally:
		common.kept_timeliness = kept
	print(
		f"   before (timeliness from the stage history): Rekap {t_before:.3f} s, Register {t_reg_before:.3f} s"
	)
	print(f"   same Rekap figures from the kept timeliness as from the history: {before[1] == after[1]}")

	# Register: the same columns, join, period and order, fetched bare
	bare_register = (
		frappe.qb.from_(p)
		.left_join(ip)
		.on((ip.name == p.identitas_pelapor) & (p.anonim == 0) & (p.rahasia == 0))
		.select(
			p.name,
			p.tanggal_diterima,
			p.kanal,
			p.nomor_tiket_lapor,
			p.anonim,
			p.rahasia,
			ip.nama_lengkap,
			p.perihal,
			p.kategori,
			p.teradu,
			p.lokasi_kasus,
			p.workflow_state,
			p.nomor_surat_tanggapan,
			p.tanggal_tanggapan,
			p.ketepatan_waktu,
			p.digabung_ke,
			p.dialihkan_ke_permohonan,
			p.diteruskan_ke,
			p.berasal_dari_permohonan,
		)
		.where(in_period)
		.orderby(p.tanggal_diterima)
		.orderby(p.name)
	)
	t_bare_reg, _ = timed(lambda: bare_register.run())
	t_reg, reg = timed(lambda: register_pengaduan.execute(filters))
	ratio("Register Pengaduan / bare SQL", t_reg, t_bare_reg, "Register", "bare SQL", "<= 3")
	same = [r["ketepatan"] for r in reg[1]] == [r["ketepatan"] for r in reg_before[1]]
	print(f"   {len(reg[1])} rows; same timeliness per complaint as from the history: {same}")

	bare_mutu = (
		frappe.qb.from_(rt)
		.join(p)
		.on(p.name == rt.parent)
		.select(rt.tahap, rt.status, Count("*"))
		.where(rt.parenttype == "Pengaduan")
		.where(in_period)
		.groupby(rt.tahap, rt.status)
	)
	t_bare_mutu, _ = timed(lambda: bare_mutu.run())
	t_mutu, _ = timed(lambda: kepatuhan_mutu_baku.execute(filters))
	ratio("Kepatuhan Mutu Baku / bare SQL", t_mutu, t_bare_mutu, "Kepatuhan", "bare SQL", "<= 3")

	print("\n== Excel: the Register's rows")
	columns = [export._column(c) for c in reg[0]]
	rows = reg[1]
	totals = register_pengaduan.totals_row(rows)
	signatory = export.signatory() or None
	if signatory is None:
		from kpu_dumas.core.xlsx import Signatory

		signatory = Signatory(place="Marisa", date=date.today(), jabatan="Ketua", nama="Bench", nip="-")

	def formatted():
		return build_xlsx(
			columns,
			rows,
			title="REGISTER PENGADUAN",
			office="KPU",
			period=period.label,
			totals=totals,
			signatory=signatory,
		)

	def bare_openpyxl():
		wb = Workbook(write_only=True)
		ws = wb.create_sheet("Register")
		keys = [c.key for c in columns]
		for r in rows:
			ws.append([r[k] for k in keys])
		buffer = io.BytesIO()
		wb.save(buffer)
		return buffer.getvalue()

	t_raw, _ = timed(bare_openpyxl, repeat=3)
	t_xlsx, content = timed(formatted, repeat=3)
	speed, raw_speed = len(rows) / t_xlsx, len(rows) / t_raw
	ratio(
		"xlsx formatted / bare openpyxl (rows per second)",
		speed,
		raw_speed,
		"formatted",
		"bare",
		">= 0.8",
		unit="rows/s",
	)
	print(f"   formatted: {t_xlsx:.2f} s, {len(content) / 1e6:.1f} MB; bare: {t_raw:.2f} s")
	t_export, _ = timed(lambda: export.build_report_xlsx("Register Pengaduan", filters), repeat=1)
	print(f"   export_xlsx Register end to end: {t_export:.2f} s")


# --- the hourly sweep -------------------------------------------------------------------------------


def bench_sweep(newly: int = 200):
	from kpu_dumas import clock, tasks

	print("\n== Hourly sweep (kpu_dumas.tasks.sweep_overdue)")
	cases = frappe.db.count("Pengaduan")
	open_stages = frappe.db.count("Riwayat Tahap", {"parenttype": "Pengaduan", "keluar": ("is", "not set")})
	print(f"   {cases} complaints on the site, {open_stages} open stages")

	def run(label):
		now = clock.now()
		found = tasks.newly_late("Pengaduan", now)
		pauses = sum(1 for r in found if r.tahap in PAUSE)
		logs = frappe.db.count("Notification Log")
		frappe.db.commit()
		start = time.perf_counter()
		frappe.set_user("Administrator")
		tasks.sweep_overdue()
		frappe.db.commit()
		elapsed = time.perf_counter() - start
		made = frappe.db.count("Notification Log") - logs
		print(
			f"   {label}: {elapsed:.2f} s  ({len(found) - pauses} stages newly late, {pauses} incomplete "
			f"complaints withdrawn, {made} notifications)"
		)
		return elapsed

	first = run("first run")
	again = run("again, nothing new")
	# `newly` stages go late now: open office stages due a minute ago, not marked yet
	names = frappe.get_all(
		"Riwayat Tahap",
		filters={
			"parent": ("like", f"{PREFIX}%"),
			"keluar": ("is", "not set"),
			"status": "Terlambat",
			"tahap": ("not in", list(PAUSE)),
		},
		pluck="name",
		limit=newly,
	)
	rt = frappe.qb.DocType("Riwayat Tahap")
	if names:
		(
			frappe.qb.update(rt)
			.set(rt.status, "Berjalan")
			.set(rt.terlambat_diberitahukan, 0)
			.set(rt.batas_waktu, clock.now() - timedelta(minutes=1))
			.where(rt.name.isin(names))
			.run()
		)
	some = run(f"{len(names)} newly late")
	ratio("sweep, nothing new (100k cases)", again, 10.0, "sweep", "budget", "<= 10 s, i.e. <= 1.00x")
	print(
		f"   work grows with the newly late: 0 -> {again:.2f} s, {len(names)} -> {some:.2f} s; first run {first:.1f} s"
	)
	return first


# --- over HTTP --------------------------------------------------------------------------------------


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
	bench = os.path.abspath("..")
	log = open(f"/tmp/bench_kinerja_gunicorn_{port}.log", "w")
	proc = subprocess.Popen(
		[
			f"{bench}/env/bin/gunicorn",
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			str(workers),
			"-t",
			"120",
			"--preload",
			"frappe.app:application",
		],
		cwd=os.path.abspath("."),
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	return proc


def wait_until_up(session, url: str, host: str, seconds=60):
	deadline = time.time() + seconds
	while time.time() < deadline:
		try:
			if session.get(f"{url}/api/method/ping", headers={"Host": host}, timeout=5).ok:
				return
		except Exception:
			pass
		time.sleep(0.5)
	raise SystemExit(f"gunicorn at {url} did not answer within {seconds} s")


def load(fn, concurrency: int, count: int, seconds: float):
	"""Call fn(i) from `concurrency` threads until `count` calls were made or `seconds` passed.
	Returns (successful calls per second, latencies in seconds, errors)."""
	lock = threading.Lock()
	issued = [0]
	latencies: list[float] = []
	errors: list[str] = []
	deadline = time.perf_counter() + seconds

	def worker():
		while True:
			with lock:
				if issued[0] >= count or time.perf_counter() > deadline:
					return
				i = issued[0]
				issued[0] += 1
			start = time.perf_counter()
			try:
				problem = fn(i)
			except Exception as e:
				problem = repr(e)
			elapsed = time.perf_counter() - start
			with lock:
				latencies.append(elapsed)
				if problem:
					errors.append(problem)

	start = time.perf_counter()
	with ThreadPoolExecutor(concurrency) as pool:
		for _ in range(concurrency):
			pool.submit(worker)
	wall = time.perf_counter() - start
	return (len(latencies) - len(errors)) / wall, latencies, errors  # successful calls per second


def pct(values: list[float], q: float) -> float:
	if not values:
		return float("nan")
	values = sorted(values)
	return values[min(len(values) - 1, int(q * len(values)))]


def bench_http(args):
	import requests

	from kpu_dumas.tests import samples

	url = args.url or f"http://127.0.0.1:{args.port}"
	host = args.site
	proc = None
	if not args.url:
		proc = start_gunicorn(args.port, args.workers)
	settings = ("batas_pengajuan_tamu_per_menit", "batas_pengajuan_harian")
	kept = {f: frappe.db.get_single_value("Pengaturan Kantor", f) for f in settings}
	marker = f"BENCHHTTP{int(time.time())}"
	try:
		wait_until_up(requests.Session(), url, host)
		errors_before = frappe.db.count("Error Log")
		# The site-wide guest cap (60 a minute by default) would refuse a surge by design: off for the
		# benchmark, restored after. The per-client limit holds per address: each citizen has its own.
		for f in settings:
			frappe.db.set_single_value("Pengaturan Kantor", f, 0)
		frappe.db.commit()
		print(f"\n== HTTP: gunicorn {args.workers} workers at {url}, site {host}")
		local = threading.local()

		def session():
			if not hasattr(local, "s"):
				local.s = requests.Session()
				local.s.headers["Host"] = host
			return local.s

		def admin():
			if not hasattr(local, "admin"):
				s = requests.Session()
				s.headers["Host"] = host
				r = s.post(
					f"{url}/api/method/login", data={"usr": "Administrator", "pwd": args.admin_password}
				)
				r.raise_for_status()
				local.admin = s
			return local.admin

		def ping(i):
			r = session().get(f"{url}/api/method/ping", timeout=60)
			return None if r.ok else f"ping {r.status_code}"

		def note(i):
			r = admin().post(
				f"{url}/api/resource/Note",
				json={"title": f"{PERIHAL_PREFIX}{marker} catatan {i}", "content": "Catatan uji kinerja."},
				timeout=120,
			)
			return None if r.ok else f"note {r.status_code} {r.text[:200]}"

		pdf = samples.pdf("Bukti antrean uji kinerja")
		stamp = int(time.time()) % 10**6
		TAGS = {"warm": 11, "c4": 12, "c1": 13, "c50": 14}

		def nik(tag: int, i: int) -> str:
			"""A well-formed NIK (region, birth date DDMMYY, number), unique per (tag, i) in a run."""
			day, month, year = 1 + i % 28, 1 + (i // 28) % 12, (i // 336) % 100
			return f"75{tag:02d}{stamp % 100:02d}{day:02d}{month:02d}{year:02d}{stamp // 100 % 10**4:04d}"

		filed: list[str] = []
		filed_lock = threading.Lock()

		def submit(i, tag="c4"):
			data = {
				"perihal": f"{marker} {tag} antrean layanan {i}",
				"uraian": "Saya menunggu tiga jam untuk salinan berita acara tanpa kejelasan.",
				"teradu": "Loket layanan",
				"lokasi_kasus": "Kantor KPU Kabupaten",
				"persetujuan_pernyataan": "1",
				"nama_lengkap": f"Warga Uji {tag} {i}",
				"jenis_identitas": "KTP",
				"nomor_identitas": nik(TAGS[tag], i),
				"alamat": "Jl. Trans Sulawesi, Marisa",
				"telepon": f"08{TAGS[tag]:02d}{stamp % 10**3:03d}{i:06d}",
				"email": f"warga.{tag}.{i}.{marker.lower()}@contoh.id",
				"pekerjaan": "Nelayan",
			}
			files = {"bukti": ("bukti.pdf", pdf, "application/pdf")} if i % 2 == 0 else None
			headers = {"X-Forwarded-For": f"10.{(i >> 16) % 256}.{(i >> 8) % 256}.{i % 256}"}
			if tag != "c4":
				headers["X-Forwarded-For"] = f"10.200.{(i >> 8) % 256}.{i % 256}"
			r = session().post(
				f"{url}/api/method/kpu_dumas.api.portal.ajukan_pengaduan",
				data=data,
				files=files,
				headers=headers,
				timeout=300,
			)
			if not r.ok:
				return f"portal {r.status_code} {r.text[:300]}"
			with filed_lock:
				filed.append(r.json()["message"]["nomor"])
			return None

		bound = dict(count=args.requests, seconds=args.seconds)
		load(ping, 4, 40, 10)  # warm the workers
		load(note, 4, 8, 20)
		load(lambda i: submit(100000 + i, "warm"), 4, 8, 60)
		r_ping, lat, err = load(ping, 4, **bound)
		print(f"   ping, concurrency 4: {r_ping:.1f}/s, p50 {pct(lat, 0.5) * 1000:.0f} ms, {len(err)} errors")
		r_note, lat, err = load(note, 4, **bound)
		print(
			f"   Note insert (REST, Administrator), concurrency 4: {r_note:.1f}/s, p50 {pct(lat, 0.5) * 1000:.0f} ms, {len(err)} errors"
		)
		r_portal, lat, err = load(submit, 4, **bound)
		print(
			f"   portal submission, concurrency 4: {r_portal:.1f}/s, p50 {pct(lat, 0.5) * 1000:.0f} ms, {len(err)} errors {err[:2]}"
		)
		ratio(
			"portal / Note insert, concurrency 4 (per second)",
			r_portal,
			r_note,
			"portal",
			"Note",
			">= 0.5",
			unit="/s",
		)
		_r1, lat, err = load(lambda i: submit(i, "c1"), 1, min(args.requests, 40), args.seconds)
		print(f"   portal alone, concurrency 1: p50 {pct(lat, 0.5) * 1000:.0f} ms, {len(err)} errors")

		filed.clear()
		r_surge, lat, err = load(lambda i: submit(i, "c50"), 50, args.surge, args.surge_seconds)
		frappe.db.commit()
		stored = frappe.get_all("Pengaduan", filters={"perihal": ("like", f"{marker} c50 %")}, pluck="name")
		print(
			f"   surge, {args.surge} at concurrency 50: {len(lat)} sent, {r_surge:.1f}/s, {len(err)} errors "
			f"{err[:2]}, {len(filed)} answered, {len(stored)} stored, lost {len(filed) - len(set(filed) & set(stored))}, "
			f"duplicate numbers {len(filed) - len(set(filed))}, p50 {pct(lat, 0.5):.2f} s, p95 {pct(lat, 0.95):.2f} s"
		)
		print(
			f"   Error Log rows written during the HTTP loops: {frappe.db.count('Error Log') - errors_before}"
		)
	finally:
		for f, v in kept.items():
			frappe.db.set_single_value("Pengaturan Kantor", f, v)
		frappe.db.commit()
		if proc:
			proc.terminate()
			proc.wait(timeout=30)
		if not args.keep_http_records:
			print(f"   removed {cleanup_portal(marker)} complaints filed over HTTP")
			frappe.db.sql("delete from `tabNote` where title like %s", f"{PERIHAL_PREFIX}{marker}%")
			frappe.db.commit()


def machine() -> str:
	cpu = next(
		(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
		"?",
	)
	load_avg = os.getloadavg()
	version = frappe.db.sql("select version()")[0][0]
	return f"{os.cpu_count()} CPU ({cpu}), load {load_avg[0]:.1f}, MariaDB {version}, Frappe {frappe.__version__}"


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--n", type=int, default=0, help="complaints to seed (0: use what is there)")
	parser.add_argument("--year", type=int, default=date.today().year - 1)
	parser.add_argument("--seed", type=int, default=20250101)
	parser.add_argument("--cleanup", action="store_true", help="remove the seeded records and stop")
	parser.add_argument("--sections", default="reports,sweep,http", help="which parts to run")
	parser.add_argument("--port", type=int, default=8040)
	parser.add_argument("--workers", type=int, default=4)
	parser.add_argument("--url", help="use a running server instead of starting gunicorn")
	parser.add_argument("--admin-password", default="admin")
	parser.add_argument("--requests", type=int, default=300, help="at most this many calls per loop")
	parser.add_argument("--seconds", type=float, default=30, help="and at most this long per loop")
	parser.add_argument("--surge", type=int, default=1000)
	parser.add_argument("--surge-seconds", type=float, default=600)
	parser.add_argument("--keep-http-records", action="store_true")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	sections = set(args.sections.split(","))
	try:
		if args.cleanup:
			start = time.perf_counter()
			cleanup()
			print(f"removed seeded records in {time.perf_counter() - start:.1f} s")
			return
		print(machine())
		if args.n:
			start = time.perf_counter()
			counts = seed(args.n, args.year, random.Random(args.seed))
			elapsed = time.perf_counter() - start
			print(f"seeded {counts} in {elapsed:.1f} s ({args.n / elapsed:.0f} complaints/s)")
		if "reports" in sections:
			bench_reports(args.year)
		if "sweep" in sections:
			bench_sweep()
		if "http" in sections:
			bench_http(args)
		print("\n== Ratios")
		for _label, line in RATIOS:
			print("  ", line)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())

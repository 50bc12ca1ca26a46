"""Benchmark of the Pengaduan reports and the Excel export on a large, realistic data set (not a test).

	cd ~/frappe-bench/sites && ../env/bin/python /work/main/scripts/bench_rekap.py --site S --n 100000
	cd ~/frappe-bench/sites && ../env/bin/python /work/main/scripts/bench_rekap.py --site S --cleanup

Seeds N complaints spread over the twelve months of --year (default: last year) with bulk inserts:
Pengaduan, one Identitas Pelapor per named reporter, and the Riwayat Tahap rows of the path each
complaint took. Every seeded record is recognisable (names BENCH-..., perihal "[BENCH] ...") and
--cleanup removes exactly those. Then prints the time of each report's execute against a bare SQL
GROUP BY over the same rows, and the Excel export's rows per second against bare openpyxl write-only.
Use a scratch site: the figures are for docs/benchmarks.md, the data is not meant to stay.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta

import frappe

PREFIX = "BENCH-"
PERIHAL_PREFIX = "[BENCH] "
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
# Pohuwato set: minutes for timed stages; None = Menyesuaikan.
STANDARD = {"Diterima": 30, "Terdaftar": 10, "Perlu Dilengkapi": None}
LABEL = {"Diterima": "30 menit", "Terdaftar": "10 menit", "Perlu Dilengkapi": "30 hari"}


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


def seed(n: int, year: int, rng: random.Random) -> dict[str, int]:
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
				(ident, f"Pelapor Uji {i}", "KTP", f"75{i:014d}", received, received, "Administrator")
			)
		moment = received
		path = stage_path(rng, state)
		letter, letter_date = None, None
		for idx, tahap in enumerate(path, 1):
			is_last = idx == len(path)
			standard = STANDARD.get(tahap)
			due = moment + timedelta(minutes=standard) if standard else None
			if tahap == "Perlu Dilengkapi":
				due = moment + timedelta(days=30)
			if is_last:
				left, minutes = None, 0
				status = "Tanpa Batas" if not due else ("Terlambat" if due < now else "Berjalan")
			else:
				minutes = working_minutes(rng, tahap)
				left = moment + timedelta(minutes=minutes)
				status = "Tanpa Batas" if not due else ("Tepat Waktu" if left <= due else "Terlambat")
			stages.append(
				(
					f"{name}-{idx:02d}",
					name,
					"Pengaduan",
					"riwayat_tahap",
					idx,
					1 if state in FINAL else 0,
					tahap,
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
				1 if state in FINAL else 0,
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
	p = frappe.qb.DocType("Pengaduan")
	rt = frappe.qb.DocType("Riwayat Tahap")
	ip = frappe.qb.DocType("Identitas Pelapor")
	frappe.qb.from_(rt).delete().where(rt.parent.like(f"{PREFIX}%")).run()
	frappe.qb.from_(p).delete().where(p.name.like(f"{PREFIX}%") & p.perihal.like(f"{PERIHAL_PREFIX}%")).run()
	frappe.qb.from_(ip).delete().where(ip.name.like(f"{PREFIX}PLP-%")).run()
	frappe.db.commit()


def timed(fn, repeat=3):
	"""(median seconds, last result)."""
	times, result = [], None
	for _ in range(repeat):
		frappe.db.commit()  # a fresh snapshot, like a new request
		start = time.perf_counter()
		result = fn()
		times.append(time.perf_counter() - start)
	return statistics.median(times), result


def run_benchmarks(year: int):
	from openpyxl import Workbook

	from kpu_dumas.core.xlsx import build_xlsx
	from kpu_dumas.kpu_dumas.report.kepatuhan_mutu_baku import kepatuhan_mutu_baku
	from kpu_dumas.kpu_dumas.report.register_pengaduan import register_pengaduan
	from kpu_dumas.kpu_dumas.report.rekap_pengaduan import rekap_pengaduan
	from kpu_dumas.reports import common, export

	filters = frappe._dict(from_date=f"{year}-01-01", to_date=f"{year}-12-31", rincian="Kanal")
	period = common.get_period(filters)
	count = frappe.db.count(
		"Pengaduan", {"tanggal_diterima": ("between", [period.start_sys, period.end_sys])}
	)
	print(f"\nPeriod {period.label}: {count} complaints on the site in the period")

	p = frappe.qb.DocType("Pengaduan")
	from frappe.query_builder.functions import Count, DateFormat

	bare = (
		frappe.qb.from_(p)
		.select(DateFormat(p.tanggal_diterima, "%Y-%m").as_("bulan"), p.kanal, Count("*"))
		.where((p.tanggal_diterima >= period.start_sys) & (p.tanggal_diterima < period.end_sys))
		.groupby(DateFormat(p.tanggal_diterima, "%Y-%m"), p.kanal)
	)
	t_bare, _ = timed(lambda: bare.run())
	print(f"bare SQL GROUP BY month, kanal              {t_bare:8.3f} s")
	for rincian in ("Kanal", "Kategori", "Status"):
		f = frappe._dict(filters, rincian=rincian)
		t, _ = timed(lambda f=f: rekap_pengaduan.execute(f))
		print(f"Rekap Pengaduan execute (rincian {rincian:8s})  {t:8.3f} s")
	t, _ = timed(lambda: rekap_pengaduan.execute(frappe._dict(filters, kanal="Email")))
	print(f"Rekap Pengaduan execute (kanal = Email)      {t:8.3f} s")
	t_reg, reg = timed(lambda: register_pengaduan.execute(filters))
	print(f"Register Pengaduan execute ({len(reg[1])} rows)    {t_reg:8.3f} s")
	t, _ = timed(lambda: kepatuhan_mutu_baku.execute(filters))
	print(f"Kepatuhan Mutu Baku execute                  {t:8.3f} s")

	columns = [export._column(c) for c in reg[0]]
	rows = reg[1]
	t_xlsx, content = timed(
		lambda: build_xlsx(columns, rows, title="REGISTER", office="KPU", period=period.label), repeat=1
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

	t_raw, raw = timed(bare_openpyxl, repeat=1)
	print(
		f"xlsx Register, core builder: {len(rows) / t_xlsx:8.0f} rows/s ({t_xlsx:.1f} s, {len(content) / 1e6:.1f} MB)"
	)
	print(f"xlsx Register, bare openpyxl write-only: {len(rows) / t_raw:8.0f} rows/s ({t_raw:.1f} s)")
	t_export, _ = timed(lambda: export.build_report_xlsx("Register Pengaduan", filters), repeat=1)
	print(f"export_xlsx Register end to end          {t_export:8.3f} s")
	t_export, _ = timed(lambda: export.build_report_xlsx("Rekap Pengaduan", filters), repeat=1)
	print(f"export_xlsx Rekap end to end             {t_export:8.3f} s")


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--n", type=int, default=0, help="complaints to seed (0: use what is there)")
	parser.add_argument("--year", type=int, default=date.today().year - 1)
	parser.add_argument("--seed", type=int, default=20250101)
	parser.add_argument("--cleanup", action="store_true", help="remove the seeded records and stop")
	parser.add_argument("--no-bench", action="store_true", help="only seed")
	args = parser.parse_args()

	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		if args.cleanup:
			start = time.perf_counter()
			cleanup()
			print(f"removed seeded records in {time.perf_counter() - start:.1f} s")
			return
		if args.n:
			start = time.perf_counter()
			counts = seed(args.n, args.year, random.Random(args.seed))
			elapsed = time.perf_counter() - start
			print(f"seeded {counts} in {elapsed:.1f} s ({args.n / elapsed:.0f} complaints/s)")
		if not args.no_bench:
			run_benchmarks(args.year)
	finally:
		frappe.destroy()


if __name__ == "__main__":
	sys.exit(main())

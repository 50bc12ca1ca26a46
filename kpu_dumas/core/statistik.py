"""The office's public statistics (/statistik and its JSON), reshaped from the recaps the reports use.

Nothing is counted anew here: core.recap counts complaints for Rekap Pengaduan and stages for Kepatuhan
Mutu Baku, core.information_recap counts requests and objections for the Laporan Layanan Informasi
Publik. This module turns their results into one public document per year (with its twelve months),
and adds the medians, from day counts per case.

The document holds counts, shares, medians and the labels of channels, categories, workflow states,
decisions, Pasal 17 letters and objection outcomes; never a person, a subject line or a case number.
ALLOWED_KEYS lists every key it may hold; check_public() refuses any other, and any key that names
personal data (PII_TOKENS), before the document is cached or served.

Medians are in calendar days for complaints (UU 25/2009 counts in days) and in working days for
requests (UU 14/2008), on office dates, the day of receipt being day 0:
- tanggapan awal: from receipt to the first time the complaint left *Diterima* (registered, asked for
  missing items, refused, forwarded): the first response of UU 25/2009 Pasal 44 ayat 3;
- jawaban: from receipt to the date of the Surat Tanggapan (tanggal_tanggapan), for complaints that got
  one;
- pemberitahuan: working days from receipt to the written notice (as the Laporan Layanan Informasi
  Publik counts them).
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping

from kpu_dumas.core import complaint_rules as rules
from kpu_dumas.core import information_recap as ir
from kpu_dumas.core import recap

SCHEMA_VERSION = 1
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years an admin may choose

# Every key the public document may hold, anywhere in it.
ALLOWED_KEYS = frozenset(
	{
		# envelope
		"versi_skema",
		"kantor",
		"label",
		"kode_satker",
		"kode_kantor",
		"tahun",
		"bulan",
		"dihitung_pada",
		"periode",
		"mulai",
		"sampai",
		"per_bulan",
		"tahun_tersedia",
		"pengaduan",
		"informasi",
		# complaints
		"jumlah",
		"status",
		"baru",
		"dalam_proses",
		"selesai",
		"tidak_ditindaklanjuti",
		"dicabut",
		"dibatalkan",
		"diteruskan",
		"dialihkan",
		"digabungkan",
		"per_status",
		"kanal",
		"kategori",
		"ketepatan_waktu",
		"ketepatan_tahap",
		"tepat_waktu",
		"terlambat",
		"tanpa_batas",
		"persen_tepat_waktu",
		"tahap",
		"median_hari",
		"tanggapan_awal",
		"jawaban",
		"median",
		# information service
		"permohonan",
		"keputusan",
		"dikabulkan",
		"ditolak",
		"penolakan",
		"hari_kerja_pemberitahuan",
		"rata_rata",
		"perpanjangan",
		"keberatan",
		"hasil",
		"ke_komisi_informasi",
	}
)
# Parts of a key that would name personal or case data: none may appear in the document.
PII_TOKENS = frozenset(
	{
		"nama",
		"name",
		"nik",
		"identitas",
		"email",
		"telepon",
		"phone",
		"hp",
		"alamat",
		"address",
		"perihal",
		"subject",
		"uraian",
		"nomor",
		"number",
		"kode_lacak",
		"lacak",
		"pelapor",
		"pemohon",
		"pengadu",
		"teradu",
		"pekerjaan",
		"lokasi",
		"user",
		"owner",
		"pengguna",
		"kontak",
		"ktp",
	}
)

# The complaint states the status block names, and the states still in process.
STATUS_KEYS = (
	("baru", rules.DITERIMA),
	("selesai", rules.SELESAI),
	("tidak_ditindaklanjuti", rules.TIDAK_DITINDAKLANJUTI),
	("diteruskan", rules.DITERUSKAN),
	("dialihkan", rules.DIALIHKAN),
	("dicabut", rules.DICABUT),
	("dibatalkan", rules.DIBATALKAN),
)
COUNTED_STATES = tuple(s for s in recap.STATE_ORDER if s not in recap.NOT_COUNTED)


def parse_years(text: str | None) -> list[int]:
	"""'2025, 2026' -> [2025, 2026]; blank -> []. Raises ValueError naming what is not a year."""
	years = set()
	for part in re.split(r"[\s,;]+", (text or "").strip()):
		if not part:
			continue
		if not re.fullmatch(r"\d{4}", part) or not FIRST_YEAR <= int(part) <= LAST_YEAR:
			raise ValueError(
				f"Tahun Statistik berisi '{part}': tulis tahun empat angka dipisah koma, misalnya 2025, 2026."
			)
		years.add(int(part))
	return sorted(years)


# --- the document -----------------------------------------------------------------------------------


def check_public(document) -> None:
	"""Raise ValueError when the document holds a key outside ALLOWED_KEYS or one naming personal data,
	or a value that is not a number, a short text, a list or a mapping."""

	def walk(value, path):
		if isinstance(value, Mapping):
			for key, item in value.items():
				if not isinstance(key, str) or key not in ALLOWED_KEYS:
					raise ValueError(f"Kunci tidak diizinkan di statistik publik: {path}{key!r}")
				if pii_like(key):
					raise ValueError(f"Kunci menyerupai data pribadi di statistik publik: {path}{key!r}")
				walk(item, f"{path}{key}.")
		elif isinstance(value, list | tuple):
			for i, item in enumerate(value):
				walk(item, f"{path}{i}.")
		elif value is not None and not isinstance(value, bool | int | float | str):
			raise ValueError(f"Nilai tidak diizinkan di statistik publik: {path} ({type(value).__name__})")
		elif isinstance(value, str) and len(value) > 200:
			raise ValueError(f"Teks terlalu panjang untuk statistik publik: {path}")

	walk(document, "")


def pii_like(key: str) -> bool:
	"""The key, or one of its parts split on '_', names personal or case data."""
	key = key.lower()
	return key in PII_TOKENS or any(part in PII_TOKENS for part in key.split("_"))


def document(
	*,
	year: int,
	office: Mapping,
	computed_at: str,
	total: Mapping,
	months: Iterable[Mapping],
) -> dict:
	"""The year's public document: the office, the year's figures and one entry per month."""
	doc = {
		"versi_skema": SCHEMA_VERSION,
		"kantor": {
			"label": office.get("label") or "",
			"kode_satker": office.get("kode_satker") or "",
			"kode_kantor": office.get("kode_kantor") or "",
		},
		"tahun": int(year),
		"periode": {"mulai": f"{int(year):04d}-01-01", "sampai": f"{int(year):04d}-12-31"},
		"dihitung_pada": computed_at,
		**{key: total[key] for key in ("pengaduan", "informasi")},
		"per_bulan": [dict(m) for m in months],
	}
	check_public(doc)
	return doc


def year_figures(
	year: int,
	*,
	kanal: recap.MonthlyRecap,
	kategori: recap.MonthlyRecap,
	status: recap.MonthlyRecap,
	merged: Mapping[str, int],
	stages_year: Iterable[recap.StageCompliance],
	stages_by_month: Mapping[str, Iterable[recap.StageCompliance]],
	complaint_days: Iterable[Mapping],
	information: ir.InformationRecap,
	request_rows: Iterable[Mapping],
) -> tuple[dict, list[dict]]:
	"""(the year's figures, one entry per month) from the recaps of that year.

	The three complaint recaps are Rekap Pengaduan's by kanal, kategori and status over the same
	complaints; `merged` counts the merged complaints per month ('YYYY-MM'; Rekap counts them as their
	main case); the stages are Kepatuhan Mutu Baku's for the year and for each month; `complaint_days`
	has one row per counted complaint (`tanggal` of receipt, `tanggapan_awal` and `jawaban` dates or
	None); `information` is the Laporan Layanan Informasi Publik's recap and `request_rows` its rows.
	"""
	keys = [f"{int(year):04d}-{m:02d}" for m in range(1, 13)]
	kanal_m, kategori_m, status_m = (_by_month(r) for r in (kanal, kategori, status))
	info_m = {m.bulan: m for m in information.months}
	days = Counter()  # (month, kind, days) -> complaints
	for row in complaint_days:
		received = _date(row["tanggal"])
		key = recap.month_key(received)
		for kind in ("tanggapan_awal", "jawaban"):
			if row.get(kind):
				days[(key, kind, max(0, (_date(row[kind]) - received).days))] += 1
	notice_by_month, notice_year = notice_medians(request_rows)

	def medians(month_keys):
		result = {}
		for kind in ("tanggapan_awal", "jawaban"):
			pairs = [(d, n) for (k, c, d), n in days.items() if c == kind and k in month_keys]
			result[kind] = {"median": recap.weighted_median(pairs), "jumlah": sum(n for _, n in pairs)}
		return result

	months = []
	for key in keys:
		empty = recap.MonthRow(key)
		months.append(
			{
				"bulan": key,
				"label": recap.month_label(key),
				"pengaduan": complaint_block(
					states=status_m.get(key, empty).rincian,
					on_time=status_m.get(key, empty).tepat_waktu,
					late=status_m.get(key, empty).terlambat,
					channels=kanal_m.get(key, empty).rincian,
					channel_order=kanal.values,
					categories=kategori_m.get(key, empty).rincian,
					category_order=kategori.values,
					merged=merged.get(key, 0),
					stages=stages_by_month.get(key, ()),
					medians=medians({key}),
				),
				"informasi": information_block(
					info_m.get(key, ir.InformationMonth(key)), notice_by_month.get(key)
				),
			}
		)
	total = {
		"pengaduan": complaint_block(
			states=status.states,
			on_time=status.total.tepat_waktu,
			late=status.total.terlambat,
			channels=kanal.total.rincian,
			channel_order=kanal.values,
			categories=kategori.total.rincian,
			category_order=kategori.values,
			merged=sum(merged.get(k, 0) for k in keys),
			stages=stages_year,
			medians=medians(set(keys)),
		),
		"informasi": information_block(information.total, notice_year),
	}
	return total, months


def notice_medians(
	request_rows: Iterable[Mapping],
) -> tuple[dict[str, float | int | None], float | int | None]:
	"""({month: median}, the median over all) of the working days to the written notice, from the request
	rows of the Laporan Layanan Informasi Publik (`bulan` or `tanggal`, `hari_kerja` or None)."""
	notice = Counter()  # (month, working days) -> requests
	for row in request_rows:
		if row.get("hari_kerja") is not None:
			key = recap.month_key(row["bulan"] if row.get("bulan") else row["tanggal"])
			notice[(key, int(row["hari_kerja"]))] += 1
	months = {k for k, _days in notice}
	by_month = {m: recap.weighted_median((d, n) for (k, d), n in notice.items() if k == m) for m in months}
	return by_month, recap.weighted_median((d, n) for (_k, d), n in notice.items())


def _by_month(result: recap.MonthlyRecap) -> dict[str, recap.MonthRow]:
	return {m.bulan: m for m in result.months}


def _date(value) -> datetime.date:
	if isinstance(value, datetime.datetime):
		return value.date()
	if isinstance(value, datetime.date):
		return value
	return datetime.date.fromisoformat(str(value)[:10])


def _counts(counter: Mapping[str, int], order: Iterable[str]) -> list[dict]:
	"""[{label, jumlah}] in `order` (zeros kept, so every office has the same shape), then any others."""
	labels = list(dict.fromkeys(order))
	labels += sorted(k for k in counter if k not in labels and counter[k])
	return [{"label": label, "jumlah": int(counter.get(label, 0))} for label in labels]


def complaint_block(
	*,
	states: Mapping[str, int],
	on_time: int,
	late: int,
	channels: Mapping[str, int],
	channel_order: Iterable[str],
	categories: Mapping[str, int],
	category_order: Iterable[str],
	merged: int,
	stages: Iterable[recap.StageCompliance],
	medians: Mapping[str, Mapping],
) -> dict:
	"""The complaints of a month or a year: Rekap Pengaduan's counts and Kepatuhan Mutu Baku's stages.

	`jumlah` is Rekap's total (a merged complaint counts as its main case); `digabungkan` says how many
	were merged, beside it."""
	summary = recap.status_summary(states, on_time, late)
	stages = list(stages)
	total = recap.compliance_total(stages)
	return {
		"jumlah": summary["jumlah"],
		"status": {
			"dalam_proses": summary["dalam_proses"],
			**{key: int(states.get(state, 0)) for key, state in STATUS_KEYS},
			"digabungkan": int(merged),
		},
		"per_status": _counts(states, COUNTED_STATES),
		"kanal": _counts(channels, channel_order),
		"kategori": _counts(categories, category_order),
		"ketepatan_waktu": {
			"tepat_waktu": summary["tepat_waktu"],
			"terlambat": summary["terlambat"],
			"persen_tepat_waktu": summary["persen_tepat_waktu"],
		},
		"tahap": [
			{
				"label": s.tahap,
				"selesai": s.selesai,
				"tepat_waktu": s.tepat_waktu,
				"terlambat": s.terlambat,
				"tanpa_batas": s.tanpa_batas,
				"persen_tepat_waktu": s.persen_tepat_waktu,
			}
			for s in stages
		],
		# Stages, not complaints: a complaint passes several (Kepatuhan Mutu Baku's totals row).
		"ketepatan_tahap": {
			"selesai": total.selesai,
			"tepat_waktu": total.tepat_waktu,
			"terlambat": total.terlambat,
			"persen_tepat_waktu": total.persen_tepat_waktu,
		},
		"median_hari": {kind: dict(medians[kind]) for kind in ("tanggapan_awal", "jawaban")},
	}


def information_block(month: ir.InformationMonth, notice_median) -> dict:
	"""The requests and objections of a month or a year, as the Laporan Layanan Informasi Publik counts
	them, with the median working days to the written notice."""
	decisions = month.keputusan
	return {
		"permohonan": month.permohonan,
		"dalam_proses": month.dalam_proses,
		"dikabulkan": decisions.get(ir.rules.GRANTED_IN_FULL, 0) + decisions.get(ir.rules.GRANTED_IN_PART, 0),
		"ditolak": decisions.get(ir.rules.REFUSED, 0),
		"keputusan": _counts(decisions, ir.DECISIONS),
		"penolakan": _counts(month.pengecualian, ir.EXEMPTIONS),
		"hari_kerja_pemberitahuan": {
			"median": notice_median,
			"rata_rata": month.rata_hari_kerja,
			"jumlah": month.hari_kerja_jumlah,
		},
		"perpanjangan": month.perpanjangan,
		"terlambat": month.terlambat,
		"keberatan": {
			"jumlah": month.keberatan,
			"hasil": _counts(month.hasil_keberatan, ir.OBJECTION_OUTCOMES),
			"ke_komisi_informasi": month.ke_komisi_informasi,
		},
	}


# --- the page -----------------------------------------------------------------------------------------

PALETTE = (
	"#9b1c1c",
	"#1d4ed8",
	"#047857",
	"#b45309",
	"#6d28d9",
	"#0e7490",
	"#be185d",
	"#4b5563",
	"#4d7c0f",
	"#c2410c",
)
ON_TIME_COLOUR, LATE_COLOUR = "#047857", "#b91c1c"
SHY = "\u00ad"  # a soft hyphen: long column headings may break on a phone


def angka(value, decimals: int = 0) -> str:
	"""A number as Indonesian writes it: 1.234 and 85,7; '-' for none."""
	if value is None:
		return "-"
	text = f"{value:,.{decimals}f}"
	return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def persen(value) -> str:
	return "-" if value is None else f"{angka(value, 1)}%"


def hari(value) -> str:
	return "-" if value is None else angka(value, 0 if value == int(value) else 1)


def _share(part: int, whole: int) -> str:
	return persen(round(100.0 * part / whole, 1)) if whole else "-"


def _colours(items: list[dict]) -> list[str | None]:
	"""Each item's colour in its donut (the table's swatch), None for an item at zero (no slice)."""
	return [PALETTE[n % len(PALETTE)] if item["jumlah"] else None for n, item in enumerate(items)]


def _pie(items: list[dict]) -> dict | None:
	"""A donut of the non-zero items (Frappe Charts), without a legend: the table beside it is the legend,
	each row with its colour. None when all are zero."""
	colours = _colours(items)
	shown = [(item, colour) for item, colour in zip(items, colours, strict=True) if colour]
	if not shown:
		return None
	return {
		"type": "donut",
		"height": 220,
		"showLegend": 0,
		"data": {
			"labels": [item["label"] for item, _ in shown],
			"datasets": [{"values": [item["jumlah"] for item, _ in shown]}],
		},
		"colors": [colour for _, colour in shown],
	}


def _bars(labels: list[str], series: list[tuple[str, list, str]], stacked: bool = False) -> dict | None:
	if not any(v for _name, values, _colour in series for v in values):
		return None
	return {
		"type": "bar",
		"height": 240,
		"data": {
			"labels": labels,
			"datasets": [{"name": name, "values": values} for name, values, _ in series],
		},
		"colors": [colour for _name, _values, colour in series],
		"barOptions": {"stacked": 1 if stacked else 0},
		"axisOptions": {"xIsSeries": 1},
	}


def _month_name(month: Mapping) -> str:
	"""'Jan', 'Agu' for a month's entry, as the chart's axis writes it (the year is in the caption)."""
	return recap.month_label(month["bulan"], short=True).split(" ")[0]


def _count_table(items: list[dict], first: str, colours: bool = True) -> dict:
	whole = sum(i["jumlah"] for i in items)
	return {
		"warna": _colours(items) if colours else [],
		"kolom": [first, "Jumlah", f"Persen{SHY}tase"],
		"baris": [[i["label"], angka(i["jumlah"]), _share(i["jumlah"], whole)] for i in items],
		"total": ["Jumlah", angka(whole), "100%" if whole else "-"],
	}


INFORMATION_SECTIONS = ("keputusan", "penolakan", "informasi-bulanan", "informasi-waktu", "keberatan")


def _section(key, judul, keterangan, grafik, table) -> dict:
	group = "informasi" if key in INFORMATION_SECTIONS else "pengaduan"
	return {
		"id": key,
		"kelompok": group,
		"judul": judul,
		"keterangan": keterangan,
		"grafik": grafik,
		"warna": [],  # per row of the table: the colour of its slice in the donut
		"bergrafik": True,  # False: a table only, by design (no "nothing to draw" note)
		**table,
	}


def page_sections(figures: Mapping, months: Iterable[Mapping] | None = None) -> list[dict]:
	"""The sections /statistik shows for a year (with `months`, its twelve entries) or one month: each a
	title, a note, a chart (Frappe Charts options, None without data) and the table beside it."""
	p, i = figures["pengaduan"], figures["informasi"]
	months = list(months or [])
	st = p["status"]
	status_items = [
		{"label": "Selesai", "jumlah": st["selesai"]},
		{"label": "Dalam proses", "jumlah": st["dalam_proses"]},
		{"label": "Tidak ditindaklanjuti", "jumlah": st["tidak_ditindaklanjuti"]},
		{"label": "Diteruskan ke instansi berwenang", "jumlah": st["diteruskan"]},
		{"label": "Dialihkan ke permohonan informasi", "jumlah": st["dialihkan"]},
		{"label": "Dicabut", "jumlah": st["dicabut"]},
		{"label": "Dibatalkan (salah catat)", "jumlah": st["dibatalkan"]},
	]
	status_table = _count_table(status_items, "Status")
	status_table["baris"].append(
		["Digabungkan ke pengaduan lain (tidak termasuk jumlah)", angka(st["digabungkan"]), "-"]
	)
	sections = [
		_section(
			"kanal",
			"Pengaduan menurut kanal",
			"Saluran yang dipakai masyarakat untuk menyampaikan pengaduan.",
			_pie(p["kanal"]),
			_count_table(p["kanal"], "Kanal"),
		),
		_section(
			"kategori",
			"Pengaduan menurut kategori",
			"Pokok masalah yang diadukan.",
			_pie(p["kategori"]),
			_count_table(p["kategori"], "Kategori"),
		),
		_section(
			"status",
			"Penyelesaian pengaduan",
			"Keadaan pengaduan saat statistik dihitung. Pengaduan yang sama dengan pengaduan lain digabungkan "
			"dan dihitung sekali, sebagai pengaduan utamanya.",
			_pie(status_items),
			status_table,
		),
	]
	if months:
		labels = [recap.month_label(m["bulan"], short=True).split(" ")[0] for m in months]
		sections.append(
			_section(
				"pengaduan-bulanan",
				"Pengaduan per bulan",
				"Pengaduan dihitung pada bulan diterima.",
				_bars(
					labels,
					[
						("Diterima", [m["pengaduan"]["jumlah"] for m in months], PALETTE[1]),
						("Selesai", [m["pengaduan"]["status"]["selesai"] for m in months], PALETTE[2]),
					],
				),
				{
					"kolom": ["Bulan", "Diterima", "Selesai", "Dalam proses", "Tepat waktu"],
					"baris": [
						[
							_month_name(m),
							angka(m["pengaduan"]["jumlah"]),
							angka(m["pengaduan"]["status"]["selesai"]),
							angka(m["pengaduan"]["status"]["dalam_proses"]),
							persen(m["pengaduan"]["ketepatan_waktu"]["persen_tepat_waktu"]),
						]
						for m in months
					],
					"total": [
						"Jumlah",
						angka(p["jumlah"]),
						angka(st["selesai"]),
						angka(st["dalam_proses"]),
						persen(p["ketepatan_waktu"]["persen_tepat_waktu"]),
					],
				},
			)
		)
	stages = [s for s in p["tahap"] if s["tepat_waktu"] or s["terlambat"] or s["selesai"]]
	ts = p["ketepatan_tahap"]
	sections.append(
		_section(
			"tahap",
			"Ketepatan waktu per tahap",
			"Tahap penanganan yang selesai dalam batas waktu standar (mutu baku). Tahap tanpa batas waktu tidak "
			"dinilai.",
			_bars(
				[s["label"] for s in stages],
				[
					("Tepat waktu", [s["tepat_waktu"] for s in stages], ON_TIME_COLOUR),
					("Terlambat", [s["terlambat"] for s in stages], LATE_COLOUR),
				],
				stacked=True,
			),
			{
				"kolom": ["Tahap", "Tepat waktu", f"Ter{SHY}lambat", "% tepat waktu"],
				"baris": [
					[
						s["label"],
						angka(s["tepat_waktu"]),
						angka(s["terlambat"]),
						persen(s["persen_tepat_waktu"]),
					]
					for s in stages
				],
				"total": [
					"Semua tahap",
					angka(ts["tepat_waktu"]),
					angka(ts["terlambat"]),
					persen(ts["persen_tepat_waktu"]),
				],
			},
		)
	)
	md = p["median_hari"]
	sections.append(
		_section(
			"waktu",
			"Lama penanganan pengaduan",
			"Median hari kalender sejak pengaduan diterima: separuh pengaduan ditangani dalam waktu itu atau "
			"lebih cepat. Tanggapan awal: pengaduan pertama kali diperiksa kelengkapannya dan diregistrasi, "
			"dimintakan kelengkapan, atau dinyatakan tidak ditindaklanjuti. Jawaban: tanggal surat tanggapan.",
			_bars(
				["Tanggapan awal", "Jawaban"],
				[
					(
						"Median hari",
						[md["tanggapan_awal"]["median"] or 0, md["jawaban"]["median"] or 0],
						PALETTE[1],
					)
				],
			),
			{
				"kolom": ["Sampai", "Median (hari)", "Pengaduan dihitung"],
				"baris": [
					[
						"Tanggapan awal",
						hari(md["tanggapan_awal"]["median"]),
						angka(md["tanggapan_awal"]["jumlah"]),
					],
					[
						"Jawaban (surat tanggapan)",
						hari(md["jawaban"]["median"]),
						angka(md["jawaban"]["jumlah"]),
					],
				],
				"total": None,
			},
		)
	)
	refusals = i["penolakan"]
	decision_table = _count_table(i["keputusan"], "Keputusan")
	decision_table["baris"].append(["Masih diproses", angka(i["dalam_proses"]), "-"])
	decision_table["total"] = ["Jumlah permohonan", angka(i["permohonan"]), "-"]
	hk = i["hari_kerja_pemberitahuan"]
	sections += [
		_section(
			"keputusan",
			"Permohonan informasi menurut keputusan",
			"Keputusan PPID dalam pemberitahuan tertulis (UU 14/2008 Pasal 22); persentase dari permohonan yang "
			"sudah diputus.",
			_pie(i["keputusan"]),
			decision_table,
		),
		_section(
			"penolakan",
			"Alasan penolakan (UU 14/2008 Pasal 17)",
			"Permohonan yang ditolak menurut huruf pengecualian Pasal 17.",
			_bars(
				[r["label"].replace("Pasal 17 huruf ", "") for r in refusals],
				[("Ditolak", [r["jumlah"] for r in refusals], PALETTE[0])],
			),
			_count_table(refusals, "Pengecualian", colours=False),
		),
	]
	if months:
		labels = [recap.month_label(m["bulan"], short=True).split(" ")[0] for m in months]
		sections.append(
			_section(
				"informasi-bulanan",
				"Permohonan informasi per bulan",
				"Permohonan dihitung pada bulan diterima; hari kerja sampai pemberitahuan tertulis.",
				_bars(
					labels,
					[
						("Permohonan", [m["informasi"]["permohonan"] for m in months], PALETTE[1]),
						("Dikabulkan", [m["informasi"]["dikabulkan"] for m in months], PALETTE[2]),
						("Ditolak", [m["informasi"]["ditolak"] for m in months], PALETTE[0]),
					],
				),
				{
					"kolom": [
						"Bulan",
						f"Permo{SHY}honan",
						f"Dika{SHY}bulkan",
						"Ditolak",
						"Median hari kerja",
					],
					"baris": [
						[
							_month_name(m),
							angka(m["informasi"]["permohonan"]),
							angka(m["informasi"]["dikabulkan"]),
							angka(m["informasi"]["ditolak"]),
							hari(m["informasi"]["hari_kerja_pemberitahuan"]["median"]),
						]
						for m in months
					],
					"total": [
						"Jumlah",
						angka(i["permohonan"]),
						angka(i["dikabulkan"]),
						angka(i["ditolak"]),
						hari(hk["median"]),
					],
				},
			)
		)
	sections.append(
		_section(
			"informasi-waktu",
			"Waktu pelayanan informasi",
			"Hari kerja sejak permohonan diterima sampai pemberitahuan tertulis.",
			None,
			{
				"kolom": ["Ukuran", "Nilai"],
				"baris": [
					["Median hari kerja", hari(hk["median"])],
					["Rata-rata hari kerja", hari(hk["rata_rata"])],
					["Diperpanjang", angka(i["perpanjangan"])],
					["Melewati batas waktu", angka(i["terlambat"])],
				],
				"total": None,
				"bergrafik": False,
			},
		)
	)
	ob = i["keberatan"]
	objection_table = _count_table(ob["hasil"], "Hasil")
	objection_table["baris"].append(["Diajukan ke Komisi Informasi", angka(ob["ke_komisi_informasi"]), "-"])
	sections.append(
		_section(
			"keberatan",
			"Keberatan dan hasilnya",
			"Keberatan atas layanan informasi (UU 14/2008 Pasal 35) menurut tanggapan Atasan PPID, dan yang "
			"dilanjutkan pemohon ke Komisi Informasi.",
			_pie(ob["hasil"]),
			objection_table,
		)
	)
	return sections


def summary_cards(figures: Mapping) -> list[dict]:
	"""The headline figures above the sections."""
	p, i = figures["pengaduan"], figures["informasi"]
	return [
		{"label": "Pengaduan diterima", "nilai": angka(p["jumlah"])},
		{"label": "Pengaduan selesai", "nilai": angka(p["status"]["selesai"])},
		{"label": "Pengaduan tepat waktu", "nilai": persen(p["ketepatan_waktu"]["persen_tepat_waktu"])},
		{"label": "Permohonan informasi", "nilai": angka(i["permohonan"])},
		{
			"label": "Median hari kerja sampai pemberitahuan",
			"nilai": hari(i["hari_kerja_pemberitahuan"]["median"]),
		},
		{"label": "Keberatan", "nilai": angka(i["keberatan"]["jumlah"])},
	]

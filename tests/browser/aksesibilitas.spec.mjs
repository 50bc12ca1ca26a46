// Tier-3 accessibility checks of the public portal (Chromium headless, axe-core from npm):
// - every portal page at 360 px (phone, touch) and 1280 px (desktop) has no serious or critical axe
//   violation (WCAG 2.1 A/AA and best practice) in our own markup; what Frappe's navbar, footer, base
//   template and login page add is listed apart and does not fail the check;
// - a complaint is filed at /pengaduan with the keyboard alone: visible focus on every control, the
//   missing field's message tied to it (aria-describedby, aria-invalid), focus on the error summary and
//   from there on the field, then the confirmation with the registration number;
// - the workspace charts count what the number cards count.
// Run through run.sh (env BASE and SEED). Last line: "browser: N passed, N failed".
// Every page listed must exist; with KPU_A11Y_STRICT=0 one not yet present (Frappe's 404) is only noted.
import { createRequire } from "node:module";
import { BASE, SEED, SHOTS, assert, check, desktop, launch, phone, run } from "./lib.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const WIDTHS = [360, 1280];
const STRICT = process.env.KPU_A11Y_STRICT !== "0";
// Our markup is what our pages put into Frappe's page_content block; the rest is Frappe's.
const OURS = ".page_content";
const SERIOUS = new Set(["serious", "critical"]);
const results = [];

// Run axe on the page as it is now: every violating node, marked ours or not.
async function scan(page) {
	await page.addScriptTag({ path: AXE });
	return page.evaluate(
		async ({ tags, ours }) => {
			const r = await window.axe.run(document, {
				runOnly: { type: "tag", values: tags },
				resultTypes: ["violations"],
				elementRef: true,
			});
			return r.violations.flatMap((v) =>
				v.nodes.map((n) => ({
					rule: v.id,
					impact: n.impact || v.impact,
					ours: !!n.element?.closest?.(ours),
					target: n.target.join(" "),
					html: n.html.slice(0, 160),
					why: (n.failureSummary || "").split("\n").slice(1, 3).join(" ").trim(),
				}))
			);
		},
		{ tags: TAGS, ours: OURS }
	);
}

// Audit the page: print ours and Frappe's serious/critical nodes apart; fail on any of ours.
async function audit(page, label, width, frappeOnly = false) {
	const nodes = await scan(page);
	if (frappeOnly) for (const n of nodes) n.ours = false;
	const serious = nodes.filter((n) => SERIOUS.has(n.impact));
	const ours = serious.filter((n) => n.ours);
	const frappe = serious.filter((n) => !n.ours);
	const minor = nodes.filter((n) => n.ours && !SERIOUS.has(n.impact));
	const rules = (list) => [...new Set(list.map((n) => n.rule))].join(", ");
	console.log(
		`axe ${label} ${width}px: ours ${ours.length} serious/critical, frappe ${frappe.length}` +
			(frappe.length ? ` (${rules(frappe)})` : "") +
			(minor.length ? `; ours moderate/minor ${minor.length} (${rules(minor)})` : "")
	);
	for (const n of ours) console.log(`      ours: ${n.rule} [${n.impact}] ${n.target}: ${n.why} ${n.html}`);
	results.push({ page: label, width, ours, frappe, minor });
	assert(ours.length === 0, `${label} ${width}px: ${ours.length} serious/critical in our markup (${rules(ours)})`);
}

async function track(page, nomor, kode, shown) {
	await page.locator("#kd-nomor").fill(nomor);
	await page.locator("#kd-kode").fill(kode);
	await page.locator("#kd-lacak-btn").click();
	await page.locator(shown).waitFor({ state: "visible" });
}

const PAGES = [
	{ path: "/pengaduan", ready: "#kd-form" },
	{
		path: "/pengaduan",
		label: "/pengaduan (isian belum lengkap)",
		ready: "#kd-form",
		prepare: async (page) => {
			await page.locator("#kd-kirim").click();
			await page.locator("#kd-errors").waitFor({ state: "visible" });
		},
	},
	{ path: "/permohonan-informasi", ready: "#kd-form" },
	{
		path: "/permohonan-informasi",
		label: "/permohonan-informasi (badan hukum, belum lengkap)",
		ready: "#kd-form",
		prepare: async (page) => {
			await page.locator("#kd-jenis-pemohon").selectOption({ index: 1 });
			await page.locator("#kd-dokumen").waitFor({ state: "visible" });
			await page.locator("#kd-kirim").click();
			await page.locator("#kd-errors").waitFor({ state: "visible" });
		},
	},
	{ path: "/keberatan", ready: "#kd-form" },
	{
		path: "/keberatan",
		label: "/keberatan (belum lengkap)",
		ready: "#kd-form",
		prepare: async (page) => {
			await page.locator("#kd-kirim").click();
			await page.locator("#kd-alasan-galat").waitFor({ state: "visible" });
		},
	},
	{ path: "/lacak", ready: "#kd-lacak" },
	{
		path: "/lacak",
		label: "/lacak (kode salah)",
		ready: "#kd-lacak",
		prepare: (page) => track(page, SEED.aksesibilitas.pengaduan, "ZZZZ-ZZZZ-ZZZZ", "#kd-lacak-error"),
	},
	{
		path: "/lacak",
		label: "/lacak (pengaduan)",
		ready: "#kd-lacak",
		prepare: (page) => track(page, SEED.aksesibilitas.pengaduan, SEED.aksesibilitas.kode_lacak, "#kd-hasil"),
	},
	{
		path: "/lacak",
		label: "/lacak (permohonan diputuskan)",
		ready: "#kd-lacak",
		prepare: (page) => track(page, SEED.informasi.permohonan_diputuskan, SEED.informasi.kode_lacak, "#kd-info"),
	},
	{ path: "/statistik", optional: true },
	{ path: "/verifikasi-surat", optional: true },
	{ path: "/pengaduan-saya", label: "/pengaduan-saya (warga masuk)", user: "warga", ready: ".kd-portal" },
	// A guest is sent to Frappe's login page: all of it is Frappe's.
	{ path: "/pengaduan-saya", label: "/login (tamu dari /pengaduan-saya)", frappeOnly: true, ready: "form" },
];

async function login(context, usr) {
	const r = await context.request.post(`${BASE}/api/method/login`, { form: { usr, pwd: SEED.password } });
	assert(r.ok(), `login ${usr}: HTTP ${r.status()}`);
}

// The audit can fail: an unlabelled field planted in our page is found, and counted as ours.
async function auditCanFail(browser) {
	const { context, page } = await phone(browser, 360);
	await check("axe finds an unlabelled field planted in our markup and counts it as ours", async () => {
		await page.goto(`${BASE}/pengaduan`);
		await page.locator("#kd-form").waitFor({ state: "visible" });
		await page.evaluate(() => {
			const planted = document.createElement("input");
			planted.id = "kd-uji-tanpa-label";
			document.querySelector("#kd-form").prepend(planted);
		});
		const nodes = await scan(page);
		const hit = nodes.find((n) => n.target.includes("kd-uji-tanpa-label"));
		assert(hit, `axe did not flag the planted field: ${JSON.stringify(nodes.map((n) => n.rule))}`);
		assert(hit.ours && SERIOUS.has(hit.impact), `planted field: ${JSON.stringify(hit)}`);
		assert(!nodes.some((n) => n.ours && n.target.includes("footer")), "a footer node counted as ours");
	});
	await context.close();
}

async function auditPages(browser) {
	for (const width of WIDTHS) {
		const sessions = {};
		const session = async (user) => {
			if (!sessions[user || ""]) {
				const s = width < 768 ? await phone(browser, width) : await desktop(browser, width);
				if (user) await login(s.context, SEED.aksesibilitas[user]);
				sessions[user || ""] = s;
			}
			return sessions[user || ""].page;
		};
		for (const spec of PAGES) {
			const label = spec.label || spec.path;
			const page = await session(spec.user);
			const response = await page.goto(`${BASE}${spec.path}`);
			// Frappe's own "not found" page has nothing of ours; a page of ours may answer 404 with its
			// own message (e.g. /statistik switched off), and is audited like any other.
			const present = response.ok() || (await page.locator(".kd-portal").count()) > 0;
			if (spec.optional && !present && !STRICT) {
				console.log(`axe ${label} ${width}px: not yet present (HTTP ${response.status()}; KPU_A11Y_STRICT=0)`);
				continue;
			}
			await check(`axe ${label} at ${width} px: no serious or critical violation in our markup`, async () => {
				assert(present, `${label}: HTTP ${response.status()} (not yet present)`);
				if (!response.ok()) console.log(`      ${label} answers HTTP ${response.status()} with its own page`);
				if (spec.ready) await page.locator(spec.ready).first().waitFor({ state: "visible" });
				await page.waitForLoadState("networkidle");
				if (spec.prepare) await spec.prepare(page);
				const slug = label.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "").toLowerCase();
				await page.screenshot({ path: `${SHOTS}a11y-${slug}-${width}.png`, fullPage: true });
				await audit(page, label, width, spec.frappeOnly);
			});
		}
		for (const s of Object.values(sessions)) await s.context.close();
	}
}

// What the focused element is and whether its focus shows (an outline or a box shadow).
function focused(page) {
	return page.evaluate(() => {
		const el = document.activeElement;
		if (!el || el === document.body) return null;
		const cs = getComputedStyle(el);
		const outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0;
		const shadow = cs.boxShadow && cs.boxShadow !== "none";
		return {
			id: el.id,
			what: el.id || el.getAttribute("name") || `${el.tagName.toLowerCase()} "${(el.textContent || "").trim().slice(0, 30)}"`,
			ours: !!el.closest(".kd-portal"),
			visible: outline || !!shadow,
			style: `outline ${cs.outlineStyle} ${cs.outlineWidth}; box-shadow ${cs.boxShadow}`,
		};
	});
}

async function keyboardFiling(browser) {
	const { context, page } = await desktop(browser);
	const seen = [];
	// Tab (or Shift+Tab) until the element with this id has focus; every control of ours passed on the
	// way must show its focus.
	async function tabTo(id, key = "Tab") {
		for (let i = 0; i < 80; i++) {
			await page.keyboard.press(key);
			const f = await focused(page);
			if (f?.ours) seen.push(f);
			if (f?.id === id) return;
		}
		throw new Error(`#${id} never got focus with ${key}`);
	}
	const PERIHAL = "Petugas tidak memberi tanda terima permohonan salinan";
	let filed = null;

	await check("keyboard only: a complaint without its Perihal is refused, the message tied to the field", async () => {
		await page.goto(`${BASE}/pengaduan`);
		await page.locator("#kd-form").waitFor({ state: "visible" });
		await tabTo("kd-nama");
		await page.keyboard.type("Maryam Dunggio");
		await tabTo("kd-nik");
		await page.keyboard.type("7503014708920005");
		await tabTo("kd-alamat");
		await page.keyboard.type("Jl. Merdeka No. 5, Marisa");
		await tabTo("kd-uraian"); // passes Perihal, left empty
		await page.keyboard.type("Saya meminta salinan berita acara di meja layanan, tetapi tidak diberi tanda terima.");
		await tabTo("kd-setuju");
		await page.keyboard.press("Space");
		assert(await page.locator("#kd-setuju").isChecked(), "Space did not tick the statement");
		await tabTo("kd-kirim");
		await page.keyboard.press("Enter");
		await page.locator("#kd-errors").waitFor({ state: "visible" });
		const f = await focused(page);
		assert(f?.id === "kd-errors", `focus is on ${f?.what}, not on the error summary`);
		assert(f.visible, `the error summary's focus does not show (${f.style})`);
		const field = page.locator("#kd-perihal");
		assert((await field.getAttribute("aria-invalid")) === "true", "Perihal is not aria-invalid");
		const ids = ((await field.getAttribute("aria-describedby")) || "").split(/\s+/).filter(Boolean);
		const notes = await page.evaluate(
			(list) => list.map((id) => document.getElementById(id)).filter((el) => el && el.offsetParent).map((el) => el.innerText),
			ids
		);
		assert(
			notes.some((t) => t.includes("Isi Perihal")),
			`aria-describedby ${JSON.stringify(ids)} of Perihal reads ${JSON.stringify(notes)}, not its error`
		);
		for (const ok of ["kd-nama", "kd-nik", "kd-alamat", "kd-uraian", "kd-setuju"]) {
			assert((await page.locator(`#${ok}`).getAttribute("aria-invalid")) !== "true", `#${ok} is marked invalid`);
		}
		assert((await page.locator("#kd-errors").innerText()).includes("Isi Perihal"), "the summary does not name Perihal");
		await page.screenshot({ path: `${SHOTS}a11y-keyboard-galat.png` });
	});

	await check("keyboard only: from the summary to the field, then filed with a registration number", async () => {
		await page.keyboard.press("Tab");
		let f = await focused(page);
		assert(f && /Perihal/.test(f.what), `Tab from the summary goes to ${f?.what}, not to its link to Perihal`);
		seen.push(f);
		await page.keyboard.press("Enter");
		f = await focused(page);
		assert(f?.id === "kd-perihal", `the summary's link moved focus to ${f?.what}`);
		seen.push(f);
		await page.keyboard.type(PERIHAL);
		const field = page.locator("#kd-perihal");
		assert((await field.getAttribute("aria-invalid")) === "false", "Perihal still aria-invalid once filled");
		assert(await page.locator("#kd-perihal-galat").isHidden(), "Perihal's error still shown once filled");
		// Back to the box before (Shift+Tab), forward again, and send with Enter on the button.
		await tabTo("kd-alamat", "Shift+Tab");
		await tabTo("kd-kirim");
		await page.keyboard.press("Enter");
		await page.waitForFunction(() => ["kd-done", "kd-errors"].some((id) => !document.getElementById(id).hidden));
		const refused = await page.locator("#kd-errors").isVisible();
		assert(!refused, `refused: ${refused && (await page.locator("#kd-errors").innerText())}`);
		const nomor = (await page.locator("#kd-done-nomor").innerText()).trim();
		assert(/^DUMAS-\d{4}-\d{5}$/.test(nomor), `number ${JSON.stringify(nomor)}`);
		f = await focused(page);
		assert(f?.id === "kd-done-title", `after sending, focus is on ${f?.what}, not on the confirmation`);
		filed = nomor;
		const hidden = seen.filter((s) => !s.visible);
		assert(
			hidden.length === 0,
			`no visible focus on ${hidden.map((s) => `${s.what} (${s.style})`).join("; ")}`
		);
		const controls = new Set(seen.map((s) => s.what));
		console.log(`      ${controls.size} controls reached by keyboard, each with visible focus; filed ${nomor}`);
		await page.screenshot({ path: `${SHOTS}a11y-keyboard-terkirim.png` });
	});

	await check("axe /pengaduan (terkirim) at 1280 px: no serious or critical violation in our markup", async () => {
		assert(filed, "no complaint filed");
		await audit(page, "/pengaduan (terkirim)", 1280);
	});
	await context.close();
}

// The workspace's chart against its number cards. The chart drawn is what the widget fetched (Last Year,
// Monthly): its bars must be on screen and its total must be every case received in those months. For each
// card counted over the same DocType, the chart's own method with the card's filters over all time must
// give the card's number.
async function chartAgainstCards(page, { slug, chart, doctype, cards }) {
	const fetched = page.waitForResponse((r) => r.url().includes("dashboard_chart.dashboard_chart.get"));
	await page.goto(`${BASE}/app/${slug}`);
	const data = (await (await fetched).json()).message;
	const values = data.datasets[0].values;
	const total = values.reduce((a, b) => a + b, 0);
	const bars = values.filter((v) => v > 0).length;
	await page.waitForFunction(
		(n) =>
			[...document.querySelectorAll(".dashboard-widget-box .chart-container svg rect.bar")].filter(
				(r) => parseFloat(r.getAttribute("height")) > 0
			).length === n,
		bars
	);
	const shown = {};
	for (const card of cards) {
		const box = page.locator(".number-widget-box", { has: page.locator(".widget-title", { hasText: card }) });
		await box.locator(".number").filter({ hasText: /\d/ }).waitFor({ state: "visible" });
		shown[card] = Number((await box.locator(".number").innerText()).replace(/\D/g, ""));
	}
	const server = await page.evaluate(
		async ({ chart, doctype, cards, first }) => {
			const sum = (r) => r.datasets[0].values.reduce((a, b) => a + b, 0);
			const method = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get";
			const out = {
				window: await frappe.xcall("frappe.client.get_count", {
					doctype,
					filters: [["tanggal_diterima", ">=", first], ["docstatus", "<", 2]],
				}),
				cards: {},
			};
			for (const card of cards) {
				const { filters_json } = await frappe.xcall("frappe.client.get_value", {
					doctype: "Number Card",
					filters: { name: card },
					fieldname: "filters_json",
				});
				const all = await frappe.xcall(method, {
					chart_name: chart,
					filters: filters_json || "[]",
					timespan: "Select Date Range",
					from_date: "2000-01-01",
					to_date: "2100-01-01",
					time_interval: "Yearly",
					refresh: 1,
				});
				out.cards[card] = sum(all);
			}
			return out;
		},
		{ chart, doctype, cards, first: firstDay(data.labels[0]) }
	);
	const months = data.labels.map((l, i) => [l, values[i]]).filter(([, v]) => v);
	console.log(
		`      ${chart}: ${total} since ${data.labels[0]} (${months.map(([l, v]) => `${l}: ${v}`).join(", ")}); ` +
			cards.map((c) => `card ${c} ${shown[c]}, chart with its filter ${server.cards[c]}`).join("; ")
	);
	assert(total > 0, `${chart} draws no case at all`);
	assert(total === server.window, `${chart} counts ${total}, but ${server.window} ${doctype} were received since ${data.labels[0]}`);
	for (const card of cards) {
		assert(shown[card] === server.cards[card], `card ${card} shows ${shown[card]}, the chart counts ${server.cards[card]} of them`);
	}
	await page.screenshot({ path: `${SHOTS}a11y-workspace-${slug}.png` });
}

// "Dec 2025" (Frappe's monthly label) -> "2025-12-01".
function firstDay(label) {
	const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
	const [month, year] = label.split(" ");
	return `${year}-${String(months.indexOf(month) + 1).padStart(2, "0")}-01`;
}

async function workspaceCharts(browser) {
	const { context, page } = await desktop(browser, 1366);
	await check("workspace Pengaduan Masyarakat: the chart's bars are drawn and count what the cards count", async () => {
		await login(context, SEED.users.gabungan);
		await chartAgainstCards(page, {
			slug: "pengaduan-masyarakat",
			chart: "Pengaduan per Bulan",
			doctype: "Pengaduan",
			cards: ["Pengaduan Baru", "Pengaduan Dalam Proses"],
		});
	});
	await check("workspace Layanan Informasi Publik: the chart's bars are drawn and count what the card counts", async () => {
		await chartAgainstCards(page, {
			slug: "layanan-informasi-publik",
			chart: "Permohonan Informasi per Bulan",
			doctype: "Permohonan Informasi",
			cards: ["Permohonan Dalam Proses"],
		});
	});
	await context.close();
}

async function main() {
	assert(SEED.aksesibilitas && SEED.informasi && SEED.users?.gabungan, "SEED lacks the aksesibilitas, informasi or staff data");
	const browser = await launch();
	try {
		await auditCanFail(browser);
		await auditPages(browser);
		await keyboardFiling(browser);
		await workspaceCharts(browser);
	} finally {
		await browser.close();
		console.log("axe summary (serious/critical nodes; ours | frappe):");
		for (const r of results) {
			const ids = [...new Set(r.frappe.map((n) => n.rule))].join(", ");
			console.log(`      ${r.page.padEnd(38)} ${String(r.width).padStart(4)}px  ${r.ours.length} | ${r.frappe.length}${ids ? ` (${ids})` : ""}`);
		}
	}
}

run(main);

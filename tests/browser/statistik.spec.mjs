// Tier-3 browser checks of /statistik (issue 14): a guest on a 360 px phone and on a 1280 px screen sees
// the office's statistics with a drawn chart (an <svg> from Frappe Charts) and a data table in each
// section, picks a month, and nothing is wider than the screen; neither the page nor its JSON holds
// anything of the seeded rahasia complaint. Run through run.sh (env BASE and SEED from
// kpu_dumas.tests.browser_fixtures.seed, whose seed_statistik switches the page on).
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, noSideways, phone, run } from "./lib.mjs";

const S = SEED.statistik || {};
const REPORT = "Laporan Tahunan Layanan Informasi Publik";
const SECRETS = [SEED.pelapor_rahasia, SEED.nik_rahasia, SEED.pengaduan_rahasia, SEED.identitas_rahasia].filter(Boolean);

async function charts(page) {
	await page.waitForSelector(".kd-grafik svg", { timeout: TIMEOUT });
	await page.waitForTimeout(1200); // Frappe Charts draws its bars over a moment
	return page.evaluate(() => ({
		sections: document.querySelectorAll(".kd-bagian").length,
		tables: document.querySelectorAll(".kd-bagian table").length,
		captions: document.querySelectorAll(".kd-bagian table caption").length,
		grafik: document.querySelectorAll(".kd-grafik").length,
		svg: document.querySelectorAll(".kd-grafik svg").length,
		labelled: [...document.querySelectorAll(".kd-grafik")].every((g) => g.getAttribute("role") === "img" && g.getAttribute("aria-label")),
		lang: document.querySelector(".kd-portal").getAttribute("lang"),
		h1: document.querySelector("h1").innerText,
	}));
}

function noSecrets(text, where) {
	for (const secret of SECRETS) assert(!text.includes(secret), `${where} holds ${secret}`);
}

async function main() {
	const browser = await launch();
	try {
		const { context, page } = await phone(browser, 360);
		const errors = [];
		page.on("pageerror", (e) => errors.push(String(e.message).split("\n")[0]));
		await check("a guest on a 360 px phone sees charts, a table for each and no sideways scroll", async () => {
			const r = await page.goto(`${BASE}/statistik`);
			assert(r.status() === 200, `status ${r.status()}`);
			const seen = await charts(page);
			assert(seen.sections >= 8 && seen.tables === seen.sections && seen.captions === seen.tables, JSON.stringify(seen));
			assert(seen.svg >= 3 && seen.svg === seen.grafik && seen.labelled, JSON.stringify(seen));
			assert(seen.lang === "id" && seen.h1.includes("Statistik"), JSON.stringify(seen));
			const text = await page.locator(".kd-portal").innerText();
			assert(text.includes(`Tahun ${S.tahun}`) && text.includes("Pengaduan menurut kanal"), text.slice(0, 300));
			noSecrets(await page.content(), "/statistik");
			await noSideways(page, "/statistik on 360 px");
			const cramped = await page.evaluate(() =>
				[...document.querySelectorAll(".kd-tabel")].filter((t) => t.scrollWidth > t.clientWidth + 1).map((t) => t.id || t.getAttribute("aria-labelledby"))
			);
			assert(cramped.length === 0, `tables wider than their box: ${cramped.join(", ")}`);
			await page.screenshot({ path: `${SHOTS}statistik-ponsel.png` });
			await page.screenshot({ path: `${SHOTS}statistik-ponsel-penuh.png`, fullPage: true });
		});

		await check("the phone picks a month: its figures, still no sideways scroll", async () => {
			await page.selectOption("#kd-bulan", "2");
			await Promise.all([page.waitForURL(/bulan=2/), page.click(".kd-pilih button[type=submit]")]);
			const text = await page.locator(".kd-portal").innerText();
			assert(text.includes(`Februari ${S.tahun}`), text.slice(0, 300));
			assert(!text.includes("Pengaduan per bulan"), "a month has no monthly table");
			const seen = await page.evaluate(() => document.querySelectorAll(".kd-bagian table").length);
			assert(seen >= 8, `tables: ${seen}`);
			await noSideways(page, "/statistik?bulan=2 on 360 px");
			await page.screenshot({ path: `${SHOTS}statistik-ponsel-bulan.png`, fullPage: true });
		});

		await check("turning the phone redraws the charts, with no script error", async () => {
			await page.setViewportSize({ width: 740, height: 360 });
			await page.waitForTimeout(800);
			await page.setViewportSize({ width: 360, height: 740 });
			await page.waitForTimeout(800);
			const svg = await page.evaluate(() => document.querySelectorAll(".kd-grafik svg").length);
			assert(svg >= 3, `charts after turning: ${svg}`);
			await noSideways(page, "/statistik after turning");
			assert(errors.length === 0, `script errors: ${errors.join("; ")}`);
		});

		await check("the JSON endpoint answers a guest with the same year and nothing personal", async () => {
			const r = await page.request.get(`${BASE}/api/method/kpu_dumas.api.statistik.data?tahun=${S.tahun}`);
			assert(r.status() === 200, `status ${r.status()}`);
			const body = await r.text();
			const doc = JSON.parse(body).message;
			assert(doc.versi_skema === 1 && doc.tahun === S.tahun && doc.per_bulan.length === 12, body.slice(0, 200));
			assert(doc.pengaduan.jumlah >= S.jumlah_demo, `jumlah ${doc.pengaduan.jumlah}`);
			noSecrets(body, "the JSON");
		});
		await context.close();

		const wide = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "id-ID" });
		const desk = await wide.newPage();
		desk.setDefaultTimeout(TIMEOUT);
		await check("on a 1280 px screen each chart sits beside its table", async () => {
			await desk.goto(`${BASE}/statistik`);
			const seen = await charts(desk);
			assert(seen.svg >= 3, JSON.stringify(seen));
			const side = await desk.evaluate(() => {
				const section = document.querySelector(".kd-bagian .kd-grafik").closest(".kd-bagian");
				const chart = section.querySelector(".kd-grafik").getBoundingClientRect();
				const table = section.querySelector(".kd-tabel").getBoundingClientRect();
				return { chartRight: chart.right, tableLeft: table.left, top: Math.abs(chart.top - table.top) };
			});
			assert(side.chartRight <= side.tableLeft + 1 && side.top < 40, JSON.stringify(side));
			await noSideways(desk, "/statistik on 1280 px");
			await desk.screenshot({ path: `${SHOTS}statistik-layar-lebar.png`, fullPage: true });
		});
		await wide.close();

		await check("the PPID opens the Laporan Tahunan: twelve months and Jumlah, Unduh Excel, its print format", async () => {
			const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
			const page = await context.newPage();
			page.setDefaultTimeout(TIMEOUT);
			const I = SEED.informasi || {};
			const r = await context.request.post(`${BASE}/api/method/login`, { form: { usr: I.users.ppid, pwd: I.password } });
			assert(r.ok(), `login: HTTP ${r.status()}`);
			await page.goto(`${BASE}/app/query-report/${encodeURIComponent(REPORT)}?tahun=${S.tahun}`);
			await page.waitForFunction(
				() => window.frappe?.query_report?.data?.length === 13 && document.querySelector(".dt-scrollable .dt-row"),
				null,
				{ timeout: 60000 }
			);
			const rows = await page.evaluate(() => frappe.query_report.data.map((r) => r.bulan));
			assert(rows[0] === `Januari ${S.tahun}` && rows[12] === "Jumlah", JSON.stringify(rows));
			assert(await page.locator(".page-actions button, .custom-actions button", { hasText: "Unduh Excel" }).count(), "no Unduh Excel");
			await page.screenshot({ path: `${SHOTS}laporan-tahunan-desk.png` });
			// The print format as Frappe's Print renders it (frappe.render_grid opens it in a new window).
			const html = await page.evaluate(() => {
				const r = frappe.query_report;
				return frappe.render_template(r.report_settings.html_format, {
					data: r.get_data_for_print(),
					filters: r.get_filter_values(),
					columns: r.columns,
					report: r,
				});
			});
			for (const text of ["LAPORAN TAHUNAN LAYANAN INFORMASI PUBLIK", `Tahun ${S.tahun}`, "Sengketa informasi yang diajukan ke Komisi Informasi", "Desember"]) {
				assert(html.includes(text), `print lacks ${text}`);
			}
			const sheet = await context.newPage();
			await sheet.setContent(`<html lang="id"><body style="font-family:sans-serif;width:760px;margin:24px">${html}</body></html>`);
			await sheet.screenshot({ path: `${SHOTS}laporan-tahunan-cetak.png`, fullPage: true });
			await context.close();
		});
	} finally {
		await browser.close();
	}
}

run(main);

// Tier-3 browser checks of the Pengaduan Masyarakat workspace and the three reports (Chromium, headless).
// Run through run.sh (env BASE and SEED, see pengaduan.spec.mjs). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, chartDrawn, check, launch, run } from "./lib.mjs";
import { readFileSync } from "node:fs";

async function openReport(page, name, query = "from_date=2020-01-01") {
	await page.goto(`${BASE}/app/query-report/${encodeURIComponent(name)}?${query}`);
	// The datatable is drawn once execute has answered.
	await page.locator(".report-wrapper .dt-scrollable .dt-row").first().waitFor({ state: "visible", timeout: 60000 });
}

async function main() {
	assert(SEED.users && SEED.users.tim && SEED.pelapor_rahasia, "SEED env lacks the Tim user or the rahasia reporter");
	const browser = await launch();
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
		acceptDownloads: true,
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.on("pageerror", (e) => console.log(`      [page error] ${String(e.message).split("\n")[0]}`));
	try {
		await check("Tim logs in and sees the Pengaduan Masyarakat workspace with cards, chart and shortcuts", async () => {
			const r = await context.request.post(`${BASE}/api/method/login`, {
				form: { usr: SEED.users.tim, pwd: SEED.password },
			});
			assert(r.ok(), `login: HTTP ${r.status()}`);
			await page.goto(`${BASE}/app/pengaduan-masyarakat`);
			const cards = page.locator(".number-widget-box");
			await cards.nth(2).waitFor({ state: "visible" });
			// A card's title is drawn after its box (the Custom card after its method answers): wait for all three.
			await page.waitForFunction(
				() => [...document.querySelectorAll(".number-widget-box .widget-title")].filter((t) => t.innerText.trim()).length >= 3
			);
			// titles are upper-cased by CSS
			const titles = (await page.locator(".number-widget-box .widget-title").allInnerTexts()).map((t) =>
				t.trim().toLowerCase()
			);
			for (const t of ["pengaduan baru", "pengaduan dalam proses", "pengaduan terlambat"]) {
				assert(titles.includes(t), `number cards ${JSON.stringify(titles)} lack ${t}`);
			}
			// every card shows a number (the Custom card comes from kpu_dumas.reports.dashboard.count_overdue)
			await page.waitForFunction(
				() => [...document.querySelectorAll(".number-widget-box .number")].filter((n) => /\d/.test(n.innerText)).length === 3
			);
			await page.locator(".dashboard-widget-box .chart-container svg").first().waitFor({ state: "visible" });
			await chartDrawn(page); // the first frame has every bar at zero
			const text = await page.locator(".layout-main-section").innerText();
			for (const t of ["Daftar Pengaduan", "Register Pengaduan", "Rekap Pengaduan", "Kepatuhan Mutu Baku", "Pengaturan Kantor"]) {
				assert(text.includes(t), `workspace lacks ${t}`);
			}
			await page.screenshot({ path: `${SHOTS}laporan-workspace.png`, fullPage: true });
		});

		await check("Register Pengaduan masks the rahasia reporter and downloads as .xlsx", async () => {
			await openReport(page, "Register Pengaduan");
			const table = await page.locator(".report-wrapper").innerText();
			assert(table.includes("Dirahasiakan"), "no 'Dirahasiakan' in the register");
			const html = await page.content();
			assert(!html.includes(SEED.pelapor_rahasia), "the rahasia reporter's name is in the page");
			assert(!html.includes(SEED.nik_rahasia), "the rahasia reporter's NIK is in the page");
			await page.screenshot({ path: `${SHOTS}laporan-register.png` });
			const [download] = await Promise.all([
				page.waitForEvent("download"),
				page.locator(".page-actions button, .page-form button, .custom-actions button", { hasText: "Unduh Excel" }).first().click(),
			]);
			assert(/^register_pengaduan_.*\.xlsx$/.test(download.suggestedFilename()), `file ${download.suggestedFilename()}`);
			const bytes = readFileSync(await download.path());
			assert(bytes.length > 2000 && bytes.subarray(0, 2).toString() === "PK", `not an xlsx (${bytes.length} bytes)`);
		});

		await check("Rekap Pengaduan shows the summary cards and the chart by month", async () => {
			await openReport(page, "Rekap Pengaduan");
			const summary = await page.locator(".report-summary").innerText();
			for (const t of ["Jumlah Pengaduan", "Selesai", "Dalam Proses", "Tidak Ditindaklanjuti", "% Tepat Waktu"]) {
				assert(summary.includes(t), `summary lacks ${t}: ${JSON.stringify(summary)}`);
			}
			await page.locator(".chart-wrapper svg, .chart-container svg").first().waitFor({ state: "visible" });
			const table = await page.locator(".report-wrapper").innerText();
			assert(table.includes("Jumlah"), "no totals row");
			await page.screenshot({ path: `${SHOTS}laporan-rekap.png` });
		});

		await check("Kepatuhan Mutu Baku lists the stages against their standard", async () => {
			await openReport(page, "Kepatuhan Mutu Baku");
			const table = await page.locator(".report-wrapper").innerText();
			for (const t of ["Diterima", "30 menit", "Semua tahap"]) assert(table.includes(t), `table lacks ${t}`);
			await page.screenshot({ path: `${SHOTS}laporan-kepatuhan.png` });
		});
	} finally {
		await browser.close();
	}
}

run(main);

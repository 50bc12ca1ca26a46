// Tier-3: the Desk of a user who holds both kpu_dumas and ERPNext roles (on a bench with ERPNext), or
// our roles only (elsewhere). Our workspaces sit beside ERPNext's in the sidebar, and our number cards
// and charts load. Run through run.sh (env BASE and SEED). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, chartDrawn, check, launch, run } from "./lib.mjs";

const OURS = ["Pengaduan Masyarakat", "Layanan Informasi Publik", "Kendali Disposisi"];

async function sidebarNames(page) {
	await page.locator(".desk-sidebar .sidebar-item-container").first().waitFor({ state: "visible" });
	return page.locator(".desk-sidebar .sidebar-item-container").evaluateAll((items) =>
		items.map((i) => i.getAttribute("item-name"))
	);
}

// Every number card of the workspace shows a number and its chart draws.
async function widgetsLoad(page, slug, cards) {
	await page.goto(`${BASE}/app/${slug}`);
	await page.locator(".number-widget-box").nth(cards - 1).waitFor({ state: "visible" });
	await page.waitForFunction(
		(n) => [...document.querySelectorAll(".number-widget-box .number")].filter((e) => /\d/.test(e.innerText)).length >= n,
		cards
	);
	await page.locator(".dashboard-widget-box .chart-container svg").first().waitFor({ state: "visible" });
	await chartDrawn(page); // the first frame has every bar at zero
}

async function main() {
	assert(SEED.users && SEED.users.gabungan, "SEED env lacks the user with both kinds of roles");
	const browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	const errors = [];
	page.on("pageerror", (e) => {
		errors.push(String(e.message).split("\n")[0]);
		console.log(`      [page error] ${errors.at(-1)}`);
	});
	try {
		await check(
			SEED.erpnext
				? "Desk home: our three workspaces beside ERPNext's (Accounting, Selling, Stock) for one user"
				: "Desk home: our three workspaces in the sidebar (no ERPNext on this bench)",
			async () => {
				const r = await context.request.post(`${BASE}/api/method/login`, {
					form: { usr: SEED.users.gabungan, pwd: SEED.password },
				});
				assert(r.ok(), `login: HTTP ${r.status()}`);
				await page.goto(`${BASE}/app`);
				const names = await sidebarNames(page);
				for (const w of [...OURS, ...SEED.workspaces_erpnext]) {
					assert(names.includes(w), `sidebar ${JSON.stringify(names)} lacks ${w}`);
				}
				// The workspace's blocks (shortcuts, cards) are drawn after the sidebar.
				await page.locator(".layout-main-section .ce-block .widget").first().waitFor({ state: "visible" });
				await page.waitForLoadState("networkidle");
				await page.screenshot({ path: `${SHOTS}desk-beranda-${SEED.erpnext ? "erpnext" : "frappe"}.png` });
			}
		);

		await check("Pengaduan Masyarakat: its 3 number cards count and its chart draws", async () => {
			await widgetsLoad(page, "pengaduan-masyarakat", 3);
		});

		await check("Layanan Informasi Publik: its 3 number cards count and its chart draws", async () => {
			await widgetsLoad(page, "layanan-informasi-publik", 3);
			await page.screenshot({ path: `${SHOTS}desk-informasi-${SEED.erpnext ? "erpnext" : "frappe"}.png` });
		});

		if (SEED.erpnext) {
			await check("ERPNext's Accounting workspace still opens for the same user", async () => {
				await page.goto(`${BASE}/app/accounting`);
				await page.locator(".layout-main-section .ce-block .widget").first().waitFor({ state: "visible" });
				await page.waitForFunction(() =>
					/Akuntansi|Accounting/.test(document.querySelector(".page-head .title-text")?.innerText || "")
				);
			});
		}

		await check("no script error in the Desk on any of these pages", async () => {
			assert(errors.length === 0, `page errors: ${JSON.stringify(errors)}`);
		});
	} finally {
		await browser.close();
	}
}

run(main);

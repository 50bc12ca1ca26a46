// Tier-3 browser checks of a disposition in the Desk (Chromium, headless): the Kasubag opens the
// disposition the Ketua assigned to them from their to-do list, which marks it read, records the
// follow-up and closes their part, after which the disposition is Selesai.
// Run through run.sh (env BASE and SEED; SEED.disposisi comes from
// kpu_dumas.tests.browser_fixtures.seed_disposisi). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, run } from "./lib.mjs";

const D = SEED.disposisi || {};
const FORM = "#page-Disposisi";
const NOTE = "Salinan SK penetapan DPT sudah disiapkan dan konsep surat jawaban diserahkan ke Sekretaris.";

async function fetchJson(page, path) {
	return page.evaluate(async (url) => {
		const r = await fetch(url, { credentials: "include", headers: { Accept: "application/json" } });
		return { status: r.status, body: await r.json().catch(() => null) };
	}, path);
}

async function serverDoc(page) {
	const r = await fetchJson(page, `/api/resource/Disposisi/${encodeURIComponent(D.name)}`);
	assert(r.status === 200, `GET Disposisi: HTTP ${r.status}`);
	return r.body.data;
}

async function main() {
	assert(D.name && D.users && D.users.kasubag, "SEED env lacks disposisi (browser_fixtures.seed_disposisi)");
	const browser = await launch();
	try {
		await kasubagChecks(browser);
	} finally {
		await browser.close();
	}
}

async function kasubagChecks(browser) {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.on("pageerror", (e) => {
		if (e.message && e.message !== "undefined") console.log(`      [kasubag page error] ${e.message.split("\n")[0]}`);
	});
	let onForm = false;

	await check(`kasubag finds ${D.name} in their to-do list and opens it`, async () => {
		await page.goto(`${BASE}/login`);
		await page.fill("#login_email", D.users.kasubag);
		await page.fill("#login_password", D.password);
		await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
		await page.goto(`${BASE}/app/todo?status=Open&allocated_to=${encodeURIComponent(D.users.kasubag)}`);
		const row = page.locator(".list-row-container", { hasText: D.name });
		await row.first().waitFor({ state: "visible", timeout: 60000 });
		assert((await row.first().innerText()).includes(D.perihal), "the to-do does not name the subject");
		await page.screenshot({ path: `${SHOTS}disposisi-todo.png` });
		await row.first().locator("button", { hasText: /^\s*(Buka|Open)\s*$/ }).click();
		await page.waitForFunction(
			(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && cur_frm.doc.__last_sync_on,
			D.name,
			{ timeout: 60000 }
		);
		onForm = true;
	});

	await check("opening it marks the Kasubag's part Dibaca, on the form and on the server", async () => {
		assert(onForm, "form not open");
		const intro = page.locator(`${FORM} .form-message`, { hasText: "Anda penerima disposisi ini" });
		await intro.waitFor({ state: "visible" });
		assert((await intro.innerText()).includes("Dibaca"), `intro: ${await intro.innerText()}`);
		const pill = (await page.locator(`${FORM} .page-head .indicator-pill`).first().innerText()).trim();
		assert(pill === "Dikirim", `status pill shows ${JSON.stringify(pill)}`);
		const doc = await serverDoc(page);
		assert(doc.penerima[0].status === "Dibaca" && doc.penerima[0].dibaca_pada, `row: ${JSON.stringify(doc.penerima[0])}`);
	});

	await check("the Kasubag records the follow-up and closes their part", async () => {
		assert(onForm, "form not open");
		await page.locator(`${FORM} .page-actions button`, { hasText: "Catat Tindak Lanjut" }).click();
		const dialog = page.locator(".modal.show", { hasText: "Tindak Lanjut Disposisi" });
		await dialog.waitFor({ state: "visible" });
		await dialog.locator('textarea[data-fieldname="catatan"]').fill(NOTE);
		await dialog.locator('input[data-fieldname="selesai"]').check();
		await page.waitForTimeout(400); // let the dialog's fade-in finish before the screenshot
		await page.screenshot({ path: `${SHOTS}disposisi-tindak-lanjut.png` });
		await dialog.locator(".btn-primary", { hasText: "Simpan" }).click();
		await dialog.waitFor({ state: "hidden" });
		await page.waitForFunction(() => cur_frm.doc.workflow_state === "Selesai", null, { timeout: 30000 });
		const pill = page.locator(`${FORM} .page-head .indicator-pill`, { hasText: "Selesai" });
		await pill.first().waitFor({ state: "visible" });
		const intro = page.locator(`${FORM} .form-message`, { hasText: "Status bagian Anda: Selesai" });
		await intro.waitFor({ state: "visible" });
		// The toasts would cover the recipients' table in the screenshot.
		await page.evaluate(() => {
			window.scrollTo(0, 0);
			document.querySelectorAll(".desk-alert").forEach((e) => e.remove());
		});
		await page.waitForTimeout(300);
		await page.screenshot({ path: `${SHOTS}disposisi-selesai.png` });
	});

	await check("on the server: their row Selesai with the note, the disposition Selesai, their ToDo closed", async () => {
		assert(onForm, "form not open");
		const doc = await serverDoc(page);
		const row = doc.penerima[0];
		assert(row.status === "Selesai" && row.selesai_pada, `row: ${JSON.stringify(row)}`);
		assert(row.catatan_tindak_lanjut === NOTE, `note: ${JSON.stringify(row.catatan_tindak_lanjut)}`);
		assert(doc.workflow_state === "Selesai" && doc.docstatus === 1, `state ${doc.workflow_state}/${doc.docstatus}`);
		const filters = encodeURIComponent(JSON.stringify([["reference_name", "=", D.name]]));
		const todos = await fetchJson(page, `/api/resource/ToDo?fields=${encodeURIComponent('["status"]')}&filters=${filters}`);
		const statuses = (todos.body && todos.body.data || []).map((t) => t.status);
		assert(statuses.length === 1 && statuses[0] === "Closed", `ToDo statuses ${JSON.stringify(statuses)}`);
	});

	await context.close();
}

run(main);

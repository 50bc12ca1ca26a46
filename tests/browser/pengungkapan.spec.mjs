// Tier-3 browser checks of the reveal of a rahasia identity (kpu_dumas.pengungkapan): the Petugas opens the
// rahasia reporter's Identitas Pelapor and gets the "Buka identitas pelapor" dialog before any value; the
// reason is required; with one the form shows the values; the reveal is in the log, which the PyB reads
// and the Petugas does not; the Pengaduan form prints a letter with the identity after a reason.
// Run through run.sh (the seed closes every reveal first). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, run } from "./lib.mjs";

const MASK = "•••••• (rahasia)";
const REASON = "Verifikasi identitas untuk pemeriksaan lanjutan";
const PRINT_REASON = "Mencetak tanda terima untuk diserahkan kepada pelapor";
const DIALOG = ".modal.show";

async function session(browser, user) {
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	// Frappe rejects an xcall with `undefined` after a refused call: not worth a line.
	page.on("pageerror", (e) => {
		if (e.message && e.message !== "undefined") console.log(`      [page error] ${e.message.split("\n")[0]}`);
	});
	const r = await context.request.post(`${BASE}/api/method/login`, { form: { usr: user, pwd: SEED.password } });
	assert(r.ok(), `login ${user}: HTTP ${r.status()}`);
	return { context, page };
}

async function fetchJson(page, path) {
	return page.evaluate(async (url) => {
		const r = await fetch(url, { credentials: "include", headers: { Accept: "application/json" } });
		return { status: r.status, text: await r.text() };
	}, path);
}

async function formLoaded(page, doctype, name) {
	await page.waitForFunction(
		([dt, n]) => window.cur_frm && cur_frm.doctype === dt && cur_frm.doc.name === n && cur_frm.doc.__last_sync_on,
		[doctype, name],
		{ timeout: 60000 }
	);
}

// Frappe reuses one message dialog: wait until it has faded out, or the next message lands in it as it hides.
async function messageGone(page) {
	await page.waitForFunction(() =>
		[...document.querySelectorAll(".modal")].every((m) => !m.querySelector(".msgprint") || getComputedStyle(m).display === "none")
	);
}

function reasonDialog(page, title) {
	return page.locator(DIALOG).filter({ has: page.locator(".modal-title", { hasText: title }) });
}

async function main() {
	assert(SEED.identitas_rahasia && SEED.pengaduan_rahasia && SEED.pelapor_rahasia, "SEED lacks the rahasia case");
	const secrets = [SEED.pelapor_rahasia, SEED.nik_rahasia].filter(Boolean);
	const browser = await launch();
	try {
		const { page } = await session(browser, SEED.users.petugas);
		const dialog = reasonDialog(page, "Buka identitas pelapor");

		await check("a rahasia identity asks for a reason before it opens, and its values are not in the page", async () => {
			await page.goto(`${BASE}/app/identitas-pelapor/${encodeURIComponent(SEED.identitas_rahasia)}`);
			await formLoaded(page, "Identitas Pelapor", SEED.identitas_rahasia);
			await dialog.waitFor({ state: "visible" });
			await dialog.locator('[data-fieldname="alasan"] textarea').waitFor({ state: "visible" });
			const html = await page.content();
			const model = await page.evaluate(() => JSON.stringify(locals["Identitas Pelapor"] || {}));
			for (const secret of secrets) {
				assert(!html.includes(secret), `page HTML holds ${secret} before the reveal`);
				assert(!model.includes(secret), `the Desk's model holds ${secret} before the reveal`);
			}
			const name = await page.evaluate(() => cur_frm.doc.nama_lengkap);
			assert(name === MASK, `nama_lengkap reads ${JSON.stringify(name)}, not the mask`);
			await page.screenshot({ path: `${SHOTS}pengungkapan-alasan.png` });
		});

		await check("the reason is required: empty stays in the dialog, too short is refused", async () => {
			await dialog.locator(".btn-primary").click();
			// Frappe names the missing field in a message over the dialog; the dialog stays.
			const missing = page.locator(DIALOG).filter({ has: page.locator(".msgprint", { hasText: "Alasan" }) });
			await missing.waitFor({ state: "visible" });
			await page.screenshot({ path: `${SHOTS}pengungkapan-alasan-kosong.png` });
			await missing.locator(".btn-modal-close").first().click();
			await messageGone(page);
			assert(await dialog.isVisible(), "the dialog closed without a reason");
			await dialog.locator('[data-fieldname="alasan"] textarea').fill("perlu");
			// Too short is named under the field, in the dialog, and nothing is sent to the server.
			let asked = 0;
			const count = (r) => {
				if (r.url().includes("kpu_dumas.api.kerahasiaan.buka_identitas")) asked += 1;
			};
			page.on("request", count);
			await dialog.locator(".btn-primary").click();
			const error = dialog.locator(".kpu-alasan-error");
			await error.waitFor({ state: "visible" });
			const said = await error.innerText();
			assert(said.includes("terlalu singkat") && said.includes("10"), `short reason: ${JSON.stringify(said)}`);
			await page.screenshot({ path: `${SHOTS}pengungkapan-alasan-singkat.png` });
			page.off("request", count);
			assert(asked === 0, `a short reason was sent to the server ${asked} time(s)`);
			assert(await dialog.isVisible(), "the reason dialog closed after a refused reason");
			const name = await page.evaluate(() => cur_frm.doc.nama_lengkap);
			assert(name === MASK, "the identity opened without a valid reason");
		});

		await check("with a reason the form loads again with the reporter's values", async () => {
			await dialog.locator('[data-fieldname="alasan"] textarea').fill(REASON);
			await dialog.locator(".btn-primary").click();
			await dialog.waitFor({ state: "hidden" });
			await page.waitForFunction((n) => window.cur_frm && cur_frm.doc.nama_lengkap === n, SEED.pelapor_rahasia);
			const input = page.locator('.frappe-control[data-fieldname="nama_lengkap"] input');
			await page.waitForFunction(
				(n) => document.querySelector('.frappe-control[data-fieldname="nama_lengkap"] input')?.value === n,
				SEED.pelapor_rahasia
			);
			assert((await input.inputValue()) === SEED.pelapor_rahasia, "name not shown in the form");
			const intro = await page.locator(".form-message").first().innerText();
			assert(intro.includes("dibuka untuk Anda"), `intro reads ${JSON.stringify(intro)}`);
			await page.screenshot({ path: `${SHOTS}pengungkapan-dibuka.png` });
		});

		await check("the Petugas cannot read the reveal log", async () => {
			const r = await fetchJson(page, "/api/resource/Log%20Buka%20Identitas");
			assert(r.status === 403, `Log Buka Identitas list: HTTP ${r.status}`);
		});

		await check("the Pengaduan form prints a letter with the identity after a reason", async () => {
			await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(SEED.pengaduan_rahasia)}`);
			await formLoaded(page, "Pengaduan", SEED.pengaduan_rahasia);
			const group = page.locator('.inner-group-button[data-label="Identitas%20Rahasia"]');
			await group.locator("button").first().click();
			const items = await group.locator(".dropdown-item").allInnerTexts();
			assert(
				items.some((t) => t.includes("Buka Identitas Pelapor")) && items.some((t) => t.includes("Cetak Surat dengan Identitas")),
				`Identitas Rahasia offers ${JSON.stringify(items)}`
			);
			await group.locator('.dropdown-item[data-label="Cetak%20Surat%20dengan%20Identitas"]').click();
			const print = reasonDialog(page, "Cetak surat dengan identitas pelapor");
			await print.waitFor({ state: "visible" });
			await print.locator('[data-fieldname="alasan"] textarea').fill(PRINT_REASON);
			await page.screenshot({ path: `${SHOTS}pengungkapan-cetak.png` });
			const [letter] = await Promise.all([page.waitForEvent("popup"), print.locator(".btn-primary").click()]);
			await letter.waitForLoadState("load");
			const text = await letter.locator("body").innerText();
			assert(text.includes("TANDA TERIMA PENGADUAN"), "the print view is not the Tanda Terima");
			assert(text.includes(SEED.pelapor_rahasia), "the letter does not carry the reporter's name");
			await letter.screenshot({ path: `${SHOTS}pengungkapan-surat.png` });
			await letter.close();
		});

		const pyb = await session(browser, SEED.users.pyb);
		await pyb.page.goto(`${BASE}/app`);
		await check("the PyB reads both reveals in Log Buka Identitas Pelapor", async () => {
			const filters = encodeURIComponent(JSON.stringify([["pengaduan", "=", SEED.pengaduan_rahasia]]));
			const fields = encodeURIComponent(JSON.stringify(["pengguna", "pintu", "alasan"]));
			const r = await fetchJson(pyb.page, `/api/resource/Log%20Buka%20Identitas?filters=${filters}&fields=${fields}&limit_page_length=0`);
			assert(r.status === 200, `Log Buka Identitas for the PyB: HTTP ${r.status}`);
			const rows = JSON.parse(r.text).data;
			for (const [pintu, alasan] of [
				["form", REASON],
				["print", PRINT_REASON],
			]) {
				assert(
					rows.some((row) => row.pengguna === SEED.users.petugas && row.pintu === pintu && row.alasan === alasan),
					`no ${pintu} row with the reason: ${r.text.slice(0, 300)}`
				);
			}
			await pyb.page.goto(`${BASE}/app/query-report/Log%20Buka%20Identitas%20Pelapor?pengaduan=${encodeURIComponent(SEED.pengaduan_rahasia)}`);
			await pyb.page.locator(".dt-scrollable .dt-row").first().waitFor({ state: "visible", timeout: 60000 });
			await pyb.page.getByText(PRINT_REASON).first().waitFor({ state: "visible" });
			await pyb.page.screenshot({ path: `${SHOTS}pengungkapan-log.png` });
		});
	} finally {
		await browser.close();
	}
}

run(main);

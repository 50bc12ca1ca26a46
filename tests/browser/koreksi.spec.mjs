// Tier-3 browser checks of the correction door (issue 10): the Pejabat Yang Berwenang opens a
// registered complaint, corrects its Nomor Tanda Terima through Aksi Lain › Koreksi Data with a reason,
// and the form, the server and the audit row (Koreksi Data) show the corrected number. A forged value
// sent with a plain save is refused with the field named.
// Run through run.sh (env BASE and SEED from kpu_dumas.tests.browser_fixtures.seed).
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, run } from "./lib.mjs";

const NAME = SEED.pengaduan_rahasia;
const FORM = "#page-Pengaduan";
const NEW_NUMBER = `KOREKSI/${Date.now()}/2026`;
const REASON = "Nomor pada buku agenda surat keluar tertulis berbeda; disamakan dengan buku agenda.";

async function fetchJson(page, path, init = {}) {
	return page.evaluate(
		async ([url, init]) => {
			const headers = { Accept: "application/json", "X-Frappe-CSRF-Token": window.frappe && frappe.csrf_token, ...(init.headers || {}) };
			const r = await fetch(url, { credentials: "include", ...init, headers });
			return { status: r.status, body: await r.json().catch(() => null) };
		},
		[path, init]
	);
}

async function main() {
	assert(NAME && SEED.users && SEED.users.pyb, "SEED lacks pengaduan_rahasia or the pyb user");
	const browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	let onForm = false;
	try {
		await check(`the Pejabat opens ${NAME} and finds Aksi Lain › Koreksi Data`, async () => {
			await page.goto(`${BASE}/login`);
			await page.fill("#login_email", SEED.users.pyb);
			await page.fill("#login_password", SEED.password);
			await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
			await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(NAME)}`);
			await page.waitForFunction((n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n, NAME, { timeout: 60000 });
			await page.locator(`${FORM} .page-actions button`, { hasText: "Aksi Lain" }).click();
			await page.locator(`${FORM} .dropdown-menu.show .dropdown-item`, { hasText: "Koreksi Data" }).click();
			onForm = true;
		});

		await check("the dialog takes the field, the new number and the reason, and the form reloads with it", async () => {
			assert(onForm, "form not open");
			const dialog = page.locator(".modal.show", { hasText: "Koreksi Nomor atau Tanggal" });
			await dialog.waitFor({ state: "visible" });
			await dialog.locator('select[data-fieldname="kolom"]').selectOption("nomor_tanda_terima");
			await dialog.locator('input[data-fieldname="nilai_baru"]').fill(NEW_NUMBER);
			await dialog.locator('textarea[data-fieldname="alasan"]').fill(REASON);
			await page.waitForTimeout(400);
			await page.screenshot({ path: `${SHOTS}koreksi-data.png` });
			await dialog.locator(".btn-primary", { hasText: "Simpan Koreksi" }).click();
			await dialog.waitFor({ state: "hidden" });
			await page.waitForFunction((v) => cur_frm.doc.nomor_tanda_terima === v, NEW_NUMBER, { timeout: 30000 });
		});

		await check("on the server: the number corrected and a Koreksi Data row with who, old, new and why", async () => {
			const doc = await fetchJson(page, `/api/resource/Pengaduan/${encodeURIComponent(NAME)}`);
			assert(doc.body.data.nomor_tanda_terima === NEW_NUMBER, `stored ${doc.body.data.nomor_tanda_terima}`);
			const filters = encodeURIComponent(JSON.stringify([["dokumen", "=", NAME], ["nilai_baru", "=", NEW_NUMBER]]));
			const fields = encodeURIComponent(JSON.stringify(["dikoreksi_oleh", "alasan", "nilai_lama"]));
			const rows = await fetchJson(page, `/api/resource/Koreksi Data?filters=${filters}&fields=${fields}`);
			const row = (rows.body.data || [])[0];
			assert(row && row.dikoreksi_oleh === SEED.users.pyb && row.alasan === REASON && row.nilai_lama, `audit ${JSON.stringify(rows.body)}`);
		});

		await check("a forged number sent with a plain save is refused, naming the field", async () => {
			const r = await fetchJson(page, `/api/resource/Pengaduan/${encodeURIComponent(NAME)}`, {
				method: "PUT",
				headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ nomor_tanda_terima: "PALSU/9" }),
			});
			const text = JSON.stringify(r.body);
			assert(r.status === 403 && text.includes("Nomor Tanda Terima") && text.includes("tidak dapat diubah"), `HTTP ${r.status}: ${text.slice(0, 200)}`);
		});
	} finally {
		await context.close();
		await browser.close();
	}
}

run(main);

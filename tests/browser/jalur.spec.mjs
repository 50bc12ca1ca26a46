// Tier-3 browser checks of the paths that take a complaint elsewhere (issue 12). In the Desk the Petugas
// sees the letter flagged as a possible duplicate of the portal complaint, with its candidate in the
// Keterkaitan tab, and merges it (Aksi Lain › Gabungkan); then forwards a rahasia complaint to DKPP
// with the workflow action "Teruskan ke Instansi". On a phone, /lacak shows the merged complaint's
// main case and the forwarded complaint's body with its contact, and no personal data.
// Run through run.sh (env BASE and SEED from kpu_dumas.tests.browser_fixtures.seed).
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, noSideways, phone, run } from "./lib.mjs";

const J = SEED.jalur || {};
const FORM = "#page-Pengaduan";
const ACTIONS = `${FORM} .page-actions .actions-btn-group`;

async function openForm(page, name) {
	await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(name)}`);
	await page.waitForFunction((n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && !cur_frm.is_dirty(), name, {
		timeout: 60000,
	});
	await page.waitForTimeout(800); // custom buttons and the candidates arrive by xcall
}

async function desk(browser) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "id-ID" });
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	try {
		await check("the Petugas logs in and sees the letter flagged with its candidate in Keterkaitan", async () => {
			await page.goto(`${BASE}/login`);
			await page.fill("#login_email", SEED.users.petugas);
			await page.fill("#login_password", SEED.password);
			await Promise.all([page.waitForURL(/\/app/, { timeout: 60000 }), page.click(".btn-login")]);
			await openForm(page, J.duplikat);
			const headline = await page.locator(`${FORM} .form-dashboard .form-headline, ${FORM} .form-message`).allInnerTexts();
			assert(headline.join(" ").includes("Kemungkinan duplikat"), `headline: ${JSON.stringify(headline)}`);
			await page.locator(`${FORM} .form-tabs .nav-link`, { hasText: "Keterkaitan" }).click();
			const table = page.locator(`${FORM} .kpu-kandidat-duplikat`);
			await table.waitFor({ state: "visible" });
			const text = await table.innerText();
			assert(text.includes(J.utama) && text.includes("NIK sama") && text.includes("Website"), `candidates: ${text}`);
			await page.screenshot({ path: `${SHOTS}desk-kemungkinan-duplikat.png` });
		});

		await check("Aksi Lain › Gabungkan merges it into the main case; the main case lists it", async () => {
			await page.locator(`${FORM} .page-actions button`, { hasText: "Aksi Lain" }).click();
			await page.locator(`${FORM} .dropdown-menu.show .dropdown-item`, { hasText: "Gabungkan" }).click();
			const dialog = page.locator(".modal.show", { hasText: "Gabungkan ke Pengaduan Utama" });
			await dialog.waitFor({ state: "visible" });
			const main = await dialog.locator('input[data-fieldname="utama"]').inputValue();
			assert(main === J.utama, `dialog proposes ${main}`);
			await dialog.locator('textarea[data-fieldname="keterangan"]').fill("Surat pos berisi hal yang sama dengan kiriman laman.");
			await page.waitForTimeout(300);
			await page.screenshot({ path: `${SHOTS}desk-gabungkan.png` });
			await dialog.locator(".btn-primary", { hasText: "Gabungkan" }).click();
			await dialog.waitFor({ state: "hidden" });
			await page.waitForFunction(() => cur_frm.doc.workflow_state === "Digabungkan", null, { timeout: 30000 });
			await openForm(page, J.utama);
			await page.locator(`${FORM} .form-tabs .nav-link`, { hasText: "Keterkaitan" }).click();
			const grid = page.locator(`${FORM} .frappe-control[data-fieldname="pengaduan_tergabung"]`);
			await grid.waitFor({ state: "visible" });
			const rows = await grid.innerText();
			assert(rows.includes(J.duplikat) && rows.includes("Surat"), `merged rows: ${rows}`);
			await page.screenshot({ path: `${SHOTS}desk-pengaduan-utama.png` });
		});

		await check("the rahasia complaint goes to DKPP with the action Teruskan ke Instansi", async () => {
			await openForm(page, J.teruskan);
			await page.evaluate(() => cur_frm.set_value("diteruskan_ke", "DKPP"));
			await page.evaluate(() => cur_frm.save());
			await page.waitForFunction(() => !cur_frm.is_dirty() && cur_frm.doc.diteruskan_ke === "DKPP", null, { timeout: 30000 });
			await page.locator(`${ACTIONS} > button`).click();
			await page.locator(`${ACTIONS} .dropdown-menu.show .dropdown-item`, { hasText: "Teruskan ke Instansi" }).click();
			await page.waitForFunction(() => cur_frm.doc.workflow_state === "Diteruskan ke Instansi", null, { timeout: 30000 });
			assert(await page.evaluate(() => !!cur_frm.doc.nomor_surat_penerusan), "no Surat Penerusan number");
			await page.waitForFunction(() => !(cur_frm.doc.__onload && /Tahap Diterima/.test(cur_frm.doc.__onload.tahap?.text || "")), null, { timeout: 30000 });
			await page.locator(`${FORM} .form-tabs .nav-link`, { hasText: "Verifikasi" }).click();
			const section = page.locator(`${FORM} .section-head`, { hasText: "Diteruskan" });
			if (await section.evaluate((el) => el.classList.contains("collapsed"))) await section.click();
			const number = await page.locator(`${FORM} .frappe-control[data-fieldname="nomor_surat_penerusan"]`).innerText();
			assert(number.includes(await page.evaluate(() => cur_frm.doc.nomor_surat_penerusan)), `form shows ${number}`);
			await page.waitForTimeout(400);
			await page.screenshot({ path: `${SHOTS}desk-teruskan-ke-instansi.png` });
		});
	} finally {
		await context.close();
	}
}

async function lacak(browser) {
	const { context, page } = await phone(browser, 360);
	const follow = async (nomor, kode) => {
		await page.goto(`${BASE}/lacak`);
		await page.fill("#kd-nomor", nomor);
		await page.fill("#kd-kode", kode);
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-h-jalur").waitFor({ state: "visible" });
		const body = await page.locator("#kd-hasil").innerText();
		assert(!body.includes(J.pelapor) && !body.includes(J.nik), "personal data on /lacak");
		await noSideways(page, `/lacak ${nomor}`);
		return body;
	};
	try {
		await check("/lacak on a phone: the merged complaint shows its main case and that case's progress", async () => {
			const body = await follow(J.duplikat, J.kode_duplikat);
			assert(body.includes("Digabungkan") && body.includes(`Ditangani bersama pengaduan ${J.utama}`), body.slice(0, 400));
			assert(body.includes("Riwayat penanganan pengaduan utama"), "no timeline of the main case");
			await page.screenshot({ path: `${SHOTS}lacak-digabungkan.png`, fullPage: true });
		});
		await check("/lacak on a phone: the forwarded complaint names DKPP and its contact", async () => {
			const body = await follow(J.teruskan, J.kode_teruskan);
			assert(body.includes("Diteruskan ke Instansi Berwenang") && body.includes("Dewan Kehormatan Penyelenggara Pemilu"), body.slice(0, 400));
			assert(body.includes("Jl. Abdul Muis"), "no address of the body");
			await page.screenshot({ path: `${SHOTS}lacak-diteruskan.png`, fullPage: true });
		});
	} finally {
		await context.close();
	}
}

async function main() {
	assert(J.duplikat && J.utama && J.teruskan && SEED.users && SEED.users.petugas, "SEED lacks jalur");
	const browser = await launch();
	try {
		await desk(browser);
		await lacak(browser);
	} finally {
		await browser.close();
	}
}

run(main);

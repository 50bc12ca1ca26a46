// Tier-3 browser checks of information requests (UU 14/2008): a guest on a phone (390x844, touch) files a
// request at /permohonan-informasi, reads the number and tracking code, follows it at /lacak and files an
// objection at /keberatan; the PPID opens a decided request in the Desk. Run through run.sh (env BASE and
// SEED). Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, noSideways, phone, run } from "./lib.mjs";

const REQUESTER = {
	nama: "Ratna Dewi Hulopi",
	nik: "7503014704960007",
	alamat: "Jl. Jend. Sudirman No. 8, Kelurahan Palopo, Marisa",
	telepon: "082345670011",
	email: "ratna.hulopi@contoh.id",
};
const INFORMASI = "Salinan berita acara rekapitulasi hasil penghitungan suara Pemilu 2024 tingkat Kecamatan Marisa.";
const FORM = '[id="page-Permohonan Informasi"]';

async function assertNoPersonalData(page, where) {
	const html = await page.content();
	for (const secret of Object.values(REQUESTER)) {
		assert(!html.includes(secret), `${where} shows ${secret}`);
	}
}

async function main() {
	assert(SEED.informasi?.permohonan_diputuskan && SEED.informasi.kode_lacak, "SEED lacks the decided request");
	const browser = await launch();
	try {
		await guestJourney(browser);
		await ppidChecks(browser);
	} finally {
		await browser.close();
	}
}

async function guestJourney(browser) {
	const { context, page } = await phone(browser);
	let filed = null;

	await check("guest fills /permohonan-informasi on a phone: every field labelled, deed only for a legal entity", async () => {
		await page.goto(`${BASE}/permohonan-informasi`);
		await page.locator("#kd-form").waitFor({ state: "visible" });
		const unlabelled = await page.evaluate(() =>
			Array.from(document.querySelectorAll("#kd-form input:not([type=hidden]), #kd-form select, #kd-form textarea"))
				.filter((el) => !el.labels || el.labels.length === 0)
				.map((el) => el.name)
		);
		assert(unlabelled.length === 0, `fields without a label: ${unlabelled.join(", ")}`);
		assert(await page.locator("#kd-akta").isHidden(), "deed upload shown for a person");
		await page.selectOption("#kd-jenis-pemohon", "Badan Hukum");
		assert(await page.locator("#kd-akta").isVisible(), "deed upload not shown for a legal entity");
		assert((await page.locator("#kd-nama-label").innerText()).includes("badan hukum"), "name label not adapted");
		await page.selectOption("#kd-jenis-pemohon", "Perorangan");
		assert(await page.locator("#kd-akta").isHidden(), "deed upload still shown for a person");

		await page.fill("#kd-nama", REQUESTER.nama);
		await page.fill("#kd-nik", REQUESTER.nik);
		await page.fill("#kd-alamat", REQUESTER.alamat);
		await page.fill("#kd-pekerjaan", "Wartawan");
		await page.fill("#kd-telepon", REQUESTER.telepon);
		await page.fill("#kd-email", REQUESTER.email);
		await page.fill("#kd-informasi", INFORMASI);
		await page.fill("#kd-tujuan", "Bahan liputan tentang hasil pemilu di Kabupaten Pohuwato.");
		await page.check("#kd-pemilu");
		await page.check('input[name=cara_memperoleh][value="Mendapatkan Salinan (Softcopy)"]');
		assert(await page.locator("#kd-salinan").isVisible(), "no choice of how to receive the copy");
		await page.selectOption("#kd-cara-salinan", "Email");
		await page.locator("#kd-cara-salinan").blur();
		await noSideways(page, "/permohonan-informasi");
		await page.screenshot({ path: `${SHOTS}informasi-permohonan-form.png`, fullPage: true });
	});

	await check("submitting shows the PPID number and the tracking code", async () => {
		await page.click("#kd-kirim");
		await page.locator("#kd-done").waitFor({ state: "visible" });
		const nomor = (await page.locator("#kd-done-nomor").innerText()).trim();
		const kode = (await page.locator("#kd-done-kode").innerText()).trim();
		assert(/^PPID-\d{4}-\d{5}$/.test(nomor), `number ${JSON.stringify(nomor)}`);
		assert(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(kode), `code ${JSON.stringify(kode)}`);
		const text = await page.locator("#kd-done").innerText();
		assert(text.includes("Simpan nomor dan kode lacak ini"), "no note to keep the code");
		assert(text.includes("Pemberitahuan tertulis atas permohonan ini paling lambat"), "no deadline shown");
		filed = { nomor, kode };
		await noSideways(page, "confirmation");
		await page.screenshot({ path: `${SHOTS}informasi-permohonan-terkirim.png` });
	});

	await check("/lacak with the PPID number and code shows status, deadline and timeline, and no personal data", async () => {
		assert(filed, "no request filed");
		await page.click("#kd-ke-lacak");
		await page.waitForURL(/\/lacak\?nomor=/);
		assert((await page.inputValue("#kd-nomor")) === filed.nomor, "number not prefilled from the link");
		await page.fill("#kd-kode", "ZZZZ-ZZZZ-ZZZZ");
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-lacak-error").waitFor({ state: "visible" });
		assert((await page.locator("#kd-lacak-error").innerText()).includes("tidak cocok"), "wrong code not refused");
		assert(await page.locator("#kd-info").isHidden(), "something of the request shown for a wrong code");

		await page.fill("#kd-kode", filed.kode.toLowerCase());
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-info").waitFor({ state: "visible" });
		assert(await page.locator("#kd-lacak-error").isHidden(), "error still shown");
		assert((await page.locator("#kd-i-status").innerText()).trim() === "Diajukan", "status is not Diajukan");
		assert((await page.locator("#kd-i-ringkasan").innerText()).includes("berita acara rekapitulasi"), "request not summarised");
		const due = await page.locator("#kd-i-batas").innerText();
		assert(/Pemberitahuan tertulis paling lambat .* WI(B|TA|T)/.test(due), `deadline ${JSON.stringify(due)}`);
		const steps = await page.locator("#kd-i-riwayat li").allInnerTexts();
		assert(steps.length === 1 && steps[0].startsWith("Diajukan"), `timeline ${JSON.stringify(steps)}`);
		await assertNoPersonalData(page, "/lacak");
		await noSideways(page, "/lacak");
		await page.screenshot({ path: `${SHOTS}informasi-lacak.png`, fullPage: true });
	});

	await check("/keberatan with the request's number and code files an objection with its own number and code", async () => {
		assert(filed, "no request filed");
		await page.goto(`${BASE}/keberatan?nomor=${encodeURIComponent(filed.nomor)}`);
		assert((await page.inputValue("#kd-nomor")) === filed.nomor, "number not prefilled");
		const grounds = await page.locator("input[name=alasan]").count();
		assert(grounds === 7, `${grounds} grounds offered instead of Pasal 35(1) a-g`);
		await page.fill("#kd-kode", filed.kode);
		await page.check('input[name=alasan][value^="d. "]');
		await page.fill("#kd-tanggal", await page.locator("#kd-tanggal").getAttribute("max"));
		await page.fill("#kd-kasus", "Saya meminta salinan berita acara tingkat kecamatan, tetapi yang dijanjikan tingkat kabupaten.");
		await noSideways(page, "/keberatan");
		await page.screenshot({ path: `${SHOTS}informasi-keberatan-form.png`, fullPage: true });
		await page.click("#kd-kirim");
		await page.locator("#kd-done").waitFor({ state: "visible" });
		const nomor = (await page.locator("#kd-done-nomor").innerText()).trim();
		const kode = (await page.locator("#kd-done-kode").innerText()).trim();
		assert(/^KEB-\d{4}-\d{5}$/.test(nomor), `number ${JSON.stringify(nomor)}`);
		assert(kode !== filed.kode && /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(kode), `code ${JSON.stringify(kode)}`);
		await page.screenshot({ path: `${SHOTS}informasi-keberatan-terkirim.png` });

		await page.click("#kd-ke-lacak");
		await page.waitForURL(/\/lacak\?nomor=KEB-/);
		await page.fill("#kd-kode", kode);
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-info").waitFor({ state: "visible" });
		assert((await page.locator("#kd-i-judul").innerText()).includes(filed.nomor), "objection does not name its request");
		assert((await page.locator("#kd-i-batas").innerText()).includes("Tanggapan Atasan PPID paling lambat"), "no deadline");
		await assertNoPersonalData(page, "/lacak (keberatan)");
	});

	await check("/lacak shows a decided request: the written notice with its decision, and no personal data", async () => {
		const { permohonan_diputuskan: nomor, kode_lacak: kode, pemohon } = SEED.informasi;
		await page.goto(`${BASE}/lacak?nomor=${encodeURIComponent(nomor)}`);
		await page.fill("#kd-kode", kode);
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-i-keputusan-box").waitFor({ state: "visible" });
		assert((await page.locator("#kd-i-status").innerText()).trim() === "Sudah Diputuskan", "status is not Sudah Diputuskan");
		assert((await page.locator("#kd-i-keputusan").innerText()).trim() === "Dikabulkan Sebagian", "decision not shown");
		const facts = await page.locator("#kd-i-fakta").innerText();
		for (const expected of ["Nomor pemberitahuan tertulis", "Pasal 17 huruf h", "Bagian yang dihitamkan"]) {
			assert(facts.includes(expected), `written notice lacks ${expected}`);
		}
		const steps = (await page.locator("#kd-i-riwayat li strong").allInnerTexts()).map((s) => s.trim());
		assert(
			JSON.stringify(steps) === JSON.stringify(["Diajukan", "Terdaftar", "Diproses PPID", "Sudah Diputuskan"]),
			`timeline ${JSON.stringify(steps)}`
		);
		assert((await page.locator("#kd-i-lanjutan").innerText()).includes("keberatan"), "no word on objecting");
		const html = await page.content();
		for (const secret of Object.values(pemohon)) assert(!html.includes(secret), `page shows ${secret}`);
		await noSideways(page, "/lacak (diputuskan)");
		await page.screenshot({ path: `${SHOTS}informasi-lacak-diputuskan.png`, fullPage: true });
	});

	await context.close();
}

async function ppidChecks(browser) {
	const { ppid } = SEED.informasi.users;
	const name = SEED.informasi.permohonan_diputuskan;
	const context = await browser.newContext({
		viewport: { width: 1366, height: 900 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);

	await check("the PPID opens a decided request in the Desk: state Pemberitahuan, the decision section, its workspace in the breadcrumb", async () => {
		const r = await context.request.post(`${BASE}/api/method/login`, {
			form: { usr: ppid, pwd: SEED.informasi.password },
		});
		assert(r.ok(), `login ${ppid}: HTTP ${r.status()}`);
		await page.goto(`${BASE}/app/permohonan-informasi/${encodeURIComponent(name)}`);
		await page.waitForFunction(
			(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && cur_frm.doc.__last_sync_on,
			name,
			{ timeout: 60000 }
		);
		const pill = (await page.locator(`${FORM} .page-head .indicator-pill`).first().innerText()).trim();
		assert(pill === "Pemberitahuan", `status pill reads ${JSON.stringify(pill)}`);
		await page.locator(`${FORM} .form-tabs .nav-link`, { hasText: "Pemberitahuan Tertulis" }).click();
		const decision = page.locator(`${FORM} .frappe-control[data-fieldname="keputusan"]`);
		await decision.waitFor({ state: "visible" });
		const value = await page.evaluate(() => cur_frm.fields_dict.keputusan.get_value());
		assert(value === "Dikabulkan Sebagian", `keputusan ${JSON.stringify(value)}`);
		for (const field of ["informasi_diberikan", "pasal_pengecualian", "uji_konsekuensi", "bagian_dihitamkan"]) {
			assert(
				await page.locator(`${FORM} .frappe-control[data-fieldname="${field}"]`).isVisible(),
				`${field} not shown for a partial grant`
			);
		}
		const number = await page.evaluate(() => cur_frm.doc.nomor_pemberitahuan);
		assert(number, "no written-notice number");
		await page.waitForFunction(
			() => document.querySelector("#navbar-breadcrumbs")?.innerText.includes("Layanan Informasi Publik"),
			null,
			{ timeout: 10000 }
		);
		await page.evaluate(() => window.scrollTo(0, 0));
		await page.screenshot({ path: `${SHOTS}informasi-desk-diputuskan.png` });
	});

	await context.close();
}

run(main);

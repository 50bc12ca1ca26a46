// Tier-3 browser checks of the public complaint portal on a phone (390x844, touch, Chromium headless).
// A guest files a complaint with a PDF at /pengaduan, reads the number and tracking code, follows it at
// /lacak, and sends the missing items the officer asks for. Run through run.sh (env BASE and SEED).
// Last line: "browser: N passed, N failed".
import { BASE, SEED, SHOTS, TIMEOUT, assert, check, launch, noSideways, phone, run } from "./lib.mjs";

const REPORTER = {
	nama: "Nur Aisyah Pakaya",
	nik: "7503015508950006",
	alamat: "Jl. Samratulangi No. 21, Kelurahan Marisa Selatan",
	telepon: "082190001122",
	email: "nur.aisyah@contoh.id",
};
const PERIHAL = "Salinan DPT tidak diberikan di meja layanan";
const KEKURANGAN = "Lampirkan foto bukti antrean atau tanda terima permohonan salinan.";

// A small but well-formed one-page PDF, made here so the test needs no fixture file.
function makePdf(text) {
	const content = `BT /F1 18 Tf 72 760 Td (${text}) Tj ET`;
	const objects = [
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	];
	let pdf = "%PDF-1.4\n";
	const offsets = objects.map((body, i) => {
		const at = pdf.length;
		pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return at;
	});
	const xref = pdf.length;
	pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	pdf += offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("");
	pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
	return Buffer.from(pdf, "latin1");
}

async function main() {
	const browser = await launch();
	try {
		await guestJourney(browser);
	} finally {
		await browser.close();
	}
}

async function guestJourney(browser) {
	const { context, page } = await phone(browser);
	let filed = null;

	await check("guest fills /pengaduan on a phone: every field labelled, nothing wider than the screen", async () => {
		await page.goto(`${BASE}/pengaduan`);
		await page.locator("#kd-form").waitFor({ state: "visible" });
		const unlabelled = await page.evaluate(() =>
			Array.from(document.querySelectorAll("#kd-form input:not([type=hidden]), #kd-form select, #kd-form textarea"))
				.filter((el) => !el.labels || el.labels.length === 0)
				.map((el) => el.name)
		);
		assert(unlabelled.length === 0, `fields without a label: ${unlabelled.join(", ")}`);
		const hint = await page.locator("#kd-bukti-hint").innerText();
		assert(hint.includes("PDF, JPEG, PNG, DOC atau DOCX"), `allowed types not stated: ${hint}`);

		await page.fill("#kd-nama", REPORTER.nama);
		await page.selectOption("#kd-jenis", "KTP");
		await page.fill("#kd-nik", REPORTER.nik);
		await page.fill("#kd-alamat", REPORTER.alamat);
		await page.fill("#kd-telepon", REPORTER.telepon);
		await page.fill("#kd-email", REPORTER.email);
		await page.fill("#kd-pekerjaan", "Mahasiswa");
		await page.check("#kd-rahasia");
		await page.fill("#kd-perihal", PERIHAL);
		await page.fill(
			"#kd-uraian",
			"Pada hari Senin pukul 10.00 WITA saya meminta salinan DPT kelurahan di meja layanan informasi. " +
				"Petugas menyatakan salinan belum dapat diberikan tanpa menjelaskan alasannya."
		);
		await page.fill("#kd-teradu", "Meja layanan informasi");
		await page.fill("#kd-lokasi", "Kantor KPU Kabupaten, Marisa");
		await page.fill("#kd-permintaan", "Salinan DPT diberikan sesuai ketentuan keterbukaan informasi.");
		await page.setInputFiles("#kd-bukti", {
			name: "tanda-terima-permohonan.pdf",
			mimeType: "application/pdf",
			buffer: makePdf("Tanda terima permohonan salinan DPT"),
		});
		const listed = await page.locator("#kd-bukti-list").innerText();
		assert(listed.includes("tanda-terima-permohonan.pdf"), `chosen file not listed: ${listed}`);
		await page.check("#kd-setuju");
		await noSideways(page, "/pengaduan");
		await page.screenshot({ path: `${SHOTS}portal-pengaduan-form.png`, fullPage: true });
	});

	await check("submitting shows the registration number and the tracking code, with a note to keep it", async () => {
		await page.click("#kd-kirim");
		await page.locator("#kd-done").waitFor({ state: "visible" });
		const nomor = (await page.locator("#kd-done-nomor").innerText()).trim();
		const kode = (await page.locator("#kd-done-kode").innerText()).trim();
		assert(/^DUMAS-\d{4}-\d{5}$/.test(nomor), `number ${JSON.stringify(nomor)}`);
		assert(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/.test(kode), `code ${JSON.stringify(kode)}`);
		const note = await page.locator("#kd-done").innerText();
		assert(note.includes("Simpan nomor dan kode lacak ini"), "no note to keep the code");
		filed = { nomor, kode };
		await noSideways(page, "confirmation");
		await page.screenshot({ path: `${SHOTS}portal-pengaduan-terkirim.png` });
	});

	await check("a wrong code is refused with a message that reveals nothing", async () => {
		assert(filed, "no complaint filed");
		await page.goto(`${BASE}/lacak?nomor=${encodeURIComponent(filed.nomor)}`);
		assert((await page.inputValue("#kd-nomor")) === filed.nomor, "number not prefilled from the link");
		await page.fill("#kd-kode", "ZZZZ-ZZZZ-ZZZZ");
		await page.click("#kd-lacak-btn");
		const error = page.locator("#kd-lacak-error");
		await error.waitFor({ state: "visible" });
		const text = await error.innerText();
		assert(text.includes("tidak cocok"), `error reads ${JSON.stringify(text)}`);
		assert(!text.includes(PERIHAL) && (await page.locator("#kd-hasil").isHidden()), "something of the case shown");
		await page.screenshot({ path: `${SHOTS}portal-lacak-salah.png` });
	});

	await check("/lacak with number and code shows status and timeline, and no personal data", async () => {
		assert(filed, "no complaint filed");
		await page.fill("#kd-kode", filed.kode.toLowerCase());
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-hasil").waitFor({ state: "visible" });
		assert((await page.locator("#kd-perihal").innerText()).trim() === PERIHAL, "wrong subject shown");
		assert((await page.locator("#kd-h-status").innerText()).trim() === "Diterima", "status is not Diterima");
		const steps = await page.locator("#kd-h-riwayat li").allInnerTexts();
		assert(steps.length === 1 && steps[0].startsWith("Diterima"), `timeline ${JSON.stringify(steps)}`);
		assert(/pukul \d{2}\.\d{2} WI/.test(steps[0]), `timeline has no time: ${steps[0]}`);
		const html = await page.content();
		for (const secret of [REPORTER.nama, REPORTER.nik, REPORTER.email, REPORTER.telepon, REPORTER.alamat]) {
			assert(!html.includes(secret), `page shows ${secret}`);
		}
		await noSideways(page, "/lacak");
		await page.screenshot({ path: `${SHOTS}portal-lacak.png`, fullPage: true });
	});

	await check("asked for missing items, the reporter sends them at /lacak and the case returns to Diterima", async () => {
		assert(filed, "no complaint filed");
		await askForMissingItems(browser, filed.nomor);
		await page.goto(`${BASE}/lacak?nomor=${encodeURIComponent(filed.nomor)}`);
		await page.fill("#kd-kode", filed.kode);
		await page.click("#kd-lacak-btn");
		await page.locator("#kd-kekurangan").waitFor({ state: "visible" });
		assert((await page.locator("#kd-h-status").innerText()).trim() === "Perlu Dilengkapi", "status is not Perlu Dilengkapi");
		assert((await page.locator("#kd-h-kekurangan").innerText()).includes(KEKURANGAN), "missing items not shown");
		await page.fill("#kd-tambahan", "Foto tanda terima permohonan saya lampirkan.");
		await page.setInputFiles("#kd-lengkapi-bukti", {
			name: "foto-tanda-terima.pdf",
			mimeType: "application/pdf",
			buffer: makePdf("Foto tanda terima"),
		});
		await page.locator("#kd-tambahan").blur();
		await noSideways(page, "/lacak (Perlu Dilengkapi)");
		await page.screenshot({ path: `${SHOTS}portal-lacak-lengkapi.png`, fullPage: true });
		await page.click("#kd-lengkapi-btn");
		await page.waitForFunction(() => document.querySelector("#kd-h-status")?.textContent.trim() === "Diterima");
		assert(await page.locator("#kd-kekurangan").isHidden(), "the form for missing items is still shown");
		const steps = (await page.locator("#kd-h-riwayat li strong").allInnerTexts()).map((s) => s.trim());
		assert(
			JSON.stringify(steps) === JSON.stringify(["Diterima", "Perlu Dilengkapi", "Diterima"]),
			`timeline ${JSON.stringify(steps)}`
		);
		await page.screenshot({ path: `${SHOTS}portal-lacak-dilengkapi.png`, fullPage: true });
	});

	await context.close();
}

// The officer asks for missing items, through the same HTTP API the Desk uses.
async function askForMissingItems(browser, name) {
	assert(SEED.users?.petugas && SEED.password, "SEED lacks the petugas user");
	const context = await browser.newContext();
	try {
		const api = context.request;
		let r = await api.post(`${BASE}/api/method/login`, { form: { usr: SEED.users.petugas, pwd: SEED.password } });
		assert(r.ok(), `petugas login: HTTP ${r.status()}`);
		r = await api.post(`${BASE}/api/method/frappe.client.set_value`, {
			form: { doctype: "Pengaduan", name, fieldname: "kekurangan", value: KEKURANGAN },
		});
		assert(r.ok(), `set kekurangan: HTTP ${r.status()} ${(await r.text()).slice(0, 200)}`);
		const doc = (await (await api.get(`${BASE}/api/resource/Pengaduan/${encodeURIComponent(name)}`)).json()).data;
		r = await api.post(`${BASE}/api/method/frappe.model.workflow.apply_workflow`, {
			form: { doc: JSON.stringify(doc), action: "Minta Kelengkapan" },
		});
		assert(r.ok(), `Minta Kelengkapan: HTTP ${r.status()} ${(await r.text()).slice(0, 200)}`);
	} finally {
		await context.close();
	}
}

run(main);

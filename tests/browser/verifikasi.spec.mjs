// Tier-3 browser checks of /verifikasi-surat on the narrowest phone (360 px, touch, Chromium headless):
// a letter in force, a replaced one (the first Surat Permintaan Kelengkapan of a complaint asked twice),
// a code typed by hand, a wrong code, and a rahasia complaint's Nota Dinas that names nobody.
// Run through run.sh (env BASE and SEED from kpu_dumas.tests.browser_fixtures.seed).
// Last line: "browser: N passed, N failed".
import { createRequire } from "node:module";
import { BASE, SEED, SHOTS, assert, check, launch, noSideways, phone, run } from "./lib.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const V = SEED.verifikasi || {};
const url = (kode) => `${BASE}/verifikasi-surat?kode=${encodeURIComponent(kode)}`;

async function main() {
	assert(V.kode_berlaku && V.kode_diganti && V.kode_rahasia, `seed without verification codes: ${JSON.stringify(V)}`);
	const browser = await launch();
	try {
		const { context, page } = await phone(browser, 360);
		await pages(page);
		await context.close();
	} finally {
		await browser.close();
	}
}

// The facts of the result card as a {label: value} map.
async function facts(page) {
	return page.evaluate(() => {
		const out = {};
		for (const dt of document.querySelectorAll(".kd-facts dt")) out[dt.textContent.trim()] = dt.nextElementSibling.textContent.trim();
		return out;
	});
}

async function headings(page) {
	return page.evaluate(() => Array.from(document.querySelectorAll("h1, h2, h3")).map((h) => h.tagName + " " + h.textContent.trim()));
}

// Serious or critical axe-core violations inside our markup (Frappe's page_content block).
async function axeOurs(page) {
	await page.addScriptTag({ path: AXE });
	return page.evaluate(async () => {
		const r = await window.axe.run(document, {
			runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
			resultTypes: ["violations"],
			elementRef: true,
		});
		return r.violations.flatMap((v) =>
			v.nodes
				.filter((n) => ["serious", "critical"].includes(n.impact || v.impact) && n.element?.closest?.(".page_content"))
				.map((n) => `${v.id}: ${n.target.join(" ")}`)
		);
	});
}

async function pages(page) {
	await check("a letter in force: kind, number, date, signatory, status and fingerprint, nothing sideways", async () => {
		const response = await page.goto(url(V.kode_berlaku));
		assert(response.status() === 200, `status ${response.status()}`);
		const f = await facts(page);
		assert(f["Nomor surat"] === V.nomor_berlaku, `number: ${f["Nomor surat"]}`);
		assert(f["Jenis surat"] === "Surat Permintaan Kelengkapan", `kind: ${f["Jenis surat"]}`);
		assert(/^\d{1,2} [A-Z][a-z]+ \d{4}$/.test(f["Tanggal surat"]), `date: ${f["Tanggal surat"]}`);
		assert(f["Penandatangan"] && f["Jabatan penandatangan"], `signatory: ${JSON.stringify(f)}`);
		assert(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/.test(f["Sidik jari SHA-256"]), `fingerprint: ${f["Sidik jari SHA-256"]}`);
		assert((await page.locator("#kd-v-status").innerText()).trim() === "Berlaku", "status pill");
		const h = await headings(page);
		assert(h[0] === "H1 Verifikasi Surat" && h[1] === "H2 Surat tercatat dan berlaku", `headings: ${h}`);
		assert((await page.getAttribute(".kd-portal", "lang")) === "id", "the page's language is not marked");
		await noSideways(page, "letter in force");
		await page.screenshot({ path: `${SHOTS}verifikasi-surat-berlaku.png`, fullPage: true });
	});

	await check("the replaced letter says Diganti with the number that replaced it", async () => {
		const response = await page.goto(url(V.kode_diganti));
		assert(response.status() === 200, `status ${response.status()}`);
		const f = await facts(page);
		assert(f["Nomor surat"] === V.nomor_diganti, `number: ${f["Nomor surat"]}`);
		assert((await page.locator("#kd-v-status").innerText()).trim() === "Diganti", "status pill");
		const note = await page.locator("#kd-v-pengganti").innerText();
		assert(note.includes(`nomor ${V.nomor_berlaku}`), `replacement note: ${note}`);
		await noSideways(page, "replaced letter");
		await page.screenshot({ path: `${SHOTS}verifikasi-surat-diganti.png`, fullPage: true });
	});

	await check("a code typed by hand (lower case, spaces) on the form opens the letter", async () => {
		await page.goto(`${BASE}/verifikasi-surat`);
		const label = await page.locator("label[for=kd-kode]").innerText();
		assert(label.trim() === "Kode verifikasi", `label: ${label}`);
		await page.fill("#kd-kode", V.kode_berlaku.toLowerCase().replaceAll("-", " "));
		await Promise.all([page.waitForURL(/kode=/), page.click("button[type=submit]")]);
		const f = await facts(page);
		assert(f["Nomor surat"] === V.nomor_berlaku, `number: ${f["Nomor surat"]}`);
		await noSideways(page, "form");
	});

	await check("a wrong code gets the neutral answer and shows nothing of any letter", async () => {
		const wrong = V.kode_berlaku.slice(0, -1) + (V.kode_berlaku.endsWith("X") ? "Y" : "X");
		const response = await page.goto(url(wrong));
		assert(response.status() === 404, `status ${response.status()}`);
		const alert = await page.locator("#kd-v-pesan").innerText();
		assert(alert.includes("Kode verifikasi tidak dikenal"), `answer: ${alert}`);
		assert((await page.locator(".kd-facts").count()) === 0, "facts shown for a wrong code");
		assert((await page.getAttribute("#kd-kode", "aria-invalid")) === "true", "field not marked invalid");
		await noSideways(page, "wrong code");
		await page.screenshot({ path: `${SHOTS}verifikasi-surat-tidak-dikenal.png`, fullPage: true });
	});

	await check("axe-core: no serious or critical violation in our markup, letter in force, replaced and unknown", async () => {
		for (const kode of [V.kode_berlaku, V.kode_diganti, "0000-0000-0000-0000"]) {
			await page.goto(url(kode));
			const found = await axeOurs(page);
			assert(found.length === 0, `${kode}: ${found.join("; ")}`);
		}
	});

	await check("a rahasia complaint's Nota Dinas: verified, and the page names no reporter", async () => {
		const response = await page.goto(url(V.kode_rahasia));
		assert(response.status() === 200, `status ${response.status()}`);
		const html = await page.content();
		for (const secret of [SEED.pelapor_rahasia, SEED.nik_rahasia, SEED.identitas_rahasia, SEED.pengaduan_rahasia]) {
			assert(secret && !html.includes(secret), `page holds ${secret}`);
		}
		assert((await facts(page))["Jenis surat"] === "Nota Dinas Pengaduan", "kind");
		await page.screenshot({ path: `${SHOTS}verifikasi-surat-nota-dinas-rahasia.png`, fullPage: true });
	});
}

run(main);

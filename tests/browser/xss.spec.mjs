// Tier-3: the XSS corpus (kpu_dumas/tests/data/xss.txt) filed through the portal as a guest, then shown
// in /lacak and in the Desk form of the complaint as the Petugas: no dialog opens (every payload calls
// alert()), no element or attribute of a payload exists in the page. Screenshots: xss-lacak.png,
// xss-desk-pengaduan.png. Run through run.sh (env BASE and SEED). Last line: "browser: N passed, N failed".
import { readFileSync } from "node:fs";
import { BASE, SEED, SHOTS, assert, check, desktop, launch, run } from "./lib.mjs";

const CORPUS = readFileSync(new URL("../../kpu_dumas/tests/data/xss.txt", import.meta.url), "utf8")
	.split("\n")
	.filter((line) => line && !line.startsWith("# "));
const ALL = CORPUS.join("\n");
const TAGS = CORPUS.filter((line) => line.includes("<")); // one-line fields get markup payloads
const RUN = String(Date.now() % 100000).padStart(5, "0");

// What a payload would leave in the DOM if it were injected (the pages' own markup has none of it).
function injectedElements() {
	// The payloads' own calls, so that the Desk's scripts (which may say "alert(" for themselves) pass.
	const sign = /\balert\((1|'XSS'|"XSS"|'xxs'|document\.cookie|String\.fromCharCode\(88,83,83\))\)|xss\.rocks|evil\.example/;
	const found = [];
	for (const el of document.querySelectorAll("*")) {
		for (const attr of el.attributes) {
			const urlish = ["src", "href", "action", "formaction", "data", "xlink:href"].includes(attr.name);
			if ((attr.name.startsWith("on") && sign.test(attr.value)) || (urlish && /javascript:|xss\.rocks|evil\.example/i.test(attr.value))) {
				found.push(`<${el.tagName.toLowerCase()} ${attr.name}="${attr.value.slice(0, 60)}">`);
			}
		}
		if (el.tagName === "SCRIPT" && sign.test(el.textContent)) found.push(`<script>${el.textContent.slice(0, 60)}`);
	}
	return found;
}

async function fileComplaint(context) {
	const r = await context.request.post(`${BASE}/api/method/kpu_dumas.api.portal.ajukan_pengaduan`, {
		headers: { "X-Forwarded-For": `10.94.${RUN % 250}.${(RUN >> 8) % 250}`, Accept: "application/json" },
		form: {
			nama_lengkap: `Warga XSS ${TAGS[0]}`.slice(0, 140),
			jenis_identitas: "KTP",
			nomor_identitas: `75030166089${RUN}`,
			alamat: ALL.slice(0, 1000),
			telepon: `0813888${RUN}`,
			email: `warga.xss.${RUN}@contoh.id`,
			pekerjaan: TAGS[6].slice(0, 140),
			perihal: `Uji XSS browser: ${TAGS[1]}`.slice(0, 140),
			uraian: ALL,
			teradu: TAGS[7].slice(0, 140),
			lokasi_kasus: TAGS[8].slice(0, 140),
			permintaan_penyelesaian: ALL.slice(0, 2000),
			kerugian: ALL.slice(0, 2000),
			persetujuan_pernyataan: "1",
		},
	});
	assert(r.ok(), `portal: HTTP ${r.status()} ${(await r.text()).slice(0, 300)}`);
	return (await r.json()).message;
}

async function main() {
	assert(SEED.users && SEED.users.petugas && SEED.password, "SEED env lacks the Petugas");
	const browser = await launch();
	try {
		const { context, page } = await desktop(browser);
		const dialogs = [];
		page.on("dialog", async (d) => {
			dialogs.push(`${d.type()}: ${d.message()}`);
			await d.dismiss();
		});
		let filed;
		await check("the corpus is filed through the portal", async () => {
			filed = await fileComplaint(context);
			assert(filed.nomor && filed.kode_lacak, JSON.stringify(filed));
		});

		await check("/lacak shows the complaint with no dialog and nothing injected", async () => {
			assert(filed, "nothing filed");
			await page.goto(`${BASE}/lacak?nomor=${encodeURIComponent(filed.nomor)}`);
			await page.fill("#kd-kode", filed.kode_lacak);
			await page.click("#kd-lacak-btn");
			await page.locator("#kd-hasil").waitFor({ state: "visible" });
			await page.waitForTimeout(1000);
			const perihal = (await page.locator("#kd-perihal").innerText()).trim();
			assert(perihal.startsWith("Uji XSS browser:"), `subject ${perihal}`);
			const found = await page.evaluate(injectedElements);
			assert(found.length === 0, `injected: ${found.join(" | ")}`);
			assert(dialogs.length === 0, `dialogs: ${dialogs.join(" | ")}`);
			await page.screenshot({ path: `${SHOTS}xss-lacak.png`, fullPage: true });
		});

		await check("the Desk form of the complaint opens with no dialog and nothing injected", async () => {
			assert(filed, "nothing filed");
			const login = await context.request.post(`${BASE}/api/method/login`, {
				form: { usr: SEED.users.petugas, pwd: SEED.password },
			});
			assert(login.ok(), `login: HTTP ${login.status()}`);
			await page.goto(`${BASE}/app/pengaduan/${encodeURIComponent(filed.nomor)}`);
			await page.waitForFunction(
				(n) => window.cur_frm && cur_frm.doc && cur_frm.doc.name === n && cur_frm.doc.__last_sync_on,
				filed.nomor,
				{ timeout: 60000 }
			);
			await page.waitForTimeout(2500); // timeline, sidebar and comments render after the form
			const uraian = await page.evaluate(() => cur_frm.doc.uraian);
			assert(uraian.includes("{{ 7*7 }}") && uraian.includes("=cmd|"), "the corpus is not in the form");
			const found = await page.evaluate(injectedElements);
			assert(found.length === 0, `injected: ${found.join(" | ")}`);
			assert(dialogs.length === 0, `dialogs: ${dialogs.join(" | ")}`);
			const flag = await page.evaluate(() => window.__xss === undefined && !document.querySelector("iframe[src^='javascript']"));
			assert(flag, "a payload left a trace on window or an iframe");
			await page.screenshot({ path: `${SHOTS}xss-desk-pengaduan.png`, fullPage: true });
		});
		await context.close();
	} finally {
		await browser.close();
	}
}

run(main);

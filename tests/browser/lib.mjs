// Shared by the tier-3 specs: environment, counted checks, the Chromium launch and the closing line
// "browser: N passed, N failed" that run.sh sums.
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE = process.env.BASE || "http://127.0.0.1:8010";
export const SEED = JSON.parse(process.env.SEED || "{}");
export const SHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
export const TIMEOUT = 30000;

const counts = { passed: 0, failed: 0 };

export function assert(condition, message) {
	if (!condition) throw new Error(message);
}

// Run one named check; a failure is counted and printed, and the next check still runs.
export async function check(name, fn) {
	try {
		await fn();
		counts.passed++;
		console.log(`ok    ${name}`);
	} catch (e) {
		counts.failed++;
		console.log(`FAIL  ${name}\n      ${String(e.message || e).split("\n").slice(0, 4).join("\n      ")}`);
	}
}

// Debian's Chromium, headless; no background networking (this machine's network is closed).
export async function launch() {
	mkdirSync(SHOTS, { recursive: true });
	return chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		headless: true,
		args: [
			"--no-sandbox",
			"--disable-background-networking",
			"--disable-gpu",
			"--disable-component-update",
			"--disable-sync",
			"--no-first-run",
		],
	});
}

// A phone: a 390 px wide touch screen by default (360 px for the narrowest), office locale and zone.
export async function phone(browser, width = 390) {
	const context = await browser.newContext({
		viewport: { width, height: width === 390 ? 844 : 740 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.on("pageerror", (e) => console.log(`      [page error] ${String(e.message).split("\n")[0]}`));
	return { context, page };
}

// A desktop browser without touch (1280 px wide by default), office locale and zone.
export async function desktop(browser, width = 1280) {
	const context = await browser.newContext({
		viewport: { width, height: 800 },
		locale: "id-ID",
		timezoneId: "Asia/Makassar",
	});
	const page = await context.newPage();
	page.setDefaultTimeout(TIMEOUT);
	page.on("pageerror", (e) => console.log(`      [page error] ${String(e.message).split("\n")[0]}`));
	return { context, page };
}

// The bars of the Desk chart widgets are drawn. frappe-charts first draws every bar at zero and sets the
// real values 700 ms later (then animates them), so a chart's svg on screen does not yet show its data.
export async function chartDrawn(page, scope = ".dashboard-widget-box .chart-container") {
	await page.waitForFunction(
		(s) => [...document.querySelectorAll(`${s} svg rect.bar`)].some((r) => parseFloat(r.getAttribute("height")) > 0),
		scope
	);
}

// Nothing on the page is wider than the screen.
export async function noSideways(page, where) {
	const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
	assert(scroll <= width + 1, `${where}: page is ${scroll}px wide on a ${width}px screen`);
}

// Run a spec's main(), count a crash as a failure, print the closing line and exit non-zero on failure.
export function run(main) {
	main()
		.catch((e) => {
			counts.failed++;
			console.log(`FAIL  runner: ${e.stack || e}`);
		})
		.finally(() => {
			console.log(`browser: ${counts.passed} passed, ${counts.failed} failed`);
			process.exit(counts.failed ? 1 : 0);
		});
}

// The Crisis Response Centre in a real browser (issue 7): the duty officer keeps the live map
// open; Armenia's national crisis centre posts a CAP 1.2 alert; the alert appears on the open
// map and in the list beside it without a reload; the officer opens its popup from the list by
// keyboard, follows "open an incident" and opens an incident linked to the alert. Every page is
// checked for console errors, uncaught exceptions, CSP violations and failed requests (the map
// draws offline: Leaflet and the country boundaries are served by Accord itself).

import assert from "node:assert/strict";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";

// This file's screenshots and server log go to a directory of their own (see secretariat.test.mjs).
{
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const shared = path.resolve(
    repo,
    process.env.ACCORD_BROWSER_ARTIFACTS ||
      path.join(process.env.CARGO_TARGET_DIR || "target", "browser-artifacts"),
  );
  process.env.ACCORD_BROWSER_ARTIFACTS = path.join(shared, "crisis");
}
const { PASSWORD, clearScreenshots, launchBrowser, newContext, screenshot, startServer, watch } =
  await import("./support.mjs");

const STEP = { timeout: 60_000 };

async function assertClean(watcher) {
  const problems = await watcher.check();
  assert.deepEqual(problems, [], `the page reported problems:\n${JSON.stringify(problems, null, 2)}`);
}

const text = async (locator) => (await locator.textContent()).trim();

/** A time as CAP writes it, in Yerevan (UTC+4): no `Z`, an explicit offset. */
function yerevan(ms) {
  return new Date(ms + 4 * 3600_000).toISOString().replace(/\.\d{3}Z$/, "+04:00");
}

/** A CAP 1.2 flood alert from Armenia's national centre, in Russian, for Vanadzor. */
function floodAlert(identifier, headline) {
  const now = Date.now();
  return `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
<identifier>${identifier}</identifier>
<sender>crisis.am@example.am</sender>
<sent>${yerevan(now)}</sent>
<status>Actual</status>
<msgType>Alert</msgType>
<scope>Public</scope>
<info>
<language>ru-RU</language>
<category>Met</category>
<event>Наводнение</event>
<urgency>Immediate</urgency>
<severity>Severe</severity>
<certainty>Observed</certainty>
<expires>${yerevan(now + 24 * 3600_000)}</expires>
<headline>${headline}</headline>
<area>
<areaDesc>Лорийская область</areaDesc>
<polygon>40.70,44.35 40.70,44.65 40.92,44.65 40.92,44.35 40.70,44.35</polygon>
</area>
</info>
</alert>`;
}

describe("the Crisis Response Centre's live map", { timeout: 240_000 }, () => {
  let server;
  let browser;
  const contexts = [];

  before(async () => {
    clearScreenshots();
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, `the server stops cleanly; see ${server.logPath}`);
  });

  async function signIn(username, locale, next) {
    const context = await newContext(browser, server.url, locale);
    contexts.push(context);
    const page = await context.newPage();
    const watcher = watch(page);
    const response = await page.goto(`/login?next=${next}`);
    assert.equal(response.status(), 200);
    await page.locator("#username").fill(username);
    await page.locator("#password").fill(PASSWORD);
    await Promise.all([page.waitForURL(`**${next}`), page.locator("#password").press("Enter")]);
    assert.equal(new URL(page.url()).pathname, next);
    return { context, page, watcher };
  }

  let officer;
  let alert;
  const identifier = `AM-FLOOD-${Date.now()}`;
  const headline = "Наводнение в Ванадзоре: подъём воды в реке Памбак";

  it("shows the duty officer the demo's picture on an offline map", STEP, async () => {
    officer = await signIn("duty.officer", "en-GB", "/map");
    const { page, watcher } = officer;
    assert.equal(await text(page.locator("main h1")), "Operational picture");
    // The country boundaries (world-atlas, from Accord itself) and the demo's items are drawn.
    await page.waitForFunction(() => document.querySelectorAll("#map-items li").length > 0, null, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelectorAll("#map path").length > 50, null, { timeout: 20_000 });
    const labels = await page.locator("#map-items li button").allTextContents();
    assert.ok(
      labels.some((l) => l.includes("Землетрясение магнитудой 6,1")),
      `the demo's earthquake (its update) is listed: ${JSON.stringify(labels)}`,
    );
    assert.ok(!labels.some((l) => l.includes(headline)), "the flood is not there yet");
    await screenshot(page, "map-open-en");
    await assertClean(watcher);
  });

  it("takes a national centre's CAP alert onto the open map without a reload", STEP, async (t) => {
    const { page, watcher } = officer;
    await page.evaluate(() => {
      window.__stay = 1;
    });
    const centre = await signIn("centre.am", "ru-RU", "/home");
    const sent = Date.now();
    const answer = await centre.page.evaluate(
      async ({ xml }) => {
        const csrf = document.querySelector('input[name="csrf"]').value;
        const response = await fetch("/api/v1/cap", {
          method: "POST",
          headers: { "Content-Type": "application/cap+xml", "X-CSRF-Token": csrf },
          body: xml,
        });
        return { status: response.status, body: await response.json() };
      },
      { xml: floodAlert(identifier, headline) },
    );
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    alert = answer.body.alert;
    assert.ok(Number.isInteger(alert) && alert > 0);
    await assertClean(centre.watcher);

    const seen = await page
      .waitForFunction(
        (h) =>
          Array.from(document.querySelectorAll("#map-items li button")).some((b) => b.textContent.includes(h)) &&
          Date.now(),
        headline,
        { timeout: 10_000, polling: 50 },
      )
      .then((handle) => handle.jsonValue());
    assert.equal(await page.evaluate(() => window.__stay), 1, "the page was not reloaded");
    assert.equal(new URL(page.url()).pathname, "/map");
    // Drawn as an area on the map, with the others.
    assert.ok((await page.locator("#map path.leaflet-interactive").count()) > 0);
    await screenshot(page, "map-alert-arrived-en");
    await assertClean(watcher);
    t.diagnostic(`the alert was listed on the open map ${seen - sent} ms after the POST was sent`);
  });

  it("opens an incident from the alert, by keyboard from the list to the popup's link", STEP, async () => {
    const { page, watcher } = officer;
    const button = page.locator("#map-items li button", { hasText: headline });
    await button.focus();
    await page.keyboard.press("Enter");
    const popup = page.locator(".leaflet-popup-content");
    await popup.waitFor({ state: "visible", timeout: 5_000 });
    assert.match(await text(popup.locator("strong")), new RegExp(headline));
    const link = popup.getByRole("link", { name: "Open an incident from this alert" });
    assert.equal(await link.getAttribute("href"), `/incidents/new?alert=${alert}`);
    await Promise.all([page.waitForURL(`**/incidents/new?alert=${alert}`), link.click()]);
    assert.equal(await page.locator('#incident-form input[name="alert"]').inputValue(), String(alert));
    assert.equal(await page.locator("#n-title-ru").inputValue(), headline, "the title comes from the alert");
    assert.equal(await page.locator("#n-severity").inputValue(), "severe");
    await page.locator("#n-title-en").fill("Flood in Vanadzor");
    await page.locator("#n-type").selectOption("natural_disaster");
    await page.locator("#n-affected").selectOption("AM");
    await screenshot(page, "incident-from-alert-form-en");
    await Promise.all([
      page.waitForURL(/\/incidents\/\d+$/),
      page.locator("#incident-form").getByRole("button").click(),
    ]);
    assert.equal(await text(page.locator("main h1")), "Flood in Vanadzor");
    // The alert is on the incident's timeline, linked.
    assert.ok((await page.locator(`#timeline a[href="/alerts/${alert}"]`).count()) > 0, "the timeline links the alert");
    await screenshot(page, "incident-opened-en");
    await assertClean(watcher);

    // And the alert says which incident it belongs to.
    const incident = new URL(page.url()).pathname;
    await page.goto(`/alerts/${alert}`);
    assert.ok((await page.locator(`a[href="${incident}"]`).count()) > 0, "the alert links its incident");
    await assertClean(watcher);
  });
});

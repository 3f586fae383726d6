// Public information in a real browser (issue 8): an anonymous reader, whose browser speaks
// English, opens the public site, follows the news to the statement of 1 December 2020, switches
// the page to Russian with the language switch and reads the statement in Russian, with its date
// and time of publication and its related materials; the photo exhibition shows its thumbnails
// with alternative text; on a phone's screen the main menu opens and closes by keyboard. Every
// page is checked for console errors, uncaught exceptions, CSP violations and failed requests.

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
  process.env.ACCORD_BROWSER_ARTIFACTS = path.join(shared, "public");
}
const { clearScreenshots, launchBrowser, newContext, screenshot, startServer, watch } =
  await import("./support.mjs");

const STEP = { timeout: 60_000 };

async function assertClean(watcher) {
  const problems = await watcher.check();
  assert.deepEqual(problems, [], `the page reported problems:\n${JSON.stringify(problems, null, 2)}`);
}

const text = async (locator) => (await locator.textContent()).trim().replace(/\s+/g, " ");

describe("the public site", { timeout: 240_000 }, () => {
  let server;
  let browser;
  let context;

  before(async () => {
    clearScreenshots();
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url, "en-GB");
  });

  after(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    if (server) assert.equal(await server.stop(), 0, `the server stops cleanly; see ${server.logPath}`);
  });

  it("lets an anonymous reader switch to Russian and read the statement of 1 December 2020", STEP, async () => {
    const page = await context.newPage();
    const watcher = watch(page);
    const home = await page.goto("/");
    assert.equal(home.status(), 200);
    assert.equal(await page.locator("html").getAttribute("lang"), "en");
    const latest = await page.locator("#latest-news a").allTextContents();
    assert.ok(
      latest.some((t) => t.startsWith("Statement of the foreign ministers")),
      `the home page lists the statement: ${JSON.stringify(latest)}`,
    );
    await assertClean(watcher);

    // Through the news list, by keyboard-reachable links.
    await Promise.all([page.waitForURL("**/news"), page.locator("main a[href='/news']").first().click()]);
    const statement = page.locator("#news-list h2 a", { hasText: "Statement of the foreign ministers" });
    await Promise.all([page.waitForURL(/\/news\/\d+$/), statement.click()]);
    const address = new URL(page.url()).pathname;
    assert.equal(
      await text(page.locator("#published")),
      "Published on 1 December 2020, 16:05 Moscow time (UTC+03:00)",
    );
    assert.equal(await page.locator("#related a").count(), 2, "the document and its decision");
    await screenshot(page, "statement-en");
    await assertClean(watcher);

    // The language switch on the page: the same address, now in Russian.
    await Promise.all([
      page.waitForURL(`**${address}`),
      page.locator("#languages a[hreflang='ru']").click(),
    ]);
    assert.equal(new URL(page.url()).pathname, address);
    assert.equal(await page.locator("html").getAttribute("lang"), "ru");
    const title = await text(page.locator("main h1"));
    assert.ok(title.startsWith("Заявление министров иностранных дел"), title);
    assert.equal(
      await text(page.locator("#published")),
      "Опубликовано 1 декабря 2020 г., 16:05 по московскому времени (UTC+03:00)",
    );
    const body = await page.locator("#body p").allTextContents();
    assert.ok(body[0].includes("75-ю годовщину"), `the statement's Russian text: ${JSON.stringify(body)}`);
    assert.equal(await page.locator("#missing-language").count(), 0);
    assert.deepEqual(await page.locator("#related a").allTextContents().then((l) => l.length), 2);
    await screenshot(page, "statement-ru");
    await assertClean(watcher);
    await page.close();
  });

  it("shows the photo exhibition's thumbnails with their alternative text", STEP, async () => {
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto("/news?kind=exhibition");
    const link = page.locator("#news-list h2 a").first();
    await Promise.all([page.waitForURL(/\/news\/\d+$/), link.click()]);
    const images = page.locator("#images img");
    assert.equal(await images.count(), 3);
    for (let i = 0; i < 3; i += 1) {
      const img = images.nth(i);
      await img.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle());
      assert.ok((await img.getAttribute("alt")).length > 0, "every image has its alternative text");
    }
    await screenshot(page, "exhibition");
    await assertClean(watcher);
    await page.close();
  });

  it("puts the main menu behind a button on a phone's screen, opened and closed by keyboard", STEP, async () => {
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto("/");
    const button = page.locator("header .menu-toggle");
    const news = page.locator("#main-menu a[href='/news']");
    // A wide screen: every link shows and the button does not.
    assert.equal(await button.isVisible(), false);
    assert.equal(await news.isVisible(), true);

    await page.setViewportSize({ width: 375, height: 740 });
    assert.equal(await button.isVisible(), true);
    assert.equal(await news.isVisible(), false, "the menu is closed on a small screen");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    await screenshot(page, "phone-menu-closed");

    await button.focus();
    await page.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    assert.equal(await news.isVisible(), true);
    await page.keyboard.press("Tab");
    assert.equal(
      await page.evaluate(() => document.activeElement.closest("#main-menu") !== null),
      true,
      "the next Tab goes into the open menu",
    );
    await screenshot(page, "phone-menu-open");
    await page.keyboard.press("Escape");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.equal(await news.isVisible(), false);
    assert.equal(await page.evaluate(() => document.activeElement.classList.contains("menu-toggle")), true);

    // The menu's links still work from the small screen.
    await button.click();
    await Promise.all([page.waitForURL("**/news"), news.click()]);
    assert.equal(await page.locator("#news-list").count(), 1, "the news page opened");
    await assertClean(watcher);
    await page.close();
  });
});

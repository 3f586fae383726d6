// What the browser tests share: the real server (`accord demo` on a free port, a fresh data
// directory, a known password), Debian's Chromium driven by playwright-core, screenshots, and a
// watch on each page for console errors, uncaught exceptions, CSP violations and failed requests.
// Nothing here builds anything: the binary must exist (`cargo build -p accord`).

import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { chromium } from "playwright-core";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Cargo's target directory, as Cargo resolves it (a relative one is under the repo root). */
const TARGET = path.resolve(REPO, process.env.CARGO_TARGET_DIR || "target");

/** The `accord` binary under test. */
export const BIN = path.resolve(REPO, process.env.ACCORD_BIN || path.join(TARGET, "debug", "accord"));

/** Where screenshots and the server's log go: a test artefact of each run. */
export const ARTIFACTS = path.resolve(
  REPO,
  process.env.ACCORD_BROWSER_ARTIFACTS || path.join(TARGET, "browser-artifacts"),
);

/** The browser: Debian's Chromium, never one Playwright downloads. */
export const CHROMIUM = process.env.ACCORD_CHROMIUM || "/usr/bin/chromium";

/** The password of every demo account in these tests. */
export const PASSWORD = "browser-test-passphrase";

/**
 * Starts `accord demo` and resolves once it has printed its address. Returns
 * `{ url, stop, logPath }`: `stop()` sends SIGTERM and resolves with the exit code.
 */
export async function startServer({ timeoutMs = 120_000 } = {}) {
  if (!fs.existsSync(BIN)) {
    throw new Error(`no accord binary at ${BIN}: run \`cargo build -p accord\` or set ACCORD_BIN`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "accord-browser-"));
  const dataDir = path.join(home, "data");
  const logPath = path.join(ARTIFACTS, "server.log");
  const log = fs.createWriteStream(logPath);
  const child = spawn(
    BIN,
    ["demo", "--listen", "127.0.0.1:0", "--password", PASSWORD, "--data-dir", dataDir],
    { cwd: home, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } },
  );
  // If the test process dies, the server must not outlive it.
  const reap = () => child.exitCode === null && child.kill("SIGTERM");
  process.once("exit", reap);
  const exited = once(child, "exit");
  exited.catch(() => {});
  child.stderr.pipe(log, { end: false });

  const url = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => {
      reap();
      reject(new Error(`accord demo printed no address in ${timeoutMs} ms; see ${logPath}`));
    }, timeoutMs);
    child.stdout.on("data", (chunk) => {
      log.write(chunk);
      seen += chunk.toString("utf8");
      const found = /^Accord demo: (http:\/\/127\.0\.0\.1:(\d+))\/$/m.exec(seen);
      if (found) {
        clearTimeout(timer);
        if (found[2] === "0") {
          reap();
          reject(new Error("accord demo reported port 0, not the bound port"));
        } else {
          resolve(found[1]);
        }
      }
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`accord demo exited (${code ?? signal}) before serving; see ${logPath}`));
    });
  });

  async function stop() {
    let code = child.exitCode;
    if (code === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      [code] = await exited;
      clearTimeout(timer);
    }
    process.removeListener("exit", reap);
    log.end();
    fs.rmSync(home, { recursive: true, force: true });
    return code;
  }
  return { url, stop, logPath };
}

/**
 * Launches headless Chromium from its Debian path. It resolves no host name but the loopback's
 * and speaks no QUIC: the pages under test are all on 127.0.0.1, and the browser has no business
 * elsewhere (Playwright already turns off its background networking).
 */
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--disable-quic"],
  });
}

/**
 * A browser context speaking `locale` (Playwright sends it as Accept-Language), with the page
 * watch installed: every page records CSP violations as the page sees them.
 */
export async function newContext(browser, base, locale) {
  const context = await browser.newContext({
    baseURL: base,
    locale,
    viewport: { width: 1280, height: 800 },
  });
  // A page that works answers in well under this; a broken step should fail soon, not in 30 s.
  context.setDefaultTimeout(15_000);
  // Runs before any page script, outside the page's CSP (injected by the browser driver).
  await context.addInitScript(() => {
    window.__accordCsp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__accordCsp.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  return context;
}

/**
 * Watches a page: console errors and warnings, uncaught exceptions and failed requests, until
 * `check()` asserts there were none (then starts afresh). `allow(problem)` may excuse an expected
 * one, such as the console's note of a page that answered 403 on purpose.
 */
export function watch(page) {
  let problems = [];
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      const where = message.location()?.url || "";
      problems.push({ kind: `console.${message.type()}`, text: message.text(), url: where });
    }
  });
  page.on("pageerror", (error) => {
    problems.push({ kind: "pageerror", text: String(error), url: page.url() });
  });
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText || "";
    // A live stream or a fetch cut short by leaving the page is not a failure of the page.
    if (failure === "net::ERR_ABORTED") return;
    problems.push({ kind: "requestfailed", text: `${request.url()}: ${failure}`, url: request.url() });
  });
  return {
    async check(allow = () => false) {
      const csp = await page.evaluate(() => window.__accordCsp || []);
      const found = [
        ...problems.filter((p) => !allow(p)),
        ...csp.map((text) => ({ kind: "csp", text, url: page.url() })),
      ];
      problems = [];
      await page.evaluate(() => {
        window.__accordCsp = [];
      });
      return found;
    },
  };
}

let shot = 0;

/** Saves a full-page screenshot of what the page shows now; returns its path. */
export async function screenshot(page, name) {
  shot += 1;
  const file = path.join(ARTIFACTS, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Empties the artefact directory of an earlier run's screenshots. */
export function clearScreenshots() {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of fs.readdirSync(ARTIFACTS)) {
    if (name.endsWith(".png")) fs.rmSync(path.join(ARTIFACTS, name));
  }
}

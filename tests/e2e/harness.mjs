/**
 * A small e2e harness: starts the Vite dev server in-process on a free port, launches Debian's
 * chromium through playwright-core (flags from DEVELOPERS.md: headless, no sandbox as root, no
 * background networking, fresh user-data dir), runs the test functions in order and prints
 * "N passed, N failed". Screenshots go to test-results/.
 */
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
mkdirSync(RESULTS, { recursive: true });

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

export async function startServer() {
  const server = await createServer({ root: ROOT, logLevel: 'error', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  await server.listen();
  const addr = server.httpServer.address();
  return { server, url: `http://127.0.0.1:${addr.port}/` };
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'phusong-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1366, height: 768 } });
  return { context, close: async () => { await context.close(); rmSync(userDataDir, { recursive: true, force: true }); } };
}

/** Opens a page that records console errors and page errors. */
export async function openPage(context, url, { routes = [] } = {}) {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  for (const [pattern, handler] of routes) await page.route(pattern, handler);
  await page.goto(url);
  return { page, consoleErrors };
}

export async function waitForJob(page, timeout = 180000) {
  await page.waitForFunction(() => window.__phusong?.lastJob != null, null, { timeout, polling: 250 });
  return page.evaluate(() => {
    const j = window.__phusong.lastJob;
    return { ...j, groupsByWorker: { ...j.groupsByWorker } };
  });
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}

export async function run(tests) {
  let passed = 0, failed = 0;
  const t0 = Date.now();
  for (const [name, fn] of tests) {
    const s = Date.now();
    try {
      await fn();
      passed++;
      console.log(`  ✓ ${name} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    }
  }
  console.log(`e2e: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return failed;
}

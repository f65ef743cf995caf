/**
 * The e2e harness: serves the app (Vite's dev server, or `vite preview` of the production build),
 * launches Debian's chromium through playwright-core (flags from DEVELOPERS.md: headless, no
 * sandbox as root, no background networking, a fresh user-data dir), and gives each journey its
 * own page. Screenshots go to test-results/.
 */
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { createServer, preview } from 'vite';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { DebugApi } from '../../src/app/debug.ts';

declare global {
  interface Window {
    __phusong: DebugApi;
  }
}

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const RESULTS = join(ROOT, 'test-results');
mkdirSync(RESULTS, { recursive: true });

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--enable-unsafe-swiftshader', '--use-angle=swiftshader'];

export interface Served {
  readonly url: string;
  close(): Promise<void>;
}

/** Vite's dev server on a free port. */
export async function startDevServer(): Promise<Served> {
  const server = await createServer({ root: ROOT, logLevel: 'error', server: { port: 0, host: '127.0.0.1', strictPort: false } });
  await server.listen();
  const addr = server.httpServer!.address() as AddressInfo;
  return { url: `http://127.0.0.1:${addr.port}/`, close: () => server.close() };
}

/** `vite preview` of dist/ (run `npm run build` first) on a free port. */
export async function startPreviewServer(): Promise<Served> {
  const server = await preview({ root: ROOT, logLevel: 'error', preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const addr = server.httpServer.address() as AddressInfo;
  return { url: `http://127.0.0.1:${addr.port}/`, close: () => new Promise<void>((res) => server.httpServer.close(() => res())) };
}

export async function launchBrowser(viewport = { width: 1366, height: 768 }): Promise<{ context: BrowserContext; userDataDir: string; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'phusong-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport, acceptDownloads: true });
  return { context, userDataDir, close: async () => { await context.close(); rmSync(userDataDir, { recursive: true, force: true }); } };
}

export interface Env {
  readonly context: BrowserContext;
  readonly url: string;
  /** True against the production build. */
  readonly build: boolean;
}

export interface App {
  readonly page: Page;
  /** Console errors and uncaught page errors so far. */
  readonly errors: string[];
}

export interface OpenOptions {
  /** Route handlers installed before the page loads. */
  readonly routes?: [string, (route: Route) => unknown][];
  /** Wait for the app to be ready (default), for its first coverage and analysis ('idle'), or not at all. */
  readonly wait?: 'ready' | 'idle' | 'none';
  /** Keep the autosave (default: `?autosave=off`). */
  readonly autosave?: boolean;
  /**
   * 'all' (default): every mode of the panel shown at once (the feature journeys need no tab
   * navigation); 'tabs': the panel as a user sees it, one mode at a time (the layout journeys).
   */
  readonly modes?: 'all' | 'tabs';
}

/** Opens the app with the test hooks (`?debug`) and the given query (e.g. `cell=100`). */
export async function openApp(env: Env, query = '', o: OpenOptions = {}): Promise<App> {
  const page = await env.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const [pattern, handler] of o.routes ?? []) await page.route(pattern, handler);
  if (o.modes !== 'tabs') await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.documentElement.classList.add('e2e-all-modes')));
  const q = ['debug', ...(o.autosave ? [] : ['autosave=off']), ...(query ? [query] : [])].join('&');
  await page.goto(`${env.url}?${q}`);
  const wait = o.wait ?? 'idle';
  if (wait !== 'none') await page.waitForFunction(() => window.__phusong?.ready === true, null, { timeout: 90000 });
  if (wait === 'idle') await idle(page);
  return { page, errors };
}

/** Waits until nothing is computing: the coverage reconciled and drawn, the statistics done. */
export async function idle(page: Page, timeout = 240000): Promise<void> {
  await page.waitForFunction(() => window.__phusong?.coverageSeq > 0, null, { timeout, polling: 200 });
  await page.evaluate(() => window.__phusong.idle());
}

export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

export const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(RESULTS, name), fullPage });

export interface Journey {
  readonly name: string;
  /** In the smoke set: also run against the dev server that `npm start` serves (`--smoke`). */
  readonly smoke?: boolean;
  run(env: Env): Promise<void>;
}

/** Runs journeys one by one, each on pages of its own; prints "N passed, N failed". */
export async function runJourneys(env: Env, journeys: readonly Journey[]): Promise<number> {
  let passed = 0, failed = 0;
  const t0 = Date.now();
  for (const j of journeys) {
    const s = Date.now();
    try {
      await j.run(env);
      passed++;
      console.log(`  ✓ ${j.name} (${((Date.now() - s) / 1000).toFixed(1)} s)`);
    } catch (e) {
      failed++;
      console.log(`  ✗ ${j.name}\n      ${String((e as Error)?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
      // What each open page showed when it failed, for the reader of the log.
      for (const [i, p] of env.context.pages().entries()) {
        const file = join(RESULTS, `failed-${failed}-page-${i}${env.build ? '-build' : ''}.png`);
        if (await p.screenshot({ path: file, timeout: 10000 }).then(() => true, () => false)) console.log(`      screenshot: ${file}`);
      }
    } finally {
      for (const p of env.context.pages()) await p.close().catch(() => undefined);
    }
  }
  console.log(`e2e${env.build ? ' (production build)' : ''}: ${passed} passed, ${failed} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return failed;
}

/**
 * Browser benchmark: the app in headless chromium (software WebGL, every core a worker) on the
 * SYNTHETIC 400-site bench network (`?scenario=bench`), 50 m cells.
 * - full recompute of every layer of both carriers (`&carriers=all`): from the job's start to
 *   every tile merged, median of 3 (Compute button);
 * - one sector dragged 20 × 100 m through the app's drag path: move → repainted layer, p50 / p95;
 * - peak memory: the largest sum of the resident memory of this run's chromium processes (the
 *   browser started here and its descendants: renderer, GPU, workers) sampled every 200 ms over
 *   the whole run, MB;
 * - main-thread layer copies: every TypedArray `set`, `slice` or `from` of ≥ 1,000,000 elements
 *   on the main thread (an init script wraps them before the app loads), per full computation.
 * Prints one JSON object on the last line of stdout.
 *
 * `--app <url>` measures an app already served at that address (e.g. an older build) instead of
 * starting the dev server; `--query <a=b&c=d>` adds to the address (e.g. `ground=off`: the
 * coverage on uniform ground, as the first round computed it, to compare with an older app).
 */
import { execFileSync } from 'node:child_process';
import { launchBrowser, startDevServer, type Served } from '../tests/e2e/harness.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

/** Counts main-thread copies of big typed arrays (the page's own code, before the app loads). */
const COUNT_COPIES = () => {
  const w = window as unknown as { __copies: { n: number; bytes: number } };
  w.__copies = { n: 0, bytes: 0 };
  const BIG = 1_000_000;
  const count = (len: number, bpe: number) => {
    if (len >= BIG) {
      w.__copies.n++;
      w.__copies.bytes += len * bpe;
    }
  };
  for (const T of [Float64Array, Float32Array, Int32Array, Uint8Array, Int16Array, Uint32Array]) {
    const proto = T.prototype as unknown as { set(a: ArrayLike<number>, o?: number): void; slice(a?: number, b?: number): ArrayLike<number> };
    const set = proto.set, slice = proto.slice;
    proto.set = function (this: { BYTES_PER_ELEMENT: number }, a: ArrayLike<number>, o?: number) {
      count(a.length, this.BYTES_PER_ELEMENT);
      return set.call(this, a, o);
    };
    proto.slice = function (this: { BYTES_PER_ELEMENT: number }, a?: number, b?: number) {
      const r = slice.call(this, a, b);
      count(r.length, this.BYTES_PER_ELEMENT);
      return r;
    };
    const from = T.from.bind(T);
    (T as unknown as { from: typeof from }).from = ((src: ArrayLike<number>, ...rest: []) => {
      const r = from(src, ...rest);
      count(r.length, T.BYTES_PER_ELEMENT);
      return r;
    }) as typeof from;
  }
};

/**
 * Resident memory of this benchmark's chromium, MB: the browser process started with our
 * user-data dir and all its descendants (renderer, GPU, workers), from ps — other chromium
 * processes on the machine are not counted.
 */
function chromiumRssMb(userDataDir: string): number {
  try {
    const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' });
    const rows = out.split('\n').map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/)).filter((m): m is RegExpMatchArray => m !== null)
      .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), rssKb: Number(m[3]), args: m[4] }));
    const ours = new Set(rows.filter((r) => r.args.includes(`--user-data-dir=${userDataDir}`) && !r.args.includes('--type=')).map((r) => r.pid));
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of rows) if (!ours.has(r.pid) && ours.has(r.ppid)) { ours.add(r.pid); grew = true; }
    }
    return rows.filter((r) => ours.has(r.pid)).reduce((a, r) => a + r.rssKb, 0) / 1024;
  } catch {
    return 0;
  }
}

const argv = process.argv.slice(2);
const appAt = argv.indexOf('--app');
const served: Served = appAt >= 0 ? { url: argv[appAt + 1], close: async () => undefined } : await startDevServer();
const queryAt = argv.indexOf('--query');
const extra = queryAt >= 0 ? `&${argv[queryAt + 1]}` : '';
const browser = await launchBrowser();
const out: Record<string, unknown> = {};
let peakMb = 0;
const sampler = setInterval(() => (peakMb = Math.max(peakMb, chromiumRssMb(browser.userDataDir))), 200);
try {
  const full = await browser.context.newPage();
  await full.addInitScript(COUNT_COPIES);
  await full.goto(`${served.url}?scenario=bench&carriers=all&cell=50&autosave=off&debug${extra}`);
  await full.waitForFunction(() => window.__phusong?.lastJob != null, null, { timeout: 300000, polling: 250 });
  await full.waitForTimeout(3000);
  const copies = () => full.evaluate(() => ({ ...(window as unknown as { __copies: { n: number; bytes: number } }).__copies }));
  const times = [await full.evaluate(() => window.__phusong.lastJob!.totalMs)];
  const perJob: number[] = [];
  for (let r = 0; r < 2; r++) {
    const prev = await full.evaluate(() => window.__phusong.lastJob!.jobId);
    const c0 = await copies();
    await full.evaluate(() => (document.querySelector('#compute') as HTMLButtonElement).click());
    await full.waitForFunction((id) => window.__phusong.lastJob?.jobId !== id, prev, { timeout: 300000, polling: 250 });
    // the layer drawn and the statistics of the new coverage computed: the whole computation
    await full.waitForTimeout(8000);
    const c1 = await copies();
    perJob.push(c1.n - c0.n);
    times.push(await full.evaluate(() => window.__phusong.lastJob!.totalMs));
  }
  const job = await full.evaluate(() => window.__phusong.lastJob!);
  out.full_recompute_s_browser = +(median(times) / 1000).toFixed(3);
  out.browser_full_runs_s = times.map((t) => +(t / 1000).toFixed(2));
  out.browser_workers = Object.keys(job.groupsByWorker).length;
  out.browser_long_tasks_ms = job.mainThreadLongTasksMs.map((d: number) => Math.round(d));
  out.main_thread_layer_copies_per_computation = median(perJob);
  await full.close();

  const one = await browser.context.newPage();
  await one.goto(`${served.url}?scenario=bench&cell=50&autosave=off&debug${extra}`);
  await one.waitForFunction(() => window.__phusong?.lastJob != null, null, { timeout: 300000, polling: 250 });
  const drag = await one.evaluate(() => window.__phusong.benchSectorDrag(20, 100));
  out.drag_p50_ms = +quantile(drag.latenciesMs, 0.5).toFixed(1);
  out.drag_p95_ms = +quantile(drag.latenciesMs, 0.95).toFixed(1);
  out.drag_prime_ms_browser = Math.round(drag.primeMs);
  out.drag_sector = drag.sector;
  out.drag_worker_p50_ms = +quantile(drag.workersMs, 0.5).toFixed(1);
  out.browser_frame_ms = +median(drag.frameMs).toFixed(1);
  out.browser_peak_mb = Math.round(peakMb);
} finally {
  clearInterval(sampler);
  await browser.close();
  await served.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);

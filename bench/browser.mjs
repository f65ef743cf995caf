/**
 * Browser benchmark (issue 4): the app in headless chromium (software WebGL, all cores as
 * workers) on the SYNTHETIC 400-site bench network (`?scenario=bench`), 50 m cells.
 * - full recompute of every layer of both carriers (`&carriers=all`): time from the job's start
 *   (scene sent to the workers) to every tile merged, median of 3 (Compute button);
 * - one sector dragged 20 × 100 m through the app's edit path (window.__phusong.benchSectorDrag):
 *   time from move to repainted layer, p50 / p95.
 * Prints one JSON object on the last line of stdout.
 */
import { launchBrowser, openPage, startServer, waitForJob } from '../tests/e2e/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(q * xs.length) - 1)];

const { server, url } = await startServer();
const browser = await launchBrowser();
const out = {};
try {
  const full = await openPage(browser.context, `${url}?scenario=bench&carriers=all&cell=50`);
  let job = await waitForJob(full.page, 300000);
  const times = [job.totalMs];
  for (let r = 0; r < 2; r++) {
    const prev = job.jobId;
    await full.page.evaluate(() => document.querySelector('#compute').click());
    await full.page.waitForFunction((id) => window.__phusong.lastJob?.jobId !== id, prev, { timeout: 300000, polling: 250 });
    job = await waitForJob(full.page, 300000);
    times.push(job.totalMs);
  }
  out.full_recompute_s_browser = +(median(times) / 1000).toFixed(3);
  out.browser_full_runs_s = times.map((t) => +(t / 1000).toFixed(2));
  out.browser_workers = Object.keys(job.groupsByWorker).length;
  out.browser_long_tasks_ms = job.mainThreadLongTasksMs.map((d) => Math.round(d));
  await full.page.close();

  const one = await openPage(browser.context, `${url}?scenario=bench&cell=50`);
  await waitForJob(one.page, 300000);
  const drag = await one.page.evaluate(() => window.__phusong.benchSectorDrag(20, 100));
  out.drag_p50_ms = +quantile(drag.latenciesMs, 0.5).toFixed(1);
  out.drag_p95_ms = +quantile(drag.latenciesMs, 0.95).toFixed(1);
  out.drag_prime_ms_browser = Math.round(drag.primeMs);
  out.drag_sector = drag.sector;
  out.drag_worker_p50_ms = +quantile(drag.workersMs, 0.5).toFixed(1);
  out.browser_frame_ms = +median(drag.frameMs).toFixed(1);
  if (one.consoleErrors.length) out.console_errors = one.consoleErrors;
} finally {
  await browser.close();
  await server.close();
}
process.stdout.write(`${JSON.stringify(out)}\n`);

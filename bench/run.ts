/**
 * `npm run bench` (tsx bench/run.ts): runs every bench module, prints a table; with
 * `npm run bench -- --json` the LAST line of stdout is one JSON object of all metrics.
 * `--only <name>` runs one module.
 *
 * Adding a benchmark = one module exporting an async function returning a BenchResult, and
 * one entry in BENCHES below.
 */
import { spawnSync } from 'node:child_process';
import { benchPathlossBatch, type BenchResult } from './pathloss-batch.ts';
import { benchCoverage } from './coverage.ts';
import { benchItm } from './itm.ts';
import { runPlanningBench } from './planning.ts';
import { runMeasurementsBench } from './measurements.ts';

/** A bench that returns plain figures: each one a line of the table, all in the JSON. */
function figures(m: Record<string, number>, units: Readonly<Record<string, string>> = {}): BenchResult {
  return { lines: Object.entries(m).map(([k, v]) => ({ metric: k, value: v, unit: units[k] ?? (k.endsWith('_s') ? 's' : k.endsWith('_mb') ? 'MB' : k.endsWith('_ms') ? 'ms' : ''), note: '' })), metrics: m };
}

interface BenchEntry {
  readonly name: string;
  readonly run: () => Promise<BenchResult>;
}

/** The browser bench runs in its own process (chromium + dev server) and reports one JSON line. */
async function benchBrowser(): Promise<BenchResult> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/browser.ts'], { encoding: 'utf8', timeout: 900000 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench/browser.ts failed: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}`);
  const m = JSON.parse(last) as Record<string, number | string>;
  const p95 = Number(m.drag_p95_ms), full = Number(m.full_recompute_s_browser);
  return {
    lines: [
      { metric: `full recompute, both carriers, headless chromium, ${m.browser_workers} workers (median of 3)`, value: full * 1000, unit: 'ms', note: `target ≤ 5000: ${full <= 5 ? 'met' : 'missed'}` },
      { metric: `one sector dragged (${m.drag_sector}), 20 moves, app, p50`, value: Number(m.drag_p50_ms), unit: 'ms', note: `prime ${m.drag_prime_ms_browser} ms at drag start` },
      { metric: 'one sector dragged, 20 moves, app, p95', value: p95, unit: 'ms', note: `target ≤ 150: ${p95 <= 150 ? 'met' : 'missed'}` },
      { metric: 'of which: worker time per move, p50', value: Number(m.drag_worker_p50_ms), unit: 'ms', note: 'engine only' },
      { metric: 'one map frame with nothing changed (software WebGL), median', value: Number(m.browser_frame_ms), unit: 'ms', note: 'paid once per move' },
      { metric: 'peak resident memory of chromium (all processes), whole run', value: Number(m.browser_peak_mb), unit: 'MB', note: 'sampled every 200 ms' },
      { metric: 'main-thread copies of layers (≥ 1 M elements) per full computation', value: Number(m.main_thread_layer_copies_per_computation), unit: '', note: 'target 0' },
    ],
    metrics: m,
  };
}

const BENCHES: readonly BenchEntry[] = [
  { name: 'pathloss-batch', run: () => benchPathlossBatch() },
  { name: 'coverage', run: () => benchCoverage((s) => process.stdout.write(`  ${s}\n`)) },
  { name: 'browser', run: () => benchBrowser() },
  { name: 'itm', run: () => benchItm((s) => process.stdout.write(`  ${s}\n`)) },
  // Issue 13: the province at 100 m, 1,000 generated candidates, 30 picks with local search, 2 workers.
  { name: 'planning', run: async () => figures(await runPlanningBench({ workers: 2, log: (s) => process.stdout.write(`  ${s}\n`) })) },
  // Issue 14: 1,000,000 SYNTHETIC drive-test points: streamed import, comparison, k-fold fit.
  { name: 'measurements', run: async () => figures(await runMeasurementsBench({ log: (s) => process.stdout.write(`  ${s}\n`) })) },
];

function formatValue(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

async function runAll(argv: readonly string[]): Promise<number> {
  const json = argv.includes('--json');
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? argv[onlyAt + 1] : undefined;
  const selected = only === undefined ? BENCHES : BENCHES.filter((b) => b.name === only);
  if (selected.length === 0) {
    process.stderr.write(`bench: unknown bench ${JSON.stringify(only)}; valid: ${BENCHES.map((b) => b.name).join(', ')}\n`);
    return 2;
  }
  const rows: string[][] = [];
  const metrics: Record<string, number | boolean | string> = {};
  let failed = 0;
  for (const bench of selected) {
    process.stdout.write(`running ${bench.name}…\n`);
    try {
      const result = await bench.run();
      for (const line of result.lines) rows.push([bench.name, line.metric, `${formatValue(line.value)} ${line.unit}`, line.note]);
      Object.assign(metrics, result.metrics);
    } catch (err) {
      failed++;
      rows.push([bench.name, 'FAILED', '', err instanceof Error ? err.message : String(err)]);
      metrics[`${bench.name.replace(/-/g, '_')}_error`] = err instanceof Error ? err.message : String(err);
    }
  }
  const header = ['bench', 'metric', 'value', 'note'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r: readonly string[]) => r.map((cell, c) => (c === 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  process.stdout.write(`\n${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(fmt).join('\n')}\n`);
  if (json) process.stdout.write(`${JSON.stringify(metrics)}\n`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = await runAll(process.argv.slice(2));

/**
 * Benchmark: batch path loss of `38901-uma-expected` (3GPP TR 38.901 UMa, LOS-probability
 * weighted) over 1,000,000 generated links.
 *
 * - core: `model.pathLossDb(...)` over typed arrays (no CSV, no validation, no allocation in
 *   the loop), median rows/s of ≥ 5 timed runs after one warm-up; target ≥ 2,000,000 rows/s.
 * - evaluate: `model.evaluate({...})` (validation + warnings, one object per row), for information.
 * - cli: the whole `phusong pathloss` path in-process (read CSV → parse → evaluate → write CSV
 *   to a temporary file), one run, for information.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPathLossModel } from '../src/core/propagation/registry.ts';
import type { PathLossModel } from '../src/core/propagation/types.ts';
import { main } from '../src/cli/main.ts';
import { mulberry32 } from '../src/core/prng.ts';

/** One line of the human table. */
export interface BenchLine {
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** e.g. `target ≥ 2000000: met`. */
  readonly note: string;
}

/** What every bench module returns to bench/run.ts. */
export interface BenchResult {
  readonly lines: readonly BenchLine[];
  /** Flat key → value pairs merged into the `--json` object (keys prefixed by the module). */
  readonly metrics: Readonly<Record<string, number | boolean | string>>;
}

export interface PathlossBatchOptions {
  /** Links per run (default 1,000,000). */
  readonly rows?: number;
  /** Timed runs of the core loop (default 7; at least 5). */
  readonly runs?: number;
  /** Also time the full CLI path (default true). */
  readonly cli?: boolean;
}

export const PATHLOSS_BATCH_MODEL_ID = '38901-uma-expected';
/** Core throughput target of the issue, rows/s. */
export const PATHLOSS_BATCH_TARGET_ROWS_PER_S = 2_000_000;

/** Generated links; values are rounded as written to the CSV so every path sees the same numbers. */
interface Links {
  readonly freqMHz: Float64Array;
  readonly d2dM: Float64Array;
  readonly hBsM: Float64Array;
  readonly hUtM: Float64Array;
}

/** Deterministic links: 700–3800 MHz, 10 m–5 km (log-uniform), towers 20–45 m, terminals 1.5–2 m. */
export function generateLinks(rows: number, seed = 20251125): Links {
  const next = mulberry32(seed);
  const links: Links = { freqMHz: new Float64Array(rows), d2dM: new Float64Array(rows), hBsM: new Float64Array(rows), hUtM: new Float64Array(rows) };
  const logMin = Math.log(10);
  const logSpan = Math.log(5000) - logMin;
  for (let i = 0; i < rows; i++) {
    links.freqMHz[i] = Math.round(700 + 3100 * next());
    links.d2dM[i] = Math.round(Math.exp(logMin + logSpan * next()) * 100) / 100;
    links.hBsM[i] = Math.round((20 + 25 * next()) * 10) / 10;
    links.hUtM[i] = Math.round((1.5 + 0.5 * next()) * 100) / 100;
  }
  return links;
}

/** One pass of the hot loop; returns a checksum so the work cannot be optimised away. */
function coreRun(model: PathLossModel, links: Links, outDb: Float64Array): number {
  const { freqMHz, d2dM, hBsM, hUtM } = links;
  const n = outDb.length;
  for (let i = 0; i < n; i++) outDb[i] = model.pathLossDb(freqMHz[i], d2dM[i], hBsM[i], hUtM[i]);
  let sum = 0;
  for (let i = 0; i < n; i += 997) sum += outDb[i];
  return sum;
}

function evaluateRun(model: PathLossModel, links: Links, outDb: Float64Array): number {
  const { freqMHz, d2dM, hBsM, hUtM } = links;
  let warnings = 0;
  for (let i = 0; i < outDb.length; i++) {
    const r = model.evaluate({ freqMHz: freqMHz[i], d2dM: d2dM[i], hBsM: hBsM[i], hUtM: hUtM[i] });
    outDb[i] = r.plDb;
    warnings += r.warnings.length;
  }
  return warnings;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median rows/s of `runs` timed calls of `fn` after one warm-up call. */
function timeRowsPerS(rows: number, runs: number, fn: () => number): { rowsPerS: number; sink: number } {
  let sink = fn(); // warm-up (JIT)
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    sink += fn();
    const s = (performance.now() - t0) / 1000;
    rates.push(rows / s);
  }
  return { rowsPerS: median(rates), sink };
}

/** Runs the CLI in-process on a CSV of the same links; returns rows/s and the input size. */
async function cliRun(links: Links): Promise<{ rowsPerS: number; inputBytes: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'phusong-bench-'));
  try {
    const input = join(dir, 'cases.csv');
    const output = join(dir, 'out.csv');
    const parts: string[] = ['freq_mhz,d2d_m,h_bs_m,h_ut_m\n'];
    for (let i = 0; i < links.d2dM.length; i++) parts.push(`${links.freqMHz[i]},${links.d2dM[i]},${links.hBsM[i]},${links.hUtM[i]}\n`);
    writeFileSync(input, parts.join(''));
    let stderr = '';
    const t0 = performance.now();
    const code = await main(['pathloss', '--model', PATHLOSS_BATCH_MODEL_ID, '--input', input, '--output', output], { stdout: () => undefined, stderr: (t) => void (stderr += t) });
    const s = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`phusong pathloss failed in the bench: ${stderr.trim()}`);
    return { rowsPerS: links.d2dM.length / s, inputBytes: statSync(input).size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The benchmark of this module (see the file header). */
export async function benchPathlossBatch(options: PathlossBatchOptions = {}): Promise<BenchResult> {
  const rows = options.rows ?? 1_000_000;
  const runs = Math.max(5, options.runs ?? 7);
  const model = getPathLossModel(PATHLOSS_BATCH_MODEL_ID);
  if (!model) throw new Error(`model ${PATHLOSS_BATCH_MODEL_ID} is not in the registry`);
  const links = generateLinks(rows);
  const outDb = new Float64Array(rows);

  const core = timeRowsPerS(rows, runs, () => coreRun(model, links, outDb));
  if (!Number.isFinite(core.sink)) throw new Error('core loop produced a non-finite path loss');
  const evaluate = timeRowsPerS(rows, 5, () => evaluateRun(model, links, outDb));
  const cli = options.cli === false ? undefined : await cliRun(links);

  const meets = core.rowsPerS >= PATHLOSS_BATCH_TARGET_ROWS_PER_S;
  const lines: BenchLine[] = [
    { metric: `core pathLossDb, ${PATHLOSS_BATCH_MODEL_ID}, ${rows} rows, median of ${runs}`, value: core.rowsPerS, unit: 'rows/s', note: `target ≥ ${PATHLOSS_BATCH_TARGET_ROWS_PER_S}: ${meets ? 'met' : 'NOT met'}` },
    { metric: `evaluate() with validation + warnings, median of 5`, value: evaluate.rowsPerS, unit: 'rows/s', note: 'information' },
  ];
  const metrics: Record<string, number | boolean | string> = {
    pathloss_batch_rows_per_s: Math.round(core.rowsPerS),
    pathloss_batch_target_rows_per_s: PATHLOSS_BATCH_TARGET_ROWS_PER_S,
    pathloss_batch_meets_target: meets,
    pathloss_batch_evaluate_rows_per_s: Math.round(evaluate.rowsPerS),
    pathloss_batch_rows: rows,
    pathloss_batch_runs: runs,
    pathloss_batch_model: PATHLOSS_BATCH_MODEL_ID,
  };
  if (cli) {
    lines.push({ metric: `CLI pathloss CSV in → CSV out (${(cli.inputBytes / 1e6).toFixed(1)} MB in), 1 run`, value: cli.rowsPerS, unit: 'rows/s', note: 'information' });
    metrics.pathloss_batch_cli_rows_per_s = Math.round(cli.rowsPerS);
  }
  return { lines, metrics };
}

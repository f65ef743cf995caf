/**
 * `npm run bench` (tsx bench/run.ts): runs every bench module, prints a table; with
 * `npm run bench -- --json` the LAST line of stdout is one JSON object of all metrics.
 * `--only <name>` runs one module.
 *
 * Adding a benchmark = one module exporting an async function returning a BenchResult, and
 * one entry in BENCHES below.
 */
import { benchPathlossBatch, type BenchResult } from './pathloss-batch.ts';

interface BenchEntry {
  readonly name: string;
  readonly run: () => Promise<BenchResult>;
}

const BENCHES: readonly BenchEntry[] = [{ name: 'pathloss-batch', run: () => benchPathlossBatch() }];

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

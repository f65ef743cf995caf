/**
 * The committed corpus of bad files (tests/fixtures/bad/, issue 16): each file goes through
 * the door its name says, and what the user is told must contain the message of
 * tests/fixtures/bad/expected.json (written by hand from the contract: file, row or path,
 * field, reason). Doors by file-name prefix:
 *   scenario-*.json        scenario file (parseScenario + enforceFieldRules, the app / CLI door)
 *   sites-*.csv|.geojson   site import (decodeImportBytes + importSites), row problems as
 *                          "<file> row <n>, column <c>: <reason>"
 *   boundary-*.geojson     boundary file (parseBoundaryGeoJson with name property "name", its
 *                          problems and nameProblem, then checkComputeArea)
 *   service-area-*.geojson service-area file (parseServiceArea)
 *   antenna-*.msi          MSI antenna file (parseMsi)
 *   share-link-*.txt       a share-link fragment (decodeScenarioFragment)
 *   cases-*.csv            `phusong pathloss --model fspl --input <file>` (stderr)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScenario } from '../../src/core/scenario/scenario.ts';
import { enforceFieldRules } from '../../src/core/scenario/fields.ts';
import { decodeImportBytes, importSites } from '../../src/core/scenario/import.ts';
import { parseBoundaryGeoJson, ringsOf } from '../../src/core/boundaries/boundaries.ts';
import { checkComputeArea } from '../../src/core/boundaries/compute-area.ts';
import { parseServiceArea } from '../../src/core/scenario/service-area.ts';
import { parseMsi } from '../../src/core/antenna/msi.ts';
import { decodeScenarioFragment } from '../../src/state/share-url.ts';
import { main } from '../../src/cli/main.ts';

const DIR = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));
const expected: Record<string, string> = JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8'));
const inside = (lon: number, lat: number) => lon >= 105.68 && lon <= 106.8 && lat >= 9.52 && lat <= 10.35;
const sample = JSON.parse(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'));

/** What the door tells the user about `file`: the error message, or the problems, one a line. */
async function told(file: string): Promise<string> {
  const path = join(DIR, file);
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  try {
    if (file.startsWith('scenario-')) return enforceFieldRules(parseScenario(text, file, inside), file, { inside }).problems.join('\n');
    if (file.startsWith('sites-')) {
      const p = importSites(decodeImportBytes(bytes, file), file, sample, { inside });
      return p.problems.map((q) => `${file} row ${q.row}, column ${q.column}: ${q.reason}`).join('\n');
    }
    if (file.startsWith('boundary-')) {
      // As the drop zone reads it (no name property yet: which one can name the areas?), then
      // as the communes with name property "name", then as the area to compute.
      const lines: string[] = [];
      const attempt = (fn: () => string[]) => {
        try {
          lines.push(...fn());
        } catch (e) {
          lines.push((e as Error).message);
        }
      };
      attempt(() => {
        const r = parseBoundaryGeoJson(text, file);
        return [...r.problems, r.nameProblem ?? ''];
      });
      attempt(() => parseBoundaryGeoJson(text, file, 'name').problems);
      attempt(() => {
        checkComputeArea(parseBoundaryGeoJson(text, file).features.flatMap((f) => ringsOf(f.geometry)), [], 50, file);
        return [];
      });
      return lines.join('\n');
    }
    if (file.startsWith('service-area-')) return JSON.stringify(parseServiceArea(text, file, inside));
    if (file.startsWith('antenna-')) return parseMsi(text, file).name;
    if (file.startsWith('share-link-')) return (await decodeScenarioFragment(text.trim()))?.problems.join('\n') ?? '';
    if (file.startsWith('cases-')) {
      let stderr = '';
      await main(['pathloss', '--model', 'fspl', '--input', path], { stdout: () => undefined, stderr: (t) => void (stderr += t) });
      return stderr.replaceAll(path, file);
    }
    throw new Error(`no door for ${file}`);
  } catch (e) {
    return (e as Error).message.replaceAll(path, file);
  }
}

describe('corpus of bad files (tests/fixtures/bad)', () => {
  const files = readdirSync(DIR).filter((f) => f !== 'expected.json' && f !== 'README.md').sort();
  it('every file has an expected message and every expected message a file', () => {
    expect(files).toEqual(Object.keys(expected).sort());
  });
  it.each(files)('%s', async (file) => {
    expect(await told(file)).toContain(expected[file]);
  });
});

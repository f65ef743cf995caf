/**
 * `npm run data`: puts the Vĩnh Long data files where the app serves them (public/data/),
 * copying them from ../shared/data/vinh-long/ and checking each against the sha256 in
 * data/manifest.json. The copies are git-ignored; the manifest is the committed truth.
 * The files are the boundaries (GeoJSON, CSV) and two rasters: WorldPop 2020 population
 * (`vinh-long-population-2020-1km.tif`) and the GSHHG water mask (`vinh-long-water-gshhg-3s.tif`),
 * see docs/ground.md.
 *
 * - Source folder absent: prints a note and exits 0; the app then starts without boundaries and
 *   asks the user to drop a GeoJSON file.
 * - A file present but with the wrong sha256 (or missing from a present folder): exit 1, naming
 *   the file, and nothing of that file is copied.
 * The sample scenario (data/scenarios/sample-network.json, committed) is copied alongside.
 * Override the source folder with PHUSONG_SHARED_DATA=/path/to/vinh-long.
 */
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ManifestEntry { file: string; sha256: string; bytes: number; role: string }
interface Manifest { source: string; files: ManifestEntry[] }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'data', 'manifest.json'), 'utf8')) as Manifest;
const sourceDir = process.env.PHUSONG_SHARED_DATA ?? resolve(root, manifest.source);
const outDir = join(root, 'public', 'data');
mkdirSync(outDir, { recursive: true });

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

let failed = 0;
if (!existsSync(sourceDir)) {
  console.warn(`data: ${sourceDir} not found; the app will start without boundaries and ask for a GeoJSON file (see README, "Data").`);
  for (const e of manifest.files) rmSync(join(outDir, e.file), { force: true });
} else {
  for (const e of manifest.files) {
    const src = join(sourceDir, e.file);
    const dst = join(outDir, e.file);
    if (!existsSync(src)) {
      console.error(`data: ${src} is missing (expected ${e.bytes} bytes, sha256 ${e.sha256})`);
      failed++;
      continue;
    }
    const got = sha256(src);
    if (got !== e.sha256) {
      console.error(`data: ${src} has sha256 ${got}, expected ${e.sha256} (data/manifest.json); not copied`);
      failed++;
      continue;
    }
    if (existsSync(dst) && sha256(dst) === e.sha256) continue;
    rmSync(`${dst}.tmp`, { force: true });
    copyFileSync(src, `${dst}.tmp`);
    chmodSync(`${dst}.tmp`, 0o644);
    renameSync(`${dst}.tmp`, dst);
  }
  if (!failed) console.log(`data: ${manifest.files.length} data files (boundaries, population and water rasters) verified (sha256) and in public/data/`);
}

const scenario = join(root, 'data', 'scenarios', 'sample-network.json');
if (existsSync(scenario)) copyFileSync(scenario, join(outDir, 'sample-network.json'));
process.exit(failed ? 1 : 0);

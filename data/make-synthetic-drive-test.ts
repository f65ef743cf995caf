/**
 * `npx tsx data/make-synthetic-drive-test.ts [options]`: writes a SYNTHETIC drive test over the
 * sample network (data/scenarios/sample-network.json), with a known answer, for trying and
 * checking `phusong calibrate` and the app's measurement import. It is not a measurement: the
 * file name, the `synthetic_*` columns and the truth file say so.
 *
 * - Paths: road-like polylines started near `--sites` sites of the carrier (chosen in turn from
 *   the urban ones, which carry NR in the sample, and the rural ones), src/core/measurements/synthetic.ts.
 * - Prediction ("the model"): the coverage engine's link budget of each sector of the carrier at
 *   the point (src/core/coverage/readout.ts `sectorTermsAt`: EIRP per RE, antenna pattern,
 *   the sector's path-loss model); the serving sector is the best predicted one.
 * - Hidden correction per clutter class, on top of the prediction: see TRUTH below. Until the
 *   clutter map of the ground issue exists the classes come from a stand-in layout written in
 *   the truth file: dense urban within 600 m of an urban (NR) site, urban within 1.5 km,
 *   suburban within 3 km, open/rural elsewhere.
 * - Shadowing: Gudmundson, σ = `--sigma-db` (7), decorrelation distance `--decorrelation-m` (50).
 * - Columns: time, lat, lon, rsrp_dbm, pci, earfcn, nr_arfcn, cell_id (= the sector id), then
 *   synthetic_sector, synthetic_class, synthetic_shadow_db. PCI = sector index mod 504 (the
 *   scenario has no PCIs yet; the truth file lists them).
 * Output: `--out` (default data/examples/synthetic-drive-test.csv) and, beside it,
 * `<name>.truth.json`. Deterministic: the same options give the same files.
 * Input: public/data/vinh-long-province-2025.geojson (run `npm run data` first).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { sectorTermsAt } from '../src/core/coverage/readout.ts';
import { planScene, sceneMask } from '../src/core/coverage/scene.ts';
import { CLUTTER_TYPES } from '../src/core/clutter/p2108.ts';
import { gridBBox } from '../src/core/grid/grid.ts';
import { lonLatToUtm } from '../src/core/grid/projection.ts';
import { parseScenario } from '../src/core/scenario/scenario.ts';
import { driveTestCsv, generateDriveTest, type ClassTruth, type SyntheticSector } from '../src/core/measurements/synthetic.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(root, 'data/examples/synthetic-drive-test.csv') },
    carrier: { type: 'string', default: 'lte1800' },
    seed: { type: 'string', default: '20260105' },
    sites: { type: 'string', default: '8' },
    paths: { type: 'string', default: '96' },
    'length-km': { type: 'string', default: '10' },
    'step-m': { type: 'string', default: '20' },
    'sigma-db': { type: 'string', default: '7' },
    'decorrelation-m': { type: 'string', default: '50' },
  },
});
const num = (name: keyof typeof args, min: number, max: number): number => {
  const v = Number(args[name]);
  if (!(v >= min && v <= max)) throw new Error(`--${name}: expected a number from ${min} to ${max}, got ${JSON.stringify(args[name])}`);
  return v;
};

/** The hidden correction by P.2108 class index (CLUTTER_TYPES order); water and trees: none. */
const TRUTH: readonly (ClassTruth | undefined)[] = [
  undefined,
  { offsetDb: 3, slopeDbPerDecade: -4 }, // open-rural
  { offsetDb: -2, slopeDbPerDecade: 3 }, // suburban
  { offsetDb: -5, slopeDbPerDecade: 5 }, // urban
  undefined, // trees-forest
  { offsetDb: -8, slopeDbPerDecade: -2 }, // dense-urban
];

const scenarioPath = join(root, 'data/scenarios/sample-network.json');
const { scenario } = parseScenario(readFileSync(scenarioPath, 'utf8'), 'sample-network.json');
const province = JSON.parse(readFileSync(join(root, 'public/data/vinh-long-province-2025.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
const rings: Position[][] = province.features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
const scene = planScene(scenario, rings, { carrierIds: [args.carrier as string], cellSizeM: 100 });
if (scene.sectors.length === 0) throw new Error(`carrier ${args.carrier}: no sector in ${scenarioPath}`);

// Urban sites: those with an NR sector in the sample (5G "in key areas").
const urbanSiteIds = new Set(scenario.sites.filter((s) => s.sectors.some((x) => x.carrierId.startsWith('nr'))).map((s) => s.id));
const urbanXY = scenario.sites.filter((s) => urbanSiteIds.has(s.id)).map((s) => lonLatToUtm(s.lonDeg, s.latDeg));
const CLASS = { openRural: 1, suburban: 2, urban: 3, denseUrban: 5 };
function classAt(x: number, y: number): number {
  let d = Infinity;
  for (const [ux, uy] of urbanXY) d = Math.min(d, Math.hypot(x - ux, y - uy));
  return d < 600 ? CLASS.denseUrban : d < 1500 ? CLASS.urban : d < 3000 ? CLASS.suburban : CLASS.openRural;
}

const carrier = scenario.carriers.find((c) => c.id === args.carrier);
const earfcn = carrier && carrier.tech === 'LTE' && carrier.band === 'B3' ? Math.round(1200 + (carrier.freqMHz - 1805) * 10) : undefined;
const nrArfcn = carrier && carrier.tech === 'NR' && carrier.freqMHz >= 3000 ? Math.round(600000 + (carrier.freqMHz - 3000) / 0.015) : undefined;
const sectors: SyntheticSector[] = scene.sectors.map((s) => ({ index: s.index, xM: s.xM, yM: s.yM, pci: s.index % 504, earfcn, nrArfcn, cellId: s.id }));
const predict = (index: number, x: number, y: number) => sectorTermsAt(scene.sectors[index], scene.ueHeightM, x, y, scene.options).rsrpDbm;

// Start sites: urban and rural in turn, spread over the list (deterministic).
const siteCount = num('sites', 1, 100);
const bySite = new Map<string, { xM: number; yM: number }>();
for (const s of scene.sectors) bySite.set(s.siteId, { xM: s.xM, yM: s.yM });
const urban = [...bySite].filter(([id]) => urbanSiteIds.has(id));
const rural = [...bySite].filter(([id]) => !urbanSiteIds.has(id));
const starts: { xM: number; yM: number }[] = [];
const startIds: string[] = [];
for (let k = 0; starts.length < siteCount && k < bySite.size; k++) {
  const list = k % 2 === 0 ? urban : rural;
  if (list.length === 0) continue;
  const [id, xy] = list[Math.floor((k / 2) * 7919) % list.length];
  if (startIds.includes(id)) continue;
  starts.push(xy);
  startIds.push(id);
}

const options = {
  seed: num('seed', 0, 2 ** 32 - 1), pathCount: num('paths', 1, 10000), pathLengthM: num('length-km', 0.1, 1000) * 1000, stepM: num('step-m', 1, 1000),
  shadowSigmaDb: num('sigma-db', 0, 20), decorrelationM: num('decorrelation-m', 1, 10000),
};
// Paths stay inside the province (the scene's mask of grid cells).
const mask = sceneMask(scene);
const g = scene.grid;
const inside = (x: number, y: number) => {
  const c = Math.floor((x - g.originX) / g.cellSizeM), r = Math.floor((g.originY - y) / g.cellSizeM);
  return c >= 0 && r >= 0 && c < g.width && r < g.height && mask[r * g.width + c] === 1;
};
const dt = generateDriveTest({ ...options, sectors, predictRsrpDbm: predict, classAt, truth: TRUTH, starts, bounds: gridBBox(g), inside, candidateRadiusM: 5000 });

const out = resolve(args.out as string);
writeFileSync(out, [...driveTestCsv(dt, { sectorLabel: (i) => scene.sectors[i].id })].join(''));
const truthPath = out.replace(/\.csv$/i, '') + '.truth.json';
const perClass = new Map<number, number>();
for (let i = 0; i < dt.count; i++) perClass.set(dt.clutterClass[i], (perClass.get(dt.clutterClass[i]) ?? 0) + 1);
writeFileSync(truthPath, JSON.stringify({
  name: 'synthetic',
  note: 'SYNTHETIC drive test: generated, not measured (data/make-synthetic-drive-test.ts)',
  scenario: 'data/scenarios/sample-network.json',
  carrier: args.carrier,
  points: dt.count,
  ...options,
  referenceDistanceKm: 1,
  classLayout: 'stand-in until the clutter map exists: dense-urban < 600 m from an urban (NR) site, urban < 1.5 km, suburban < 3 km, open-rural elsewhere',
  truth: TRUTH.flatMap((t, c) => (t ? [{ class: c, className: CLUTTER_TYPES[c], offsetDb: t.offsetDb, slopeDbPerDecade: t.slopeDbPerDecade, points: perClass.get(c) ?? 0 }] : [])),
  startSites: startIds,
  pci: 'sector index in the carrier scene mod 504; cell_id = sector id',
}, null, 2) + '\n');
process.stdout.write(`${out}: ${dt.count} SYNTHETIC points on ${args.carrier}, ${startIds.length} start sites; truth in ${truthPath}\n`);

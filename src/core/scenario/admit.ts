/**
 * The one gate of scenarios. Every door — a scenario file (app and `phusong coverage`), a share
 * link, the autosave record — goes through {@link gateScenario}, then the field rules
 * (fields.ts `enforceFieldRules`); {@link admitScenario} and {@link admitScenarioText} do both.
 * `parseScenario` (scenario.ts) is text → {@link checkScenarioText} → `JSON.parse` → the gate.
 *
 * What the gate decides, and why two kinds of outcome:
 * - **Refused** (throws {@link ScenarioFileError}; {@link ScenarioFieldError} names the field's
 *   path, e.g. `scenario.json: sites[3].sectors[1].id: must be text (an id), got the number 7`):
 *   whatever makes the file not a phusong scenario or makes references ambiguous — not JSON, a
 *   newer schema, a list entry that is not an object (`privateNetworks: [null]`), an id or a
 *   reference that is not text (two sites `123` would both be accepted and then break every
 *   lookup), a repeated carrier / site / sector / private-network id, a root field of the wrong
 *   type or out of range (`ueHeightM: 1e308`), an invalid service area (same reason text as the
 *   import of a service-area file), more than {@link SCENARIO_LIMITS} allow (entries, text
 *   length, JSON nesting), sites but no usable carrier. A refusal changes nothing: the caller
 *   keeps what it had.
 * - **Dropped and reported** (`problems`, wording `<file>: site <id>, field <name>: <reason>`):
 *   a value of one site or carrier that is missing, not a number or out of range. One mistyped
 *   azimuth must not lose the other 300 sites.
 *
 * Service areas are checked for validity and size (service-area.ts) but not against the
 * province: the inside test can come from a boundary the user dropped, and a network outside it
 * must not make the user's own file unreadable. Sites outside are dropped and reported, as
 * before; a site's `privateNetworkId` is not required to name a network (the import can add such
 * sites, and dropping them on the next load would lose work).
 *
 * The scenario returned is rebuilt from the known fields only (unknown members are left out),
 * with names sanitised (text.ts: no bidi overrides or zero-width characters). So nothing deep,
 * cyclic or unexpected reaches the app's state, the autosave (structured clone) or a share
 * link (JSON.stringify): the gate reads a bounded number of levels whatever the input, and
 * never recurses into data.
 *
 * No schema library: each range is already declared once in fields.ts `FIELD_SPECS` with
 * Vietnamese and English messages, and the gate must keep valid sites while reporting invalid
 * ones; a zod / valibot schema would be a second declaration of the same ranges plus an adapter
 * from its issue list to these two outcomes.
 */
import { checkClutterTable, type ClutterRow, type ClutterTable } from '../clutter/table.ts';
import { CLUTTER_TYPES } from '../clutter/p2108.ts';
import type { Polygon } from 'geojson';
import type { Carrier, InsideTest, PrivateNetwork, Scenario, ScenarioCheck, Sector, SectorAntenna, Site } from './scenario.ts';
import { ScenarioFieldError, ScenarioFileError } from './scenario-error.ts';
import { CURRENT_SCENARIO_SCHEMA_VERSION, migrateScenarioJson, ScenarioVersionError } from './migrate.ts';
import { checkServiceArea, ServiceAreaError } from './service-area.ts';
import { describeValue, quoteShort, sanitizeText } from './text.ts';
import { checkNumberField, enforceFieldRules, formatValidationMessage } from './fields.ts';
import { admitCalibratedModel } from '../measurements/admit-calibration.ts';
import type { CalibratedModel } from '../measurements/calibrate.ts';

/**
 * Size limits of a scenario (each refusal names the limit). Chosen well above real networks:
 * the sample has 335 sites of at most 6 sectors and 3 carriers; a province's three operators
 * together run a few thousand sites.
 */
export const SCENARIO_LIMITS = {
  /** Characters of a scenario's JSON text. */
  maxTextChars: 64 * 1024 * 1024,
  /** Nesting of arrays / objects in the JSON text (a valid scenario nests 7 levels). */
  maxDepth: 16,
  maxCarriers: 64,
  maxSites: 20_000,
  maxSectorsPerSite: 32,
  maxPrivateNetworks: 100,
  /** Characters of an id (the field rules then ask for 1–64 of a restricted set). */
  maxIdChars: 256,
  /** Characters of a name, band or model id (the field rules then ask for ≤ 200 in a name). */
  maxNameChars: 1000,
  maxDescriptionChars: 20_000,
} as const;

/** What the gate can check beyond the file itself. */
export interface AdmitContext {
  /** Inside-province test: a site outside is dropped (service areas are not tested: see file header). */
  readonly inside?: InsideTest;
  /** Path-loss model ids; a sector with another is dropped. Defaults to the registry's. */
  readonly knownModelIds?: readonly string[];
}

/** Default UE height when a file has none, m (TR 38.901 outdoor UE). */
const DEFAULT_UE_HEIGHT_M = 1.5;

/**
 * Refuses a scenario text that is too long or nested too deep before it is parsed: a linear
 * scan (strings skipped), no recursion, so a 4 MB `[[[[…` is refused in milliseconds.
 * @throws ScenarioFileError naming the file and the limit
 */
export function checkScenarioText(text: string, fileName: string): void {
  if (text.length > SCENARIO_LIMITS.maxTextChars) {
    throw new ScenarioFileError(fileName, `${text.length} characters, more than the ${SCENARIO_LIMITS.maxTextChars} a scenario file may have`);
  }
  const max = SCENARIO_LIMITS.maxDepth;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) throw new ScenarioFileError(fileName, `nested more than ${max} levels deep at character ${i + 1}: not a scenario (a scenario nests 7 levels)`);
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
}

/**
 * Text → scenario through the whole gate: size and nesting, JSON, schema migration, structure
 * ({@link gateScenario}) and field rules (`enforceFieldRules`).
 * @throws ScenarioFileError (or its ScenarioFieldError) when the scenario is refused
 */
export function admitScenarioText(text: string, source: string, ctx: AdmitContext = {}): ScenarioCheck {
  checkScenarioText(text, source);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFileError(source, `not valid JSON (${(e as Error).message})`);
  }
  return admitScenario(json, source, ctx);
}

/**
 * A parsed value (the autosave record's scenario, a decoded link) → scenario, through the
 * structure gate and the field rules. The value is not modified.
 * @param source - file or door name used in every message ("autosave", "shared link")
 * @throws ScenarioFileError (or its ScenarioFieldError) when the scenario is refused
 */
export function admitScenario(value: unknown, source: string, ctx: AdmitContext = {}): ScenarioCheck {
  return enforceFieldRules(gateScenario(value, source, ctx), source, { inside: ctx.inside, knownModelIds: ctx.knownModelIds });
}

/**
 * The structure gate (see file header): schema migration, types, ids, references, limits,
 * service areas, root ranges; sites with a missing or out-of-range value are dropped with
 * parseScenario's historical, looser ranges (`heightM` in (0, 1000) m…), the field rules then
 * apply the editor's.
 * @throws ScenarioFileError / ScenarioFieldError
 */
export function gateScenario(value: unknown, fileName: string, ctx: AdmitContext = {}): ScenarioCheck {
  const refuse = (path: string, reason: string): never => {
    throw new ScenarioFieldError(fileName, path, reason);
  };
  if (!isObj(value)) throw new ScenarioFileError(fileName, 'expected a JSON object');
  let migrated: unknown;
  try {
    migrated = migrateScenarioJson(value).json;
  } catch (e) {
    if (e instanceof ScenarioVersionError) throw new ScenarioFileError(fileName, e.message);
    throw e;
  }
  if (!isObj(migrated)) throw new ScenarioFileError(fileName, 'expected a JSON object');
  const json = migrated;
  const carriersIn = own(json, 'carriers');
  const sitesIn = own(json, 'sites');
  if (!Array.isArray(carriersIn) || !Array.isArray(sitesIn)) throw new ScenarioFileError(fileName, 'expected arrays "carriers" and "sites"');
  const pnIn = own(json, 'privateNetworks') ?? [];
  if (!Array.isArray(pnIn)) refuse('privateNetworks', `must be a list, got ${describeValue(pnIn)}`);
  const limit = (path: string, n: number, max: number, what: string) => {
    if (n > max) refuse(path, `${n} ${what}, more than the ${max} a scenario may hold`);
  };
  limit('carriers', carriersIn.length, SCENARIO_LIMITS.maxCarriers, 'carriers');
  limit('sites', sitesIn.length, SCENARIO_LIMITS.maxSites, 'sites');
  limit('privateNetworks', (pnIn as unknown[]).length, SCENARIO_LIMITS.maxPrivateNetworks, 'private networks');

  const name = optionalText(json, 'name', '', SCENARIO_LIMITS.maxNameChars, refuse);
  const description = optionalText(json, 'description', '', SCENARIO_LIMITS.maxDescriptionChars, refuse);
  const sample = own(json, 'sample') ?? false;
  if (typeof sample !== 'boolean') refuse('sample', `must be true or false, got ${describeValue(sample)}`);
  const ueRaw = own(json, 'ueHeightM');
  let ueHeightM = DEFAULT_UE_HEIGHT_M;
  if (ueRaw !== undefined && ueRaw !== null) {
    if (typeof ueRaw !== 'number') refuse('ueHeightM', `must be a number of metres, got ${describeValue(ueRaw)}`);
    const r = checkNumberField('ueHeightM', ueRaw);
    if (!r.ok) refuse('ueHeightM', formatValidationMessage(r.message));
    ueHeightM = ueRaw as number;
  }

  const problems: string[] = [];

  // Carriers: ids are text and unique (refused otherwise); bad values drop the carrier.
  const carriers: Carrier[] = [];
  const carrierIndex = new Map<string, number>();
  carriersIn.forEach((c: unknown, i: number) => {
    const path = `carriers[${i}]`;
    if (!isObj(c)) return refuse(path, `must be an object, got ${describeValue(c)}`);
    const id = requireId(c, path, SCENARIO_LIMITS.maxIdChars, 'an id such as "lte1800"', refuse);
    const first = carrierIndex.get(id);
    if (first !== undefined) refuse(`${path}.id`, `${quoteShort(id)} is also the id of carriers[${first}]; carrier ids must be unique`);
    carrierIndex.set(id, i);
    const where = `${fileName}: carrier ${id}`;
    for (const k of ['freqMHz', 'bandwidthMHz', 'scsKHz'] as const) {
      const v = own(c, k);
      if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) return problems.push(`${where}, field ${k}: must be a number > 0, got ${jsonOf(v)}`);
    }
    const tech = own(c, 'tech');
    if (tech !== 'LTE' && tech !== 'NR') return problems.push(`${where}, field tech: must be "LTE" or "NR", got ${jsonOf(tech)}`);
    const band = own(c, 'band');
    if (typeof band !== 'string' || band.length > SCENARIO_LIMITS.maxNameChars) return problems.push(`${where}, field band: must be a band name such as "n78", got ${jsonOf(band)}`);
    carriers.push({ id, tech, band, freqMHz: own(c, 'freqMHz') as number, bandwidthMHz: own(c, 'bandwidthMHz') as number, scsKHz: own(c, 'scsKHz') as number });
  });
  if (sitesIn.length > 0 && carriers.length === 0) {
    refuse('carriers', carriersIn.length === 0
      ? `the scenario has ${sitesIn.length} site${sitesIn.length === 1 ? '' : 's'} but no carrier`
      : `none of the ${carriersIn.length} carrier${carriersIn.length === 1 ? ' is' : 's is'} valid, so no site could be kept (${problems[0].slice(fileName.length + 2)})`);
  }
  const carrierIds = new Set(carriers.map((c) => c.id));
  const carrierTech = new Map(carriers.map((c) => [c.id, c.tech]));

  // Sites: ids and references are text and unique (refused otherwise); bad values drop the site.
  const sites: Site[] = [];
  const siteIndex = new Map<string, number>();
  sitesIn.forEach((s: unknown, i: number) => {
    const path = `sites[${i}]`;
    if (!isObj(s)) return refuse(path, `must be an object, got ${describeValue(s)}`);
    const id = requireId(s, path, SCENARIO_LIMITS.maxIdChars, 'an id such as "S001"', refuse);
    const first = siteIndex.get(id);
    if (first !== undefined) refuse(`${path}.id`, `${quoteShort(id)} is also the id of sites[${first}]; site ids must be unique`);
    siteIndex.set(id, i);
    const pnId = own(s, 'privateNetworkId');
    if (pnId !== undefined && pnId !== null && (typeof pnId !== 'string' || pnId.length > SCENARIO_LIMITS.maxIdChars)) {
      refuse(`${path}.privateNetworkId`, `must be text (the id of a private network), got ${describeValue(pnId)}`);
    }
    const sectorsIn = own(s, 'sectors');
    if (Array.isArray(sectorsIn)) {
      limit(`${path}.sectors`, sectorsIn.length, SCENARIO_LIMITS.maxSectorsPerSite, 'sectors');
      const sectorIndex = new Map<string, number>();
      sectorsIn.forEach((sec: unknown, k: number) => {
        const sp = `${path}.sectors[${k}]`;
        if (!isObj(sec)) return refuse(sp, `must be an object, got ${describeValue(sec)}`);
        const sid = requireId(sec, sp, SCENARIO_LIMITS.maxIdChars, 'an id such as "S001-L1"', refuse);
        const firstSector = sectorIndex.get(sid);
        if (firstSector !== undefined) refuse(`${sp}.id`, `${quoteShort(sid)} is also the id of ${path}.sectors[${firstSector}]; sector ids must be unique in a site`);
        sectorIndex.set(sid, k);
        const cid = own(sec, 'carrierId');
        if (typeof cid !== 'string' || cid.length > SCENARIO_LIMITS.maxIdChars) refuse(`${sp}.carrierId`, `must be text (the id of a carrier), got ${describeValue(cid)}`);
        const cell = own(sec, 'cellId');
        if (cell !== undefined && cell !== null && (typeof cell !== 'string' || cell.length > SCENARIO_LIMITS.maxIdChars)) refuse(`${sp}.cellId`, `must be text (a cell identity such as "452040123456"), got ${describeValue(cell)}`);
      });
    }
    const problem = siteProblem(s, carrierIds, ctx, carrierTech);
    if (problem) return problems.push(`${fileName}: site ${id}, ${problem}`);
    sites.push(cleanSite(s, id));
  });

  // Private networks: every entry an object with a text id, a name and a valid service area.
  const privateNetworks: PrivateNetwork[] = [];
  const pnIndex = new Map<string, number>();
  (pnIn as unknown[]).forEach((n, i) => {
    const path = `privateNetworks[${i}]`;
    if (!isObj(n)) return refuse(path, `must be an object with id, name and serviceArea, got ${describeValue(n)}`);
    const id = requireId(n, path, SCENARIO_LIMITS.maxIdChars, 'an id such as "PN1"', refuse);
    const first = pnIndex.get(id);
    if (first !== undefined) refuse(`${path}.id`, `${quoteShort(id)} is also the id of privateNetworks[${first}]; ids must be unique`);
    pnIndex.set(id, i);
    const pnName = optionalText(n, 'name', '', SCENARIO_LIMITS.maxNameChars, (p, r) => refuse(`${path}.${p}`, r));
    const area = own(n, 'serviceArea');
    if (!isObj(area) || own(area, 'type') !== 'Polygon' || !Array.isArray(own(area, 'coordinates'))) {
      refuse(`${path}.serviceArea`, `must be a GeoJSON Polygon, got ${isObj(area) ? `type ${describeValue(own(area, 'type'))}` : describeValue(area)}`);
    }
    let serviceArea: Polygon;
    try {
      serviceArea = checkServiceArea({ type: 'Polygon', coordinates: own(area as Record<string, unknown>, 'coordinates') as Polygon['coordinates'] }, fileName, `${path}.serviceArea`);
    } catch (e) {
      if (!(e instanceof ServiceAreaError)) throw e;
      const at = e.ring === undefined ? '' : `.coordinates[${e.ring}]${e.vertex === undefined ? '' : `[${e.vertex}]`}`;
      throw new ScenarioFieldError(fileName, `${path}.serviceArea${at}`, e.reason);
    }
    privateNetworks.push({ id, name: pnName, serviceArea });
  });

  // The clutter table: every class and field checked, rebuilt from the known fields only.
  const ctIn = own(json, 'clutterTable');
  let clutterTable: ClutterTable | undefined;
  if (ctIn !== undefined && ctIn !== null) {
    const problems = checkClutterTable(ctIn);
    if (problems.length) {
      const [path, ...rest] = problems[0].split(': ');
      refuse(path, rest.join(': '));
    }
    const t = ctIn as Record<string, ClutterRow>;
    clutterTable = Object.fromEntries(CLUTTER_TYPES.map((c) => [c, {
      clutterHeightM: t[c].clutterHeightM, loss: t[c].loss, fixedLossDb: t[c].fixedLossDb, building: t[c].building, shadowSigmaDb: t[c].shadowSigmaDb,
    }])) as unknown as ClutterTable;
  }

  // The calibrated model: every member checked, rebuilt from the known members only.
  const calIn = own(json, 'calibration');
  const calibration: CalibratedModel | undefined = calIn === undefined || calIn === null ? undefined : admitCalibratedModel(calIn, (p, r) => refuse(`calibration${p}`, r));

  const scenario: Scenario = {
    schemaVersion: CURRENT_SCENARIO_SCHEMA_VERSION,
    name: own(json, 'name') === undefined || own(json, 'name') === null ? fileName : name,
    sample: sample as boolean,
    description,
    ueHeightM,
    carriers,
    sites,
    privateNetworks,
    ...(clutterTable ? { clutterTable } : {}),
    ...(calibration ? { calibration } : {}),
  };
  return { scenario, problems };
}

/**
 * The first problem of a site under parseScenario's structural ranges (looser than the
 * editor's), in its historical wording, or null. Ids and references were checked by the gate.
 */
function siteProblem(s: Record<string, unknown>, carrierIds: ReadonlySet<string>, ctx: AdmitContext, carrierTech: ReadonlyMap<string, string> = new Map()): string | null {
  const lat = own(s, 'latDeg');
  const lon = own(s, 'lonDeg');
  if (lat === undefined || lat === null) return 'field latDeg: missing';
  if (lon === undefined || lon === null) return 'field lonDeg: missing';
  if (typeof lat !== 'number' || !Number.isFinite(lat)) return `field latDeg: not a number (${jsonOf(lat)})`;
  if (typeof lon !== 'number' || !Number.isFinite(lon)) return `field lonDeg: not a number (${jsonOf(lon)})`;
  if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) return `fields latDeg/lonDeg: latDeg=${lat} is not a latitude; latitude and longitude look swapped`;
  if (Math.abs(lat) > 90) return `field latDeg: ${lat} is outside −90…90`;
  if (Math.abs(lon) > 180) return `field lonDeg: ${lon} is outside −180…180`;
  const inside = ctx.inside;
  if (inside && !inside(lon, lat)) {
    if (inside(lat, lon)) return `fields latDeg/lonDeg: (${lat}, ${lon}) is outside the province; swapped it would be inside`;
    return `fields latDeg/lonDeg: (${lat}, ${lon}) is outside the province`;
  }
  const heightM = own(s, 'heightM');
  if (!(typeof heightM === 'number' && heightM > 0 && heightM < 1000)) return `field heightM: must be a number in (0, 1000) m, got ${jsonOf(heightM)}`;
  const name = own(s, 'name');
  if (name !== undefined && name !== null && typeof name !== 'string') return `field name: must be text, got ${describeValue(name)}`;
  if (typeof name === 'string' && name.length > SCENARIO_LIMITS.maxNameChars) return `field name: ${name.length} characters, more than ${SCENARIO_LIMITS.maxNameChars}`;
  for (const k of ['kind', 'status'] as const) {
    const v = own(s, k);
    if (v !== undefined && v !== null && typeof v !== 'string') return `field ${k}: must be text, got ${describeValue(v)}`;
  }
  const sectors = own(s, 'sectors');
  if (!Array.isArray(sectors) || sectors.length === 0) return 'field sectors: must be a non-empty array';
  for (const sec of sectors as Record<string, unknown>[]) {
    const sid = own(sec, 'id') as string;
    const carrierId = own(sec, 'carrierId') as string;
    if (!carrierIds.has(carrierId)) return `sector ${sid}, field carrierId: unknown carrier ${jsonOf(carrierId)}`;
    for (const k of ['azimuthDeg', 'mechanicalTiltDeg', 'electricalTiltDeg', 'txPowerDbm', 'feederLossDb'] as const) {
      const v = own(sec, k);
      if (!(typeof v === 'number' && Number.isFinite(v))) return `sector ${sid}, field ${k}: not a number (${jsonOf(v)})`;
    }
    const az = own(sec, 'azimuthDeg') as number;
    if (az < 0 || az >= 360) return `sector ${sid}, field azimuthDeg: ${az} is outside 0–360`;
    // Cell identity for drive-test matching (docs/measurements.md): PCI by the carrier's technology.
    const pci = own(sec, 'pci');
    const maxPci = carrierTech.get(carrierId) === 'LTE' ? 503 : 1007;
    if (pci !== undefined && pci !== null && !(typeof pci === 'number' && Number.isInteger(pci) && pci >= 0 && pci <= maxPci)) {
      return `sector ${sid}, field pci: must be a whole number 0–${maxPci} (${carrierTech.get(carrierId) ?? 'NR'} physical cell id), got ${jsonOf(pci)}`;
    }
    const cellId = own(sec, 'cellId');
    if (typeof cellId === 'string' && !(sanitizeText(cellId).trim().length >= 1 && sanitizeText(cellId).trim().length <= 64)) {
      return `sector ${sid}, field cellId: must be 1–64 characters, got ${jsonOf(cellId)}`;
    }
    const modelId = own(sec, 'modelId');
    if (typeof modelId !== 'string' || modelId.length > SCENARIO_LIMITS.maxNameChars) return `sector ${sid}, field modelId: must be a model id, got ${jsonOf(modelId)}`;
    if (ctx.knownModelIds && !ctx.knownModelIds.includes(modelId)) return `sector ${sid}, field modelId: unknown model ${jsonOf(modelId)}`;
    const ant = own(sec, 'antenna');
    if (!isObj(ant) || (own(ant, 'type') !== '3gpp-sector' && own(ant, 'type') !== 'omni') || typeof own(ant, 'maxGainDbi') !== 'number') {
      return `sector ${sid}, field antenna: needs type "3gpp-sector" or "omni" and maxGainDbi`;
    }
    for (const k of ['maxGainDbi', 'hBeamwidthDeg', 'vBeamwidthDeg', 'frontToBackDb', 'sideLobeDb'] as const) {
      const v = own(ant, k);
      if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) return `sector ${sid}, field antenna.${k}: not a number (${jsonOf(v)})`;
    }
  }
  return null;
}

/** A site rebuilt from its known fields (checked by {@link siteProblem}); name sanitised. */
function cleanSite(s: Record<string, unknown>, id: string): Site {
  const name = own(s, 'name');
  const sectors = (own(s, 'sectors') as Record<string, unknown>[]).map((sec): Sector => {
    const ant = own(sec, 'antenna') as Record<string, unknown>;
    const antenna: { -readonly [K in keyof SectorAntenna]: SectorAntenna[K] } = { type: own(ant, 'type') as SectorAntenna['type'], maxGainDbi: own(ant, 'maxGainDbi') as number };
    for (const k of ['hBeamwidthDeg', 'vBeamwidthDeg', 'frontToBackDb', 'sideLobeDb'] as const) {
      const v = own(ant, k);
      if (typeof v === 'number') antenna[k] = v;
    }
    return {
      id: own(sec, 'id') as string,
      carrierId: own(sec, 'carrierId') as string,
      azimuthDeg: own(sec, 'azimuthDeg') as number,
      mechanicalTiltDeg: own(sec, 'mechanicalTiltDeg') as number,
      electricalTiltDeg: own(sec, 'electricalTiltDeg') as number,
      txPowerDbm: own(sec, 'txPowerDbm') as number,
      feederLossDb: own(sec, 'feederLossDb') as number,
      antenna,
      modelId: own(sec, 'modelId') as string,
      ...(typeof own(sec, 'pci') === 'number' ? { pci: own(sec, 'pci') as number } : {}),
      ...(typeof own(sec, 'cellId') === 'string' ? { cellId: sanitizeText(own(sec, 'cellId') as string).trim() } : {}),
    };
  });
  const site: Record<string, unknown> = {
    id,
    name: typeof name === 'string' ? sanitizeText(name) : '',
    lonDeg: own(s, 'lonDeg'),
    latDeg: own(s, 'latDeg'),
    heightM: own(s, 'heightM'),
  };
  // Absent kind / status stay absent: the field rules name them as missing.
  for (const k of ['kind', 'status'] as const) if (typeof own(s, k) === 'string') site[k] = own(s, k);
  const pn = own(s, 'privateNetworkId');
  if (typeof pn === 'string') site.privateNetworkId = pn;
  site.sectors = sectors;
  return site as unknown as Site;
}

/** The `id` member: text no longer than `max`, else refused with the member's path. */
function requireId(o: Record<string, unknown>, path: string, max: number, example: string, refuse: (path: string, reason: string) => never): string {
  const id = own(o, 'id');
  if (typeof id !== 'string') return refuse(`${path}.id`, `must be text (${example}), got ${describeValue(id)}`);
  if (id.length > max) return refuse(`${path}.id`, `${id.length} characters, more than the ${max} an id may have`);
  return id;
}

/** An optional text member, sanitised; refused when not text or longer than `max`. */
function optionalText(o: Record<string, unknown>, key: string, dflt: string, max: number, refuse: (path: string, reason: string) => never): string {
  const v = own(o, key);
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'string') return refuse(key, `must be text, got ${describeValue(v)}`);
  if (v.length > max) return refuse(key, `${v.length} characters, more than the ${max} allowed`);
  return sanitizeText(v);
}

/** An own member (never one inherited from Object.prototype, whatever the input's keys). */
function own(o: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** JSON text of a primitive as the historical messages quote it; the kind of a list or an object. */
function jsonOf(v: unknown): string {
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'an object';
  if (typeof v === 'string') return quoteShort(v, 60);
  return String(JSON.stringify(v));
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

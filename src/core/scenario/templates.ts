/**
 * Site templates: what the "add site" tool drops on the map. Each template is a named, valid
 * site of one class (macro, low-band macro, small cell, private 5G outdoor / indoor) with the
 * carriers it needs, so that a new site computes at once and every parameter is a sensible
 * starting point the planner then edits.
 *
 * Typical values and where they come from:
 * - Macro panels: 65° horizontal beamwidth, 30 dB front-to-back (TR 38.901 Table 7.3-1's Am),
 *   10° vertical beamwidth and 20 dB side-lobe limit (3GPP TR 36.814 Table A.2.1.1-2's 3-D
 *   pattern), 17–18 dBi at 1.8–3.5 GHz and ~15 dBi at 700 MHz (the gains of 2 m / 1.4 m
 *   panels on manufacturers' data sheets); the same figures as the sample network
 *   (data/make-sample-network.ts).
 * - Macro power 46 dBm (40 W) per sector and carrier: the common remote-radio rating; TR 36.814
 *   Table A.2.1.1-2 uses 46 dBm per 10 MHz for system simulations. NR 3.5 GHz 49 dBm on the SSB
 *   beam, as the sample network.
 * - Small cell 37 dBm (2 × 5 W outdoor small-cell class) on a 10 m pole, omni; private outdoor
 *   37 dBm at 15 m (as the sample's private cells); indoor 24 dBm (250 mW) at ceiling height
 *   3 m, the order of indoor radio units and of 3GPP indoor-hotspot evaluations.
 * - Tilts: 2° mechanical plus 3° (LTE) / 6° (NR) electrical for macros, 8° electrical for the
 *   lower private cells, so the main beam lands a few hundred metres to ~2 km out.
 * - Models (src/core/propagation/registry.ts): UMa for the 1800 + 3500 macro (towns), RMa for
 *   the 700 MHz rural coverage layer, UMi street canyon for small and private outdoor cells,
 *   InH NLOS for the indoor cell. The planner changes them per sector.
 */
import type { Carrier, Sector, SectorAntenna, Site } from './scenario.ts';

export type SiteTemplateId = 'macro-lte1800-nr3500' | 'macro-lte700' | 'small-cell-lte1800' | 'private-5g-outdoor' | 'private-5g-indoor';

/** A sector of a template: everything but id and carrier (the carrier is the template's key). */
interface TemplateSector {
  readonly carrierKey: string;
  /** Sector id suffix letter: `L` LTE, `N` NR (`S001-L1` as in the sample network). */
  readonly letter: 'L' | 'N';
  readonly azimuthDeg: number;
  readonly mechanicalTiltDeg: number;
  readonly electricalTiltDeg: number;
  readonly txPowerDbm: number;
  readonly feederLossDb: number;
  readonly antenna: SectorAntenna;
  readonly modelId: string;
}

export interface SiteTemplate {
  readonly id: SiteTemplateId;
  readonly nameVi: string;
  readonly nameEn: string;
  /** Prefix of the new site's id: `M` → M001, M002, … */
  readonly idPrefix: string;
  readonly kind: Site['kind'];
  readonly heightM: number;
  /** Carriers the template uses, keyed by the id they get when the scenario has no equal one. */
  readonly carriers: readonly Carrier[];
  readonly sectors: readonly TemplateSector[];
}

const LTE1800: Carrier = { id: 'lte1800', tech: 'LTE', band: 'B3', freqMHz: 1842.5, bandwidthMHz: 20, scsKHz: 15 };
const NR3500: Carrier = { id: 'nr3500', tech: 'NR', band: 'n78', freqMHz: 3500, bandwidthMHz: 100, scsKHz: 30 };
const LTE700: Carrier = { id: 'lte700', tech: 'LTE', band: 'B28', freqMHz: 778, bandwidthMHz: 10, scsKHz: 15 };
/** Private 5G: 40 MHz in the upper n78 range, as the sample's campus network. */
const PN3700: Carrier = { id: 'pn3700', tech: 'NR', band: 'n78', freqMHz: 3750, bandwidthMHz: 40, scsKHz: 30 };

const MACRO_PANEL: SectorAntenna = { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 };
const LOW_BAND_PANEL: SectorAntenna = { ...MACRO_PANEL, maxGainDbi: 15, vBeamwidthDeg: 15 };
const PRIVATE_PANEL: SectorAntenna = { type: '3gpp-sector', maxGainDbi: 12, hBeamwidthDeg: 65, vBeamwidthDeg: 30, frontToBackDb: 25, sideLobeDb: 20 };

const THREE_WAYS = [0, 120, 240] as const;

export const SITE_TEMPLATES: readonly SiteTemplate[] = [
  {
    id: 'macro-lte1800-nr3500',
    nameVi: 'Trạm macro 3 sector LTE 1800 + NR 3500',
    nameEn: 'Macro, 3 sectors, LTE 1800 + NR 3500',
    idPrefix: 'M',
    kind: 'macro',
    heightM: 30,
    carriers: [LTE1800, NR3500],
    sectors: [
      ...THREE_WAYS.map((az) => ({ carrierKey: 'lte1800', letter: 'L' as const, azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: 3, txPowerDbm: 46, feederLossDb: 2, antenna: MACRO_PANEL, modelId: '38901-uma-expected' })),
      ...THREE_WAYS.map((az) => ({ carrierKey: 'nr3500', letter: 'N' as const, azimuthDeg: az, mechanicalTiltDeg: 2, electricalTiltDeg: 6, txPowerDbm: 49, feederLossDb: 1, antenna: { ...MACRO_PANEL, maxGainDbi: 18 }, modelId: '38901-uma-expected' })),
    ],
  },
  {
    id: 'macro-lte700',
    nameVi: 'Trạm macro băng thấp LTE 700',
    nameEn: 'Low-band macro, LTE 700',
    idPrefix: 'LB',
    kind: 'macro',
    heightM: 40,
    carriers: [LTE700],
    sectors: THREE_WAYS.map((az) => ({ carrierKey: 'lte700', letter: 'L' as const, azimuthDeg: az, mechanicalTiltDeg: 0, electricalTiltDeg: 2, txPowerDbm: 46, feederLossDb: 2, antenna: LOW_BAND_PANEL, modelId: '38901-rma-expected' })),
  },
  {
    id: 'small-cell-lte1800',
    nameVi: 'Trạm nhỏ (small cell) LTE 1800',
    nameEn: 'Small cell, LTE 1800',
    idPrefix: 'SC',
    kind: 'small-cell',
    heightM: 10,
    carriers: [LTE1800],
    sectors: [{ carrierKey: 'lte1800', letter: 'L', azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 37, feederLossDb: 0, antenna: { type: 'omni', maxGainDbi: 5 }, modelId: '38901-umi-expected' }],
  },
  {
    id: 'private-5g-outdoor',
    nameVi: 'Trạm 5G dùng riêng ngoài trời',
    nameEn: 'Private 5G, outdoor',
    idPrefix: 'PO',
    kind: 'private-outdoor',
    heightM: 15,
    carriers: [PN3700],
    sectors: THREE_WAYS.map((az) => ({ carrierKey: 'pn3700', letter: 'N' as const, azimuthDeg: az, mechanicalTiltDeg: 0, electricalTiltDeg: 8, txPowerDbm: 37, feederLossDb: 1, antenna: PRIVATE_PANEL, modelId: '38901-umi-expected' })),
  },
  {
    id: 'private-5g-indoor',
    nameVi: 'Trạm 5G dùng riêng trong nhà',
    nameEn: 'Private 5G, indoor',
    idPrefix: 'PI',
    kind: 'private-indoor',
    heightM: 3,
    carriers: [PN3700],
    sectors: [{ carrierKey: 'pn3700', letter: 'N', azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 24, feederLossDb: 0, antenna: { type: 'omni', maxGainDbi: 3 }, modelId: '38901-inh-nlos' }],
  },
];

export function getSiteTemplate(id: SiteTemplateId): SiteTemplate {
  const t = SITE_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown site template "${String(id)}" (known: ${SITE_TEMPLATES.map((x) => x.id).join(', ')})`);
  return t;
}

export interface NewSite {
  readonly site: Site;
  /** Carriers the site uses that the scenario lacks: add them with the site. */
  readonly newCarriers: Carrier[];
}

const sameRadio = (a: Carrier, b: Carrier): boolean =>
  a.tech === b.tech && a.band === b.band && a.freqMHz === b.freqMHz && a.bandwidthMHz === b.bandwidthMHz && a.scsKHz === b.scsKHz;

/** First id `<base>`, `<base>-2`, `<base>-3`, … not in `taken`. */
function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

/**
 * A new site of a template at a point, with a unique id (`M001`, `SC002`, … the first number
 * free among `existingIds`), no name (the app shows a dictionary name made from the id, in the
 * language of the moment), status `candidate`, and the template's carriers: an equal carrier
 * already in the scenario (same tech, band, frequency, bandwidth, SCS) is reused whatever its
 * id; otherwise the template's carrier is returned in `newCarriers` (renamed `pn3700-2` etc. if
 * its id is taken by a different carrier).
 * @param lonLat - [longitude, latitude], WGS 84 degrees
 * @param existingIds - ids of the scenario's sites
 * @param carriers - the scenario's carriers
 */
export function newSiteFromTemplate(templateId: SiteTemplateId, lonLat: readonly [number, number], existingIds: Iterable<string>, carriers: readonly Carrier[]): NewSite {
  const template = getSiteTemplate(templateId);
  const [lonDeg, latDeg] = lonLat;
  if (!Number.isFinite(lonDeg) || !Number.isFinite(latDeg) || Math.abs(latDeg) > 90 || Math.abs(lonDeg) > 180) {
    throw new RangeError(`site position must be [longitude, latitude] in degrees, got [${lonDeg}, ${latDeg}]`);
  }
  const taken = new Set(existingIds);
  let n = 1;
  const siteId = (k: number) => `${template.idPrefix}${String(k).padStart(3, '0')}`;
  while (taken.has(siteId(n))) n++;
  const id = siteId(n);

  const carrierIdByKey = new Map<string, string>();
  const newCarriers: Carrier[] = [];
  const carrierIdsTaken = new Set(carriers.map((c) => c.id));
  for (const c of template.carriers) {
    const existing = carriers.find((x) => sameRadio(x, c));
    if (existing) {
      carrierIdByKey.set(c.id, existing.id);
      continue;
    }
    const cid = freeId(c.id, carrierIdsTaken);
    carrierIdsTaken.add(cid);
    carrierIdByKey.set(c.id, cid);
    newCarriers.push({ ...c, id: cid });
  }

  const counters = { L: 0, N: 0 };
  const sectors: Sector[] = template.sectors.map((t) => {
    counters[t.letter]++;
    return {
      id: `${id}-${t.letter}${counters[t.letter]}`,
      carrierId: carrierIdByKey.get(t.carrierKey)!,
      azimuthDeg: t.azimuthDeg,
      mechanicalTiltDeg: t.mechanicalTiltDeg,
      electricalTiltDeg: t.electricalTiltDeg,
      txPowerDbm: t.txPowerDbm,
      feederLossDb: t.feederLossDb,
      antenna: { ...t.antenna },
      modelId: t.modelId,
    };
  });
  // No name: the app shows a made-up name in the language of the moment ("Trạm M001" / "Site M001").
  const site: Site = { id, name: '', lonDeg, latDeg, heightM: template.heightM, kind: template.kind, status: 'candidate', sectors };
  return { site, newCarriers };
}

/**
 * The site editor's form rules that need no DOM: the fields, the text a field shows for the
 * committed site, the site with one field set to a checked value, and the position from the
 * drafts of both coordinate fields (src/core/scenario/fields.ts checks each value).
 */
import { checkLonLat, checkNumber, FIELD_SPECS, msg, type FieldResult } from '../core/scenario/fields.ts';
import type { Carrier, InsideTest, Sector, SectorAntenna, Site } from '../core/scenario/scenario.ts';

export type SiteField = 'name' | 'lonDeg' | 'latDeg' | 'heightM' | 'status' | 'privateNetworkId';
export type SectorNumberField = 'azimuthDeg' | 'mechanicalTiltDeg' | 'electricalTiltDeg' | 'txPowerDbm' | 'feederLossDb';
export type AntennaNumberField = 'maxGainDbi' | 'hBeamwidthDeg' | 'vBeamwidthDeg' | 'frontToBackDb' | 'sideLobeDb';
export type SectorField = SectorNumberField | AntennaNumberField | 'carrierId' | 'antennaType' | 'modelId' | 'pci' | 'cellId';
export type Field = SiteField | SectorField;

export const SECTOR_NUMBER_FIELDS: readonly SectorNumberField[] = ['azimuthDeg', 'mechanicalTiltDeg', 'electricalTiltDeg', 'txPowerDbm', 'feederLossDb'];
export const ANTENNA_NUMBER_FIELDS: readonly AntennaNumberField[] = ['maxGainDbi', 'hBeamwidthDeg', 'vBeamwidthDeg', 'frontToBackDb', 'sideLobeDb'];

const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T = never>(message: Extract<FieldResult<T>, { ok: false }>['message']): FieldResult<T> => ({ ok: false, message });

/** The text a field shows for the committed site (sector null: a site field). */
export function committedText(site: Site, sector: number | null, field: Field): string {
  if (sector === null) {
    const v = site[field as SiteField];
    return v === undefined ? '' : String(v);
  }
  const s = site.sectors[sector];
  if (!s) return '';
  if (field === 'antennaType') return s.antenna.type;
  if ((ANTENNA_NUMBER_FIELDS as readonly string[]).includes(field)) {
    const v = s.antenna[field as AntennaNumberField];
    return v === undefined ? '' : String(v);
  }
  return String(s[field as keyof Sector] ?? '');
}

/** Physical cell identities: LTE 0–503 (TS 36.211 §6.11), NR 0–1007 (TS 38.211 §7.4.2.1). */
export const MAX_PCI = { LTE: 503, NR: 1007 } as const;

/**
 * A PCI typed in the sector editor: empty = none; else a whole number within the carrier's range.
 * @param raw - the field's text
 * @param tech - the sector's carrier technology
 */
export function checkPci(raw: string, tech: 'LTE' | 'NR'): FieldResult<number | undefined> {
  if (raw.trim() === '') return ok(undefined);
  const r = checkNumber({ kind: 'number', unit: '', min: 0, max: MAX_PCI[tech], integer: true }, raw);
  return r.ok ? ok(r.value) : r;
}

/** The technology of a sector's carrier (NR when the sector or its carrier is unknown: the wider PCI range). */
export function sectorTech(site: Site | null, sector: number | null, carriers: readonly Pick<Carrier, 'id' | 'tech'>[]): 'LTE' | 'NR' {
  const s = sector === null ? undefined : site?.sectors[sector];
  return carriers.find((c) => c.id === s?.carrierId)?.tech ?? 'NR';
}

/** A cell identity (ECGI / NCGI or the operator's name of the cell): empty = none; else 1–64 characters. */
export function checkCellId(raw: string): FieldResult<string | undefined> {
  const s = raw.trim();
  if (s === '') return ok(undefined);
  return s.length <= 64 ? ok(s) : fail(msg('valTextTooLong', { max: 64, length: s.length }));
}

/** The site with one field set to a checked value (a new object; the site is unchanged). */
export function withValue(site: Site, sector: number | null, field: Field, value: unknown): Site {
  if (sector === null) {
    if (field === 'lonDeg' || field === 'latDeg') return { ...site, ...(value as { lonDeg: number; latDeg: number }) };
    if (field === 'privateNetworkId' && value === undefined) {
      const { privateNetworkId: _dropped, ...rest } = site;
      return rest;
    }
    return { ...site, [field]: value };
  }
  const sectors = site.sectors.map((s, i) => {
    if (i !== sector) return s;
    if (field === 'antennaType') {
      if (value === s.antenna.type) return s;
      const antenna: SectorAntenna = value === 'omni'
        ? { type: 'omni', maxGainDbi: s.antenna.maxGainDbi }
        : {
          type: '3gpp-sector',
          maxGainDbi: s.antenna.maxGainDbi,
          hBeamwidthDeg: FIELD_SPECS.hBeamwidthDeg.defaultValue,
          vBeamwidthDeg: FIELD_SPECS.vBeamwidthDeg.defaultValue,
          frontToBackDb: FIELD_SPECS.frontToBackDb.defaultValue,
          sideLobeDb: FIELD_SPECS.sideLobeDb.defaultValue,
        };
      return { ...s, antenna };
    }
    if ((ANTENNA_NUMBER_FIELDS as readonly string[]).includes(field)) return { ...s, antenna: { ...s.antenna, [field]: value } };
    // An emptied PCI or cell id is no value at all (the key goes, as in a scenario file without it).
    if ((field === 'pci' || field === 'cellId') && value === undefined) {
      const { [field]: _dropped, ...rest } = s;
      return rest;
    }
    return { ...s, [field]: value };
  });
  return { ...site, sectors };
}

/**
 * The position from the drafts of both coordinate fields; when the other field's draft is
 * invalid, this field's draft with the other's committed value.
 */
export function coordsFromDrafts(site: Site, lonDraft: string, latDraft: string, edited: 'lonDeg' | 'latDeg', inside?: InsideTest): FieldResult<{ lonDeg: number; latDeg: number }> {
  const whole = (r: ReturnType<typeof checkLonLat>): FieldResult<{ lonDeg: number; latDeg: number }> | null =>
    r.lon.ok && r.lat.ok && r.pair.ok ? ok({ lonDeg: r.lon.value, latDeg: r.lat.value }) : null;
  const a = checkLonLat(lonDraft, latDraft, inside);
  const both = whole(a);
  if (both) return both;
  const own = edited === 'lonDeg' ? a.lon : a.lat;
  const other = edited === 'lonDeg' ? a.lat : a.lon;
  if (!own.ok) return fail(own.message);
  if (other.ok && !a.pair.ok) return fail(a.pair.message);
  const b = edited === 'lonDeg' ? checkLonLat(lonDraft, site.latDeg, inside) : checkLonLat(site.lonDeg, latDraft, inside);
  const alone = whole(b);
  if (alone) return alone;
  const own2 = edited === 'lonDeg' ? b.lon : b.lat;
  const other2 = edited === 'lonDeg' ? b.lat : b.lon;
  if (!own2.ok) return fail(own2.message);
  if (!b.pair.ok) return fail(b.pair.message);
  return other2.ok ? fail(msg('valRequired')) : fail(other2.message);
}

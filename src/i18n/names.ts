/**
 * Names in the current language: a site or a proposal without a name (made by a template or the
 * planner) gets a dictionary name made from its id; administrative units get their type word in
 * the reader's order ("Phường Long Châu" / "Long Châu Ward"; a numbered ward "Phường 8" /
 * "Ward 8"); a carrier its label with numbers in the language's format. The names themselves
 * (Long Châu, Bến Tre, the user's site names) are proper names and stay as written.
 */
import type { Carrier } from '../core/scenario/scenario.ts';
import { getLang, t, type MessageKey } from './i18n.ts';

/** A site's name as shown: its own, or "Trạm M001" / "Site M001" when it has none. */
export function siteName(site: { readonly id: string; readonly name: string }): string {
  return site.name.trim() || t('siteDefaultName', { id: site.id });
}

/** A planning proposal's name as shown: its own, or one made from its id (and the people of its gap for a gap centre). */
export function candidateName(c: { readonly id: string; readonly name: string; readonly gapPeople?: number }): string {
  if (c.name.trim()) return c.name;
  return c.gapPeople !== undefined ? t('candidateGapName', { id: c.id, people: c.gapPeople }) : t('candidateDefaultName', { id: c.id });
}

/** A scenario's title as shown: its name, or "untitled" in the current language. */
export function scenarioTitle(sc: { readonly name: string }): string {
  return sc.name.trim() || t('untitledScenario');
}

/** A carrier as the carrier menu shows it: `LTE B3 · 1.842,5 MHz · 20 MHz` / `LTE B3 · 1,842.5 MHz · 20 MHz`. */
export function carrierLabel(c: Pick<Carrier, 'tech' | 'band' | 'freqMHz' | 'bandwidthMHz'>): string {
  return t('carrierLabel', { tech: c.tech, band: c.band, freq: c.freqMHz, bw: c.bandwidthMHz });
}

/** Vietnamese type words of administrative units (as the boundary files and the crosswalk write them) and their dictionary keys. */
const UNIT_TYPES: readonly [string, MessageKey][] = [
  ['thành phố', 'unit-thanh-pho'], ['thị xã', 'unit-thi-xa'], ['thị trấn', 'unit-thi-tran'],
  ['phường', 'unit-phuong'], ['xã', 'unit-xa'], ['huyện', 'unit-huyen'], ['tỉnh', 'unit-tinh'],
];

/** The dictionary key of a Vietnamese type word ("Phường", "thành phố", or the files' `phuong`), or null. */
export function unitTypeKey(typeVi: string): MessageKey | null {
  const s = typeVi.trim().toLowerCase();
  const ascii = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/\s+/g, '-');
  return UNIT_TYPES.find(([w, key]) => w === s || key === `unit-${ascii}`)?.[1] ?? null;
}

/** A type word in the current language ("Phường" / "Ward"); the word itself when unknown. */
export function unitTypeText(typeVi: string): string {
  const key = unitTypeKey(typeVi);
  return key ? t(key) : typeVi;
}

/** A name with its type word in the current language's order; a numbered unit keeps the word first ("Ward 8"). */
export function unitName(typeVi: string, name: string): string {
  const key = unitTypeKey(typeVi);
  if (!key) return typeVi ? `${typeVi} ${name}` : name;
  return t(/^\d+$/.test(name.trim()) ? 'unitNumbered' : 'unitNamed', { type: t(key), name });
}

/** Splits "Phường Long Châu" into its type word and name; a name without a known type word has type ''. */
export function splitUnitName(full: string): { readonly type: string; readonly name: string } {
  const s = full.trim();
  const lower = s.toLowerCase();
  for (const [w] of UNIT_TYPES) {
    if (lower.startsWith(`${w} `)) return { type: s.slice(0, w.length), name: s.slice(w.length + 1).trim() };
  }
  return { type: '', name: s };
}

/**
 * A full unit name as the files write it, in the current language: "Phường 8 (thành phố Bến Tre)"
 * → "Ward 8 (Bến Tre City)" in English, as written in Vietnamese.
 */
export function unitFullName(full: string): string {
  if (getLang() === 'vi') return full;
  const m = /^(.*?)\s*\(([^()]*)\)\s*$/.exec(full.trim());
  const one = (x: string) => {
    const { type, name } = splitUnitName(x);
    return type ? unitName(type, name) : name;
  };
  return m ? t('unitWithin', { unit: one(m[1]), parent: one(m[2]) }) : one(full);
}

/** A comma-separated list of full unit names (the communes' `merged_from`), each in the current language. */
export function unitListText(list: string): string {
  // Split on commas outside parentheses.
  const parts: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < list.length; i++) {
    if (list[i] === '(') depth++;
    else if (list[i] === ')') depth = Math.max(0, depth - 1);
    else if (list[i] === ',' && depth === 0) {
      parts.push(list.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(list.slice(from));
  return parts.map((p) => p.trim()).filter(Boolean).map(unitFullName).join(', ');
}

/**
 * The title of a boundary feature as the files describe it (`name`, `type_vi`, `name_full`):
 * its name with its type word in the current language ("Phường Long Châu" / "Long Châu Ward").
 */
export function featureTitle(p: Readonly<Record<string, unknown>>): string {
  const name = typeof p.name === 'string' ? p.name : '';
  if (name && typeof p.type_vi === 'string' && p.type_vi) return unitName(p.type_vi, name);
  return typeof p.name_full === 'string' && p.name_full ? unitFullName(p.name_full) : name;
}

/**
 * Commune search as an official types it: the full name with or without its type word
 * ("Phường Long Châu", "phuong long chau", "Long Châu"), with or without diacritics, the
 * official 5-digit code ("29551"), or a name the unit had before the 2025 merger ("Trường An",
 * "Phường 9"), and the old district it lay in ("thành phố Vĩnh Long"), from the crosswalk
 * `vinh-long-commune-crosswalk-2025.csv` (../shared/data/vinh-long/SOURCES.md).
 *
 * Matching is on folded text (lower case, no diacritics, đ → d, punctuation as spaces, type
 * words dropped). Results are ranked: the name equal, then starting with, then containing the
 * query; the code; a former commune name; a former district. No match is an empty list (the
 * caller says so).
 */

/** Type words that may lead a name (folded), longest first. */
const TYPE_WORDS = ['thanh pho', 'thi tran', 'thi xa', 'phuong', 'huyen', 'tinh', 'xa', 'tt', 'tp', 'p', 'x'];

/** Lower case, no diacritics, đ → d, anything but letters and digits as one space. */
export function foldText(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Folded text without a leading type word ("phuong long chau" → "long chau"; "phuong 9" stays). */
export function withoutTypeWord(folded: string): string {
  for (const w of TYPE_WORDS) {
    if (folded.startsWith(`${w} `)) {
      const rest = folded.slice(w.length + 1);
      // "Phường 9": the number is the name, keep the type word.
      return /^\d+$/.test(rest) ? folded : rest;
    }
  }
  return folded;
}

/** One row of the crosswalk: a former unit and the new unit it went into. */
export interface FormerUnit {
  readonly newCode: string;
  readonly oldNameFull: string;
  readonly oldDistrictFull: string;
}

export interface SearchableCommune {
  /** Index in the commune list. */
  readonly index: number;
  readonly code: string;
  readonly name: string;
  /** With the type word ("Phường Long Châu"). */
  readonly nameFull: string;
}

export type MatchKind = 'name' | 'code' | 'former' | 'district';

export interface CommuneMatch {
  readonly index: number;
  readonly kind: MatchKind;
  /** For former names and districts: the former unit matched ("Phường Trường An"). */
  readonly via?: string;
}

interface Entry {
  readonly c: SearchableCommune;
  readonly name: string;
  readonly nameFull: string;
  readonly former: readonly { readonly key: string; readonly full: string }[];
  readonly districts: readonly { readonly key: string; readonly full: string }[];
}

export class CommuneSearch {
  private readonly entries: Entry[];

  constructor(communes: readonly SearchableCommune[], former: readonly FormerUnit[] = []) {
    const byCode = new Map<string, FormerUnit[]>();
    for (const f of former) byCode.set(f.newCode, [...(byCode.get(f.newCode) ?? []), f]);
    this.entries = communes.map((c) => {
      const units = byCode.get(c.code) ?? [];
      const uniq = <T extends { key: string }>(xs: T[]) => xs.filter((x, i) => xs.findIndex((y) => y.key === x.key) === i);
      return {
        c, name: foldText(c.name), nameFull: foldText(c.nameFull),
        former: uniq(units.map((u) => ({ key: foldText(u.oldNameFull), full: u.oldNameFull }))),
        districts: uniq(units.map((u) => ({ key: foldText(u.oldDistrictFull), full: u.oldDistrictFull }))),
      };
    });
  }

  /** Communes matching `query`, best first (empty: no match). */
  find(query: string): CommuneMatch[] {
    const q = foldText(query);
    if (!q) return [];
    const bare = withoutTypeWord(q);
    const ranked: { m: CommuneMatch; rank: number }[] = [];
    for (const e of this.entries) {
      const r = this.rank(e, q, bare);
      if (r) ranked.push(r);
    }
    return ranked.sort((a, b) => a.rank - b.rank || a.m.index - b.m.index).map((r) => r.m);
  }

  private rank(e: Entry, q: string, bare: string): { m: CommuneMatch; rank: number } | null {
    const index = e.c.index;
    if (e.name === bare || e.nameFull === q) return { m: { index, kind: 'name' }, rank: 0 };
    if (/^\d{4,5}$/.test(q) && e.c.code === q) return { m: { index, kind: 'code' }, rank: 0 };
    if (e.name.startsWith(bare) || e.nameFull.startsWith(q)) return { m: { index, kind: 'name' }, rank: 1 };
    if (e.name.includes(bare) || e.nameFull.includes(q)) return { m: { index, kind: 'name' }, rank: 2 };
    const old = e.former.find((f) => f.key === q || withoutTypeWord(f.key) === bare) ?? e.former.find((f) => withoutTypeWord(f.key).startsWith(bare) && bare.length >= 3);
    if (old) return { m: { index, kind: 'former', via: old.full }, rank: 3 };
    const d = e.districts.find((f) => f.key === q || withoutTypeWord(f.key) === bare || (bare.length >= 3 && withoutTypeWord(f.key).includes(bare)));
    if (d) return { m: { index, kind: 'district', via: d.full }, rank: 4 };
    return null;
  }
}

/**
 * The crosswalk CSV's rows (header `new_code,new_name_full,old_code,old_name_full,…`), parsed
 * with `parse` (a CSV reader returning rows of fields). Rows without a code or name are skipped.
 */
export function formerUnitsFrom(rows: readonly (readonly string[])[]): FormerUnit[] {
  const [head, ...body] = rows;
  if (!head) return [];
  const col = (n: string) => head.indexOf(n);
  const [nc, on, od] = [col('new_code'), col('old_name_full'), col('old_district_name_full')];
  if (nc < 0 || on < 0) return [];
  return body.filter((r) => r[nc] && r[on]).map((r) => ({ newCode: r[nc].trim(), oldNameFull: r[on].trim(), oldDistrictFull: od >= 0 ? (r[od] ?? '').trim() : '' }));
}

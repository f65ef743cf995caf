/**
 * The commune statistics table: sortable by any column, searchable as an official types (full
 * name with or without the type word and diacritics, code, former names and old districts:
 * src/core/boundaries/search.ts; "no match" said), a click on a row calls back (the map zooms
 * to the commune). Values come from src/core/stats/commune-stats.ts.
 */
import type { AreaStats, CommuneStats, CommuneStatsResult } from '../core/stats/commune-stats.ts';
import type { CommuneMatch, CommuneSearch } from '../core/boundaries/search.ts';
import { formatNumber, formatPercent, t } from '../i18n/i18n.ts';
import { unitFullName } from '../i18n/names.ts';
import { h } from './dom.ts';

/** Lower case, no diacritics, đ → d: for search. */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
}

type Column = { key: string; label: () => string; title?: () => string; value: (c: AreaStats) => number | string | null; format: (v: number | string | null) => string };

/** The threshold whose population covered the table shows: the middle one (−110 of −100 / −110 / −120). */
export function populationThreshold(thresholds: readonly number[]): number | undefined {
  return thresholds[Math.floor((thresholds.length - 1) / 2)];
}

export class CommuneTable {
  private stats: CommuneStatsResult | null = null;
  private sortKey = 'share:-110';
  private ascending = true;
  private query = '';
  /** Matches of the query by commune index (null: no query). */
  private matches: Map<number, CommuneMatch> | null = null;
  private search: CommuneSearch | null = null;
  private columns: Column[] = [];
  private sinrDb = 0;
  private probThreshold = -110;

  constructor(private readonly root: HTMLElement, private readonly onRow: (index: number) => void) {
    const search = h('input', { type: 'search', id: 'commune-search' });
    root.replaceChildren(search, h('div', { class: 'table-wrap' }, h('table', { id: 'commune-table' }, h('thead'), h('tbody'), h('tfoot'))), h('p', { class: 'note', id: 'commune-note' }));
    search.addEventListener('input', () => {
      this.query = search.value;
      this.match();
      this.render();
    });
    root.querySelector('thead')!.addEventListener('click', (e) => {
      const key = (e.target as HTMLElement).closest('th')?.dataset.key;
      if (!key) return;
      if (key === this.sortKey) this.ascending = !this.ascending;
      else {
        this.sortKey = key;
        this.ascending = key === 'name';
      }
      this.render();
    });
    root.querySelector('thead')!.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter') ((e.target as HTMLElement).closest('th') as HTMLElement | null)?.click();
    });
    const body = root.querySelector('tbody')!;
    body.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.index) this.onRow(Number(tr.dataset.index));
    });
    body.addEventListener('keydown', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if ((e as KeyboardEvent).key === 'Enter' && tr?.dataset.index) this.onRow(Number(tr.dataset.index));
    });
  }

  /** The communes' search (names, codes, former units). */
  setSearch(search: CommuneSearch): void {
    this.search = search;
    this.match();
  }

  private match(): void {
    const q = this.query.trim();
    if (!q) this.matches = null;
    else if (this.search) this.matches = new Map(this.search.find(q).map((m) => [m.index, m]));
    else {
      const f = foldVietnamese(q);
      this.matches = new Map((this.stats?.communes ?? []).filter((c) => foldVietnamese(c.name).includes(f)).map((c) => [c.index, { index: c.index, kind: 'name' as const }]));
    }
  }

  /** Columns for the statistics' thresholds and boolean layers. */
  private buildColumns(stats: CommuneStatsResult): Column[] {
    const pct = (v: number | string | null) => (typeof v === 'number' ? formatPercent(v) : '—');
    const num = (d: number) => (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, d) : '—');
    const share = (thr: number) => (c: AreaStats) => c.thresholds.find((x) => x.threshold === thr)?.share ?? null;
    const popThr = populationThreshold(stats.thresholds);
    const bool = (k: string) => (c: AreaStats) => c.booleanShares[k] ?? null;
    const cols: Column[] = [
      { key: 'name', label: () => t('communeName'), value: (c) => ('name' in c ? (c as CommuneStats).name : t('provinceTotal')), format: (v) => String(v ?? '') },
      ...stats.thresholds.map((thr): Column => ({ key: `share:${thr}`, label: () => `≥ ${formatNumber(thr, 0)}`, title: () => t('colShareTitle', { v: formatNumber(thr, 0) }), value: share(thr), format: pct })),
      { key: 'median', label: () => t('medianDbm'), value: (c) => c.median, format: num(1) },
      { key: 'p5', label: () => t('p5Dbm'), value: (c) => c.p5, format: num(1) },
    ];
    const names = Object.keys(stats.province.booleanShares);
    for (const k of ['uplink', 'indoor', 'sinr'] as const) {
      if (names.includes(k)) cols.push({ key: `bool:${k}`, label: () => t(`col_${k}`, { v: formatNumber(this.sinrDb, 0) }), title: () => t(`col_${k}_title`, { v: formatNumber(this.sinrDb, 0) }), value: bool(k), format: pct });
    }
    // Area reliability: the mean coverage probability over the area (the operators' "95 % area coverage").
    if ('reliabilityPct' in (stats.province.means ?? {})) {
      cols.push({ key: 'mean:reliabilityPct', label: () => t('col_reliability'), title: () => t('col_reliability_title', { v: formatNumber(this.probThreshold, 0) }), value: (c) => c.means?.reliabilityPct ?? null, format: (v) => (typeof v === 'number' ? `${formatNumber(v, 1)}%` : '—') });
    }
    // Population covered only where the boundary file has populations (absent, not zero, otherwise).
    if (popThr !== undefined && stats.communes.some((c) => c.thresholds.some((x) => x.populationCovered !== undefined))) {
      cols.push({ key: 'pop', label: () => t('populationCovered110', { v: formatNumber(popThr, 0) }), value: (c) => c.thresholds.find((x) => x.threshold === popThr)?.populationCovered ?? null, format: num(0) });
    }
    return cols;
  }

  /**
   * @param sinrThresholdDb - the level of the `sinr` share (column title)
   * @param probThresholdDbm - the level of the area reliability (column title)
   */
  set(stats: CommuneStatsResult, sinrThresholdDb = 0, probThresholdDbm = -110): void {
    this.stats = stats;
    this.sinrDb = sinrThresholdDb;
    this.probThreshold = probThresholdDbm;
    this.columns = this.buildColumns(stats);
    if (!this.columns.some((c) => c.key === this.sortKey)) {
      const thr = populationThreshold(stats.thresholds);
      this.sortKey = thr === undefined ? 'name' : `share:${thr}`;
      this.ascending = true;
    }
    this.render();
  }

  /** Rows in display order (for tests and the report). */
  rows(): CommuneStats[] {
    if (!this.stats) return [];
    const col = this.columns.find((c) => c.key === this.sortKey) ?? this.columns[0];
    const rows = this.stats.communes.filter((c) => !this.matches || this.matches.has(c.index));
    const cmp = (a: AreaStats, b: AreaStats) => {
      const x = col.value(a), y = col.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // missing values last
      const r = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
      return this.ascending ? r : -r;
    };
    return [...rows].sort(cmp);
  }

  render(): void {
    const search = this.root.querySelector<HTMLInputElement>('#commune-search')!;
    search.placeholder = t('communeSearch');
    search.setAttribute('aria-label', t('communeSearch'));
    const head = this.root.querySelector('thead')!;
    head.replaceChildren();
    const hr = head.insertRow();
    for (const c of this.columns) {
      const th = document.createElement('th');
      th.dataset.key = c.key;
      th.tabIndex = 0;
      th.setAttribute('aria-sort', c.key === this.sortKey ? (this.ascending ? 'ascending' : 'descending') : 'none');
      th.textContent = `${c.label()}${c.key === this.sortKey ? (this.ascending ? ' ▲' : ' ▼') : ''}`;
      if (c.title) th.title = c.title();
      hr.append(th);
    }
    const row = (r: AreaStats, tr: HTMLTableRowElement) => {
      for (const c of this.columns) {
        const td = document.createElement('td');
        td.textContent = c.format(c.value(r));
        // Found by a former name or district: say which.
        const m = c.key === 'name' && 'index' in r ? this.matches?.get((r as CommuneStats).index) : undefined;
        if (m?.via) td.append(h('span', { class: 'via' }, ` (${t(m.kind === 'former' ? 'searchFormer' : 'searchDistrict', { name: unitFullName(m.via) })})`));
        tr.append(td);
      }
      return tr;
    };
    const body = this.root.querySelector('tbody')!;
    const rows = this.rows();
    body.replaceChildren(...rows.map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.index = String(r.index);
      tr.tabIndex = 0;
      return row(r, tr);
    }));
    if (this.matches && rows.length === 0) {
      body.append(h('tr', { class: 'no-match' }, h('td', { colspan: String(this.columns.length) }, t('searchNoMatch', { q: this.query.trim().slice(0, 60) }))));
    }
    const foot = this.root.querySelector('tfoot')!;
    foot.replaceChildren();
    if (this.stats) row(this.stats.province, foot.insertRow()).id = 'province-total';
    this.root.querySelector('#commune-note')!.textContent = t('populationNote');
  }
}

/**
 * The commune statistics table: sortable by any column, searchable without diacritics ("vinh
 * long" finds "Vĩnh Long"), a click on a row calls back (the map zooms to the commune). Values
 * come from src/core/stats/commune-stats.ts; population covered assumes uniform density inside
 * each commune, as the note under the table says.
 */
import type { CommuneStats, CommuneStatsResult } from '../core/stats/commune-stats.ts';
import { formatNumber, t } from '../i18n/i18n.ts';

/** Lower case, no diacritics, đ → d: for search. */
export function foldVietnamese(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();
}

type Column = { key: string; label: () => string; value: (c: CommuneStats) => number | string | null; format: (v: number | string | null) => string };

export class CommuneTable {
  private stats: CommuneStatsResult | null = null;
  private sortKey = 'share110';
  private ascending = true;
  private query = '';
  private readonly columns: Column[];

  constructor(private readonly root: HTMLElement, private readonly onRow: (index: number) => void) {
    const pct = (v: number | string | null) => (typeof v === 'number' ? `${formatNumber(v * 100, 1)}%` : '—');
    const num = (d: number) => (v: number | string | null) => (typeof v === 'number' ? formatNumber(v, d) : '—');
    const share = (thr: number) => (c: CommuneStats) => c.thresholds.find((x) => x.threshold === thr)?.share ?? null;
    this.columns = [
      { key: 'name', label: () => t('communeName'), value: (c) => c.name, format: (v) => String(v ?? '') },
      { key: 'share100', label: () => '≥ −100', value: share(-100), format: pct },
      { key: 'share110', label: () => '≥ −110', value: share(-110), format: pct },
      { key: 'median', label: () => t('medianDbm'), value: (c) => c.median, format: num(1) },
      { key: 'pop', label: () => t('populationCovered110'), value: (c) => c.thresholds.find((x) => x.threshold === -110)?.populationCovered ?? null, format: num(0) },
    ];
    root.innerHTML = `<input type="search" id="commune-search" aria-label="search"><div class="table-wrap"><table id="commune-table"><thead></thead><tbody></tbody></table></div><p class="note" id="commune-note"></p>`;
    const search = root.querySelector<HTMLInputElement>('#commune-search')!;
    search.addEventListener('input', () => {
      this.query = foldVietnamese(search.value);
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
    root.querySelector('tbody')!.addEventListener('click', (e) => {
      const tr = (e.target as HTMLElement).closest('tr');
      if (tr?.dataset.index) this.onRow(Number(tr.dataset.index));
    });
  }

  set(stats: CommuneStatsResult): void {
    this.stats = stats;
    this.render();
  }

  /** Rows in display order (for tests and the report). */
  rows(): CommuneStats[] {
    if (!this.stats) return [];
    const col = this.columns.find((c) => c.key === this.sortKey)!;
    const rows = this.stats.communes.filter((c) => !this.query || foldVietnamese(c.name).includes(this.query));
    const cmp = (a: CommuneStats, b: CommuneStats) => {
      const x = col.value(a), y = col.value(b);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1; // missing values last
      const r = typeof x === 'string' ? x.localeCompare(String(y), 'vi') : x - (y as number);
      return this.ascending ? r : -r;
    };
    return [...rows].sort(cmp);
  }

  render(): void {
    const head = this.root.querySelector('thead')!;
    head.innerHTML = `<tr>${this.columns.map((c) => `<th data-key="${c.key}" aria-sort="${c.key === this.sortKey ? (this.ascending ? 'ascending' : 'descending') : 'none'}">${c.label()}${c.key === this.sortKey ? (this.ascending ? ' ▲' : ' ▼') : ''}</th>`).join('')}</tr>`;
    const body = this.root.querySelector('tbody')!;
    body.replaceChildren(...this.rows().map((r) => {
      const tr = document.createElement('tr');
      tr.dataset.index = String(r.index);
      for (const c of this.columns) {
        const td = document.createElement('td');
        td.textContent = c.format(c.value(r));
        tr.append(td);
      }
      return tr;
    }));
    this.root.querySelector('#commune-note')!.textContent = t('populationNote');
  }
}

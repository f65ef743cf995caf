/**
 * The import preview: after a CSV / GeoJSON file of sites is read (src/core/scenario/import.ts
 * importSites), a modal dialog says how many rows are valid, lists every bad row with its row
 * number, column and reason in the current language, names the sites refused because of a bad
 * row, and asks "Import N valid rows" or "Cancel". Nothing is applied here: the caller applies
 * the preview (applyImport) when the answer is 'valid'.
 */
import type { ImportPreview } from '../core/scenario/import.ts';
import { formatValidationMessage } from '../core/scenario/fields.ts';
import { formatNumber, getLang, t } from '../i18n/i18n.ts';
import { h, uniqueId } from './dom.ts';

/** The user's answer: import the valid rows, or nothing. */
export type ImportChoice = 'valid' | 'cancel';

/** Rows (CSV) or features (GeoJSON) of the valid sites: one per sector. */
export function validRowCount(preview: ImportPreview): number {
  return preview.sites.reduce((n, s) => n + s.sectors.length, 0);
}

/** Compact list of row numbers: `2–7, 9`. */
function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j;
  }
  return parts.join(', ');
}

/**
 * Modal dialog over an {@link ImportPreview}. One dialog at a time: opening another answers
 * the previous one 'cancel'.
 * ```ts
 * const dialog = new ImportPreviewDialog();
 * if ((await dialog.open(importSites(text, file.name, scenario), file.name)) === 'valid') scenario = applyImport(scenario, preview);
 * ```
 */
export class ImportPreviewDialog {
  private dialog: HTMLDialogElement | null = null;
  private resolve: ((choice: ImportChoice) => void) | null = null;
  private readonly uid = uniqueId('imp');

  /** @param host - where the dialog element is attached while open (default: document.body) */
  constructor(private readonly host: HTMLElement = document.body) {}

  /** The open dialog element, or null. */
  get element(): HTMLDialogElement | null {
    return this.dialog;
  }

  /**
   * Shows the preview and waits for the answer: 'valid' (import button) or 'cancel' (cancel
   * button, Escape, or another open()).
   * @param fileName - the file's name as the user knows it (shown in the title)
   */
  open(preview: ImportPreview, fileName: string): Promise<ImportChoice> {
    this.close('cancel');
    const geo = preview.format === 'geojson';
    const valid = validRowCount(preview);
    const badRows = new Set(preview.problems.map((p) => p.row)).size;
    const lang = getLang();
    const titleId = `${this.uid}-title`;
    const summaryId = `${this.uid}-summary`;

    const dialog = h('dialog', { class: 'import-preview', 'aria-labelledby': titleId, 'aria-describedby': summaryId });
    dialog.append(
      h('h2', { id: titleId }, t('impTitle', { file: fileName })),
      h('p', { id: summaryId, class: 'imp-summary' }, t(geo ? 'impSummaryFeatures' : 'impSummary', { rows: preview.rowsRead, valid, sites: preview.sites.length, bad: badRows })),
    );
    if (preview.problems.length > 0) {
      const tbody = h('tbody');
      for (const p of preview.problems) {
        const tr = h('tr', { 'data-row': String(p.row) },
          h('td', { class: 'imp-row' }, String(p.row)),
          h('td', { class: 'imp-col' }, p.column ?? t('impWholeRow')),
          h('td', { class: 'imp-reason' }, formatValidationMessage(p.message, lang)),
        );
        tbody.append(tr);
      }
      dialog.append(
        h('h3', {}, t('impProblemsTitle', { n: preview.problems.length })),
        h('div', { class: 'imp-table-wrap' },
          h('table', { class: 'imp-problems' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t(geo ? 'impColFeature' : 'impColRow')), h('th', { scope: 'col' }, t('impColColumn')), h('th', { scope: 'col' }, t('impColReason')))),
            tbody,
          ),
        ),
      );
    }
    if (preview.refusedSites.length > 0) {
      const list = preview.refusedSites.map((r) => t('impRefusedItem', { site: r.siteId, rows: rowRanges(r.rows) })).join('; ');
      dialog.append(h('p', { class: 'imp-refused' }, t('impRefused', { list })));
    }
    if (preview.newCarriers.length > 0) {
      const list = preview.newCarriers.map((c) => `${c.id} (${c.tech} ${c.band}, ${formatNumber(c.freqMHz)} MHz, ${formatNumber(c.bandwidthMHz)} MHz)`).join('; ');
      dialog.append(h('p', { class: 'note' }, t('impNewCarriers', { list })));
    }
    if (preview.ignoredColumns.length > 0) dialog.append(h('p', { class: 'note' }, t('impIgnoredColumns', { list: preview.ignoredColumns.join(', ') })));
    if (valid === 0) dialog.append(h('p', { class: 'imp-nothing' }, t('impNothingValid')));

    const importButton = h('button', { type: 'button', class: 'imp-import' }, t(geo ? 'impImportFeatures' : 'impImport', { n: valid }));
    importButton.disabled = valid === 0;
    const cancelButton = h('button', { type: 'button', class: 'secondary imp-cancel' }, t('cancel'));
    dialog.append(h('div', { class: 'row imp-actions' }, importButton, cancelButton));

    importButton.addEventListener('click', () => this.close('valid'));
    cancelButton.addEventListener('click', () => this.close('cancel'));
    // The browser's own Escape handling of a modal <dialog> fires 'cancel'.
    dialog.addEventListener('cancel', (e) => {
      e.preventDefault();
      this.close('cancel');
    });
    dialog.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      this.close('cancel');
    });

    this.host.append(dialog);
    this.dialog = dialog;
    try {
      dialog.showModal();
    } catch {
      // No modal support (or not connected): an open, non-modal dialog.
      dialog.setAttribute('open', '');
    }
    (valid > 0 ? importButton : cancelButton).focus();
    return new Promise<ImportChoice>((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Closes the open dialog (if any) answering `choice`. */
  close(choice: ImportChoice = 'cancel'): void {
    const dialog = this.dialog;
    const resolve = this.resolve;
    this.dialog = null;
    this.resolve = null;
    if (dialog) {
      if (dialog.open) {
        try {
          dialog.close();
        } catch {
          dialog.removeAttribute('open');
        }
      }
      dialog.remove();
    }
    resolve?.(choice);
  }
}

// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSites } from '../core/scenario/import.ts';
import { setLang } from '../i18n/i18n.ts';
import { ImportPreviewDialog, validRowCount } from './import-preview.ts';

const CSV_NAME = 'sites-with-errors.csv';
// Vitest runs from the repository root (import.meta.url is not a file URL under happy-dom).
const csv = readFileSync(resolve(process.cwd(), 'data/examples', CSV_NAME), 'utf8');
const EMPTY = { carriers: [], sites: [] };

function rowsOf(dialog: HTMLDialogElement): string[][] {
  return [...dialog.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''));
}

afterEach(() => {
  setLang('vi');
  document.body.replaceChildren();
});

describe('ImportPreviewDialog — data/examples/sites-with-errors.csv', () => {
  const preview = importSites(csv, CSV_NAME, EMPTY);

  it('the example has the bad row 4, column azimuth_deg (400°)', () => {
    expect(preview.problems.some((p) => p.row === 4 && p.column === 'azimuth_deg')).toBe(true);
  });

  it('lists every bad row with row number, column and reason (Vietnamese), and counts the valid rows', async () => {
    const dialog = new ImportPreviewDialog();
    const answer = dialog.open(preview, CSV_NAME);
    const el = dialog.element!;
    expect(el.isConnected).toBe(true);
    expect(el.open).toBe(true);
    expect(el.querySelector('h2')!.textContent).toContain(CSV_NAME);
    const rows = rowsOf(el);
    expect(rows).toHaveLength(preview.problems.length);
    const row4 = rows.find((r) => r[0] === '4')!;
    expect(row4[1]).toBe('azimuth_deg');
    expect(row4[2]).toBe('phải lớn hơn hoặc bằng 0 và nhỏ hơn 360°, nhận được 400');
    // Every problem of the preview appears (row and column).
    for (const p of preview.problems) expect(rows.some((r) => r[0] === String(p.row) && r[1] === (p.column ?? '(cả dòng)'))).toBe(true);
    const n = validRowCount(preview);
    expect(n).toBeGreaterThan(0);
    const importButton = el.querySelector<HTMLButtonElement>('.imp-import')!;
    expect(importButton.textContent).toBe(`Nhập ${n} dòng hợp lệ`);
    expect(importButton.disabled).toBe(false);
    // The site of row 4 is refused as a whole.
    expect(el.querySelector('.imp-refused')!.textContent).toContain('SYN01 (dòng 2–7)');
    el.querySelector<HTMLButtonElement>('.imp-cancel')!.click();
    await expect(answer).resolves.toBe('cancel');
    expect(el.isConnected).toBe(false);
    expect(dialog.element).toBeNull();
  });

  it('English: reasons and labels in English', async () => {
    setLang('en');
    const dialog = new ImportPreviewDialog();
    const answer = dialog.open(preview, CSV_NAME);
    const row4 = rowsOf(dialog.element!).find((r) => r[0] === '4')!;
    expect(row4[2]).toBe('must be at least 0 and less than 360°, got 400');
    expect(dialog.element!.querySelector('th')!.textContent).toBe('Row');
    expect(dialog.element!.querySelector('.imp-import')!.textContent).toBe(`Import ${validRowCount(preview)} valid rows`);
    dialog.close();
    await expect(answer).resolves.toBe('cancel');
  });

  it('the import button answers "valid"', async () => {
    const dialog = new ImportPreviewDialog();
    const answer = dialog.open(preview, CSV_NAME);
    dialog.element!.querySelector<HTMLButtonElement>('.imp-import')!.click();
    await expect(answer).resolves.toBe('valid');
  });

  it('Escape answers "cancel"', async () => {
    const dialog = new ImportPreviewDialog();
    const answer = dialog.open(preview, CSV_NAME);
    dialog.element!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await expect(answer).resolves.toBe('cancel');
  });

  it('opening another preview answers the first one "cancel"', async () => {
    const dialog = new ImportPreviewDialog();
    const first = dialog.open(preview, CSV_NAME);
    const second = dialog.open(preview, CSV_NAME);
    await expect(first).resolves.toBe('cancel');
    expect(document.querySelectorAll('dialog')).toHaveLength(1);
    dialog.close('valid');
    await expect(second).resolves.toBe('valid');
  });
});

describe('ImportPreviewDialog — nothing valid', () => {
  it('the import button is disabled when no row is valid', async () => {
    const text = 'site_id,lat,lon,height_m,azimuth_deg,tx_power_dbm,antenna_gain_dbi,model,carrier_id\nX1,10.2,106.0,0,400,46,17,38901-uma-expected,nope\n';
    const preview = importSites(text, 'bad.csv', EMPTY);
    expect(preview.sites).toHaveLength(0);
    const dialog = new ImportPreviewDialog();
    const answer = dialog.open(preview, 'bad.csv');
    const el = dialog.element!;
    const importButton = el.querySelector<HTMLButtonElement>('.imp-import')!;
    expect(importButton.disabled).toBe(true);
    expect(importButton.textContent).toBe('Nhập 0 dòng hợp lệ');
    expect(el.querySelector('.imp-nothing')).not.toBeNull();
    const columns = rowsOf(el).map((r) => r[1]);
    expect(columns).toEqual(expect.arrayContaining(['height_m', 'azimuth_deg']));
    el.querySelector<HTMLButtonElement>('.imp-cancel')!.click();
    await expect(answer).resolves.toBe('cancel');
  });
});

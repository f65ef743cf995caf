// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Site } from '../core/scenario/scenario.ts';
import { newSiteFromTemplate, SITE_TEMPLATES } from '../core/scenario/templates.ts';
import { validateSite } from '../core/scenario/fields.ts';
import { sector3gppAttenuationDb } from '../core/antenna/sector-3gpp.ts';
import { setLang } from '../i18n/i18n.ts';
import { nextSectorId, SiteEditor } from './site-editor.ts';
import { TemplatePicker } from './template-picker.ts';

// A macro of the template (LTE 1800 ×3 + NR 3500 ×3) in Vĩnh Long; a rough box as province test.
const { site: SITE, newCarriers: CARRIERS } = newSiteFromTemplate('macro-lte1800-nr3500', [106.0, 10.2], [], []);
const inside = (lon: number, lat: number) => lon > 105.5 && lon < 106.9 && lat > 9.5 && lat < 10.5;
const NETWORKS = [{ id: 'pn-campus', name: 'Khu công nghiệp Hòa Phú' }];

let root: HTMLElement;
let onCommit: ReturnType<typeof vi.fn<(site: Site) => void>>;
let onDelete: ReturnType<typeof vi.fn<(id: string) => void>>;
let onDuplicate: ReturnType<typeof vi.fn<(id: string) => void>>;
let editor: SiteEditor;

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  onCommit = vi.fn<(site: Site) => void>();
  onDelete = vi.fn<(id: string) => void>();
  onDuplicate = vi.fn<(id: string) => void>();
  editor = new SiteEditor(root, { carriers: CARRIERS, privateNetworks: NETWORKS, inside, onCommit, onDelete, onDuplicate });
  editor.show(SITE);
});

afterEach(() => {
  setLang('vi');
  document.body.replaceChildren();
});

function control<T extends HTMLInputElement | HTMLSelectElement = HTMLInputElement>(field: string, sector: number | null = null): T {
  const c = root.querySelector<T>(`[data-field="${field}"][data-sector="${sector ?? ''}"]`);
  if (!c) throw new Error(`no control ${field} of sector ${sector}`);
  return c;
}

function errorOf(c: HTMLElement): string {
  return root.querySelector(`[id="${c.id}-err"]`)?.textContent ?? '';
}

/** Types a value: input event (validation), then change (commit attempt). */
function type(c: HTMLInputElement, value: string, commitBy: 'change' | 'enter' | null = 'change'): void {
  c.value = value;
  c.dispatchEvent(new Event('input', { bubbles: true }));
  if (commitBy === 'change') c.dispatchEvent(new Event('change', { bubbles: true }));
  if (commitBy === 'enter') c.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

function choose(s: HTMLSelectElement, value: string): void {
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
}

const lastCommit = (): Site => onCommit.mock.calls[onCommit.mock.calls.length - 1][0];

describe('SiteEditor — form', () => {
  it('shows every field of the site and of each sector, each input bound to its label', () => {
    expect(control('name').value).toBe(SITE.name);
    expect(control('lonDeg').value).toBe('106');
    expect(control('latDeg').value).toBe('10.2');
    expect(control('heightM').value).toBe('30');
    expect(control<HTMLSelectElement>('status').value).toBe('candidate');
    expect(control<HTMLSelectElement>('privateNetworkId').value).toBe('');
    expect(root.querySelectorAll('fieldset.se-sector')).toHaveLength(6);
    expect(control('azimuthDeg', 1).value).toBe('120');
    expect(control('hBeamwidthDeg', 0).value).toBe('65');
    expect(control<HTMLSelectElement>('modelId', 0).value).toBe('38901-uma-expected');
    for (const c of root.querySelectorAll<HTMLElement>('[data-field], input[type=file]')) {
      const label = root.querySelector(`label[for="${c.id}"]`);
      expect(label?.textContent, c.id).toBeTruthy();
    }
    expect(root.querySelector(`label[for="${control('azimuthDeg', 0).id}"]`)!.textContent).toBe('Góc phương vị (°)');
  });

  it('without a site: the hint', () => {
    editor.show(null);
    expect(root.textContent).toContain('Chọn một trạm trên bản đồ');
  });
});

describe('SiteEditor — validation and commits', () => {
  it('azimuth 400: the reason next to the field, aria-invalid, nothing committed (change or Enter)', () => {
    const az = control('azimuthDeg', 0);
    type(az, '400', null);
    expect(az.getAttribute('aria-invalid')).toBe('true');
    expect(az.getAttribute('aria-describedby')).toBe(`${az.id}-err`);
    expect(errorOf(az)).toBe('phải lớn hơn hoặc bằng 0 và nhỏ hơn 360°, nhận được 400');
    az.dispatchEvent(new Event('change', { bubbles: true }));
    az.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(onCommit).not.toHaveBeenCalled();
    expect(editor.current).toBe(SITE);
  });

  it('PCI: the range of the sector\'s carrier (LTE 0–503, NR 0–1007, TS 36.211 / 38.211), whole numbers only; emptied = no PCI; a cell id kept as typed', () => {
    expect(SITE.sectors[0].carrierId).toBe('lte1800');
    expect(SITE.sectors[3].carrierId).toBe('nr3500');
    const lte = control('pci', 0);
    type(lte, '504');
    expect(onCommit).not.toHaveBeenCalled();
    expect(errorOf(lte)).toContain('503');
    type(lte, '12,5');
    expect(onCommit).not.toHaveBeenCalled();
    expect(lte.getAttribute('aria-invalid')).toBe('true');
    type(lte, '503');
    expect(lastCommit().sectors[0].pci).toBe(503);
    const nr = control('pci', 3);
    type(nr, '1007');
    expect(lastCommit().sectors[3].pci).toBe(1007);
    type(nr, '1008');
    expect(errorOf(nr)).toContain('1007');
    type(control('pci', 0), '');
    expect('pci' in lastCommit().sectors[0]).toBe(false);
    type(control('cellId', 1), '452040012345601');
    expect(lastCommit().sectors[1].cellId).toBe('452040012345601');
    type(control('cellId', 1), 'x'.repeat(65));
    expect(errorOf(control('cellId', 1))).toContain('64');
  });

  it('azimuth 120: committed as a new site, the old one unchanged, the error cleared', () => {
    const az = control('azimuthDeg', 0);
    type(az, '400');
    type(az, '120');
    expect(onCommit).toHaveBeenCalledTimes(1);
    const site = lastCommit();
    expect(site.sectors[0].azimuthDeg).toBe(120);
    expect(site).not.toBe(SITE);
    expect(SITE.sectors[0].azimuthDeg).toBe(0);
    expect({ ...site, sectors: site.sectors.slice(1) }).toEqual({ ...SITE, sectors: SITE.sectors.slice(1) });
    expect(az.hasAttribute('aria-invalid')).toBe(false);
    expect(errorOf(az)).toBe('');
    expect(editor.current).toBe(site);
  });

  it('Enter commits; Escape puts back the committed value and clears the error', () => {
    const az = control('azimuthDeg', 2);
    type(az, '250', 'enter');
    expect(lastCommit().sectors[2].azimuthDeg).toBe(250);
    type(az, '999', null);
    expect(az.getAttribute('aria-invalid')).toBe('true');
    az.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(az.value).toBe('250');
    expect(az.hasAttribute('aria-invalid')).toBe(false);
    expect(onCommit).toHaveBeenCalledTimes(1);
  });

  it('height 0 refused; 3000 says "centimetres?"; 35 committed; "2,5" read as 2.5', () => {
    const hM = control('heightM');
    type(hM, '0');
    expect(errorOf(hM)).toBe('phải lớn hơn 0 và nhỏ hơn 300 m, nhận được 0');
    type(hM, '3000');
    expect(errorOf(hM)).toContain('xentimét');
    expect(onCommit).not.toHaveBeenCalled();
    type(hM, '35');
    expect(lastCommit().heightM).toBe(35);
    type(control('feederLossDb', 0), '2,5');
    expect(lastCommit().sectors[0].feederLossDb).toBe(2.5);
  });

  it('not a number, and out-of-range power and tilt, are refused', () => {
    type(control('txPowerDbm', 0), 'abc');
    expect(errorOf(control('txPowerDbm', 0))).toBe('"abc" không phải là một số');
    type(control('txPowerDbm', 0), '75');
    type(control('mechanicalTiltDeg', 0), '45');
    type(control('maxGainDbi', 0), '');
    expect(errorOf(control('maxGainDbi', 0))).toBe('bắt buộc phải nhập giá trị');
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('position: outside the province refused, swapped said so; a move typed field by field is committed', () => {
    const lon = control('lonDeg');
    const lat = control('latDeg');
    type(lon, '108');
    expect(errorOf(lon)).toBe('(10.2, 108) nằm ngoài tỉnh');
    type(lon, '106', null);
    lon.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    type(lat, '106.0');
    expect(errorOf(lat)).toBe('phải từ -90 đến 90°, nhận được 106');
    lat.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    // Swapped: longitude 10.2, latitude 106.
    type(lon, '10.2');
    expect(errorOf(lon)).toBe('(10.2, 10.2) nằm ngoài tỉnh');
    type(lat, '106');
    expect(errorOf(lat)).toBe('vĩ độ 106 và kinh độ 10.2 có vẻ bị đảo ngược');
    expect(onCommit).not.toHaveBeenCalled();
    // Both typed anew inside the province: committed together.
    type(lon, '106', null);
    type(lat, '10.1');
    expect(lastCommit()).toMatchObject({ lonDeg: 106, latDeg: 10.1 });
    type(lon, '106.5');
    expect(lastCommit()).toMatchObject({ lonDeg: 106.5, latDeg: 10.1 });
    // Latitude 200: not a latitude, and the pair would be swapped.
    type(lat, '200');
    expect(errorOf(lat)).not.toBe('');
    expect(lastCommit().latDeg).toBe(10.1);
  });

  it('English messages when the language is English', () => {
    setLang('en');
    editor.render();
    const az = control('azimuthDeg', 0);
    type(az, '400');
    expect(errorOf(az)).toBe('must be at least 0 and less than 360°, got 400');
    expect(root.querySelector(`label[for="${az.id}"]`)!.textContent).toBe('Azimuth (°)');
  });

  it('status and private network selects commit; "none" removes the network', () => {
    choose(control<HTMLSelectElement>('status'), 'planned');
    expect(lastCommit().status).toBe('planned');
    choose(control<HTMLSelectElement>('privateNetworkId'), 'pn-campus');
    expect(lastCommit().privateNetworkId).toBe('pn-campus');
    choose(control<HTMLSelectElement>('privateNetworkId'), '');
    expect('privateNetworkId' in lastCommit()).toBe(false);
  });

  it('carriers: only the scenario\'s, shown with band, frequency, bandwidth and numerology; an unknown one cannot be chosen', () => {
    const sel = control<HTMLSelectElement>('carrierId', 3);
    expect([...sel.options].map((o) => o.value)).toEqual(CARRIERS.map((c) => c.id));
    expect(sel.value).toBe('nr3500');
    const detail = sel.closest('fieldset')!.querySelector('.se-carrier-detail')!.textContent!;
    expect(detail).toContain('n78');
    expect(detail).toContain('μ = 1 (SCS 30 kHz)');
    expect(detail).toContain('100 MHz');
    // The label of the coverage's carrier menu (one label for a carrier everywhere), numbers in Vietnamese format.
    expect([...sel.options].find((o) => o.value === 'lte1800')!.text).toBe('LTE B3 · 1.842,5 MHz · 20 MHz');
    choose(sel, 'bogus-band');
    expect(onCommit).not.toHaveBeenCalled();
    choose(control<HTMLSelectElement>('carrierId', 3), 'lte1800');
    expect(lastCommit().sectors[3].carrierId).toBe('lte1800');
  });

  it('antenna type omni keeps the gain and drops the sector parameters; back to sector takes the defaults', () => {
    choose(control<HTMLSelectElement>('antennaType', 0), 'omni');
    expect(lastCommit().sectors[0].antenna).toEqual({ type: 'omni', maxGainDbi: 17 });
    expect(root.querySelector('[data-field="hBeamwidthDeg"][data-sector="0"]')).toBeNull();
    choose(control<HTMLSelectElement>('antennaType', 0), '3gpp-sector');
    expect(lastCommit().sectors[0].antenna).toEqual({ type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 });
    choose(control<HTMLSelectElement>('modelId', 0), '38901-rma-expected');
    expect(lastCommit().sectors[0].modelId).toBe('38901-rma-expected');
  });

  it('never emits an invalid site, whatever is typed into any field', () => {
    const values = ['400', '-1', '-11', 'abc', '', '1e3', '2,5', '360', '0', '45', '1.000,5', 'NaN', '  12  ', '3000', '10°'];
    let k = 0;
    // Site fields, an LTE and an NR sector.
    for (const c of [...root.querySelectorAll<HTMLInputElement>('input[data-field]')].filter((x) => ['', '0', '5'].includes(x.dataset.sector!))) {
      const { field, sector } = c.dataset;
      for (const v of values) {
        const target = root.querySelector<HTMLInputElement>(`[data-field="${field}"][data-sector="${sector}"]`);
        if (target) type(target, v, k++ % 2 === 0 ? 'change' : 'enter');
      }
    }
    expect(onCommit).toHaveBeenCalled();
    for (const [site] of onCommit.mock.calls) expect(validateSite(site, { carriers: CARRIERS, inside })).toEqual([]);
  });
});

describe('SiteEditor — sectors and site buttons', () => {
  it('add sector: a copy of the last one turned 120°, with the next id', () => {
    root.querySelector<HTMLButtonElement>('.se > .row button')!.click();
    const site = lastCommit();
    expect(site.sectors).toHaveLength(7);
    expect(site.sectors[6]).toEqual({ ...SITE.sectors[5], id: 'M001-N4', azimuthDeg: 0 });
    expect(root.querySelectorAll('fieldset.se-sector')).toHaveLength(7);
  });

  it('remove sector; the last sector cannot be removed', () => {
    editor.removeSector(0);
    expect(lastCommit().sectors.map((s) => s.id)).toEqual(['M001-L2', 'M001-L3', 'M001-N1', 'M001-N2', 'M001-N3']);
    const one: Site = { ...SITE, sectors: [SITE.sectors[0]] };
    editor.show(one);
    const remove = root.querySelector<HTMLButtonElement>('fieldset.se-sector .row button')!;
    expect(remove.disabled).toBe(true);
    expect(editor.removeSector(0)).toBe(false);
  });

  it('delete and duplicate call back with the site id', () => {
    const [dup, del] = [...root.querySelectorAll<HTMLButtonElement>('.se-head button')];
    dup.click();
    del.click();
    expect(onDuplicate).toHaveBeenCalledWith('M001');
    expect(onDelete).toHaveBeenCalledWith('M001');
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('nextSectorId', () => {
    expect(nextSectorId(SITE)).toBe('M001-N4');
    expect(nextSectorId({ ...SITE, sectors: [{ ...SITE.sectors[0], id: 'alpha' }] })).toBe('M001-2');
  });
});

describe('SiteEditor — MSI / Planet antenna file', () => {
  /** 3GPP sector φ3dB 90°, θ3dB 7°, Am 25 dB, SLA_V 18 dB, beam tilted 4°, GAIN 16 dBi. */
  function msiText(): string {
    const att = (phi: number, down: number) => sector3gppAttenuationDb(phi, down, 4, 90, 7, 25, 18);
    const lines = ['NAME TEST-90-T4', 'GAIN 16 dBi', 'HORIZONTAL 360'];
    for (let a = 0; a < 360; a++) lines.push(`${a} ${att(a, 4).toFixed(2)}`);
    lines.push('VERTICAL 360');
    for (let a = 0; a < 360; a++) lines.push(`${a} ${(a <= 90 || a >= 270 ? att(0, a <= 90 ? a : a - 360) : att(180, 180 - a)).toFixed(2)}`);
    return lines.join('\n');
  }

  it('fits the file to the parametric fields, sets the electrical tilt, shows the file name and the note', () => {
    expect(editor.applyAntennaFile(1, 'panel-90.msi', msiText())).toBe(true);
    const s = lastCommit().sectors[1];
    expect(s.antenna).toEqual({ type: '3gpp-sector', maxGainDbi: 16, hBeamwidthDeg: 90, vBeamwidthDeg: 7, frontToBackDb: 25, sideLobeDb: 18 });
    expect(s.electricalTiltDeg).toBe(4);
    expect(control('hBeamwidthDeg', 1).value).toBe('90');
    const note = root.querySelectorAll('fieldset.se-sector')[1].querySelector('.se-msi')!.textContent!;
    expect(note).toContain('panel-90.msi');
    expect(note).toContain('dạng búp tham số 3GPP');
    // A manual antenna edit afterwards: the file note goes.
    type(control('maxGainDbi', 1), '15');
    expect(root.querySelectorAll('fieldset.se-sector')[1].querySelector('.se-msi')!.textContent).toBe('');
  });

  it('a malformed file: the reason shown, nothing committed', () => {
    expect(editor.applyAntennaFile(0, 'broken.msi', 'NAME X\nGAIN 10 dBi\nHORIZONTAL 360\n0 0\n')).toBe(false);
    expect(onCommit).not.toHaveBeenCalled();
    expect(root.querySelectorAll('fieldset.se-sector')[0].querySelector('.se-msi')!.textContent).toContain('Không đọc được tệp anten: broken.msi line');
  });

  it('a file whose fitted gain is out of range (35 dBi): refused with the reason', () => {
    expect(editor.applyAntennaFile(0, 'huge.msi', msiText().replace('GAIN 16 dBi', 'GAIN 35 dBi'))).toBe(false);
    expect(onCommit).not.toHaveBeenCalled();
    expect(root.querySelectorAll('fieldset.se-sector')[0].querySelector('.se-msi')!.textContent).toContain('không hợp lệ');
  });
});

describe('TemplatePicker', () => {
  it('lists every template by its Vietnamese name with the hint; picking one calls back', () => {
    const el = document.createElement('div');
    const onPick = vi.fn();
    const picker = new TemplatePicker(el, onPick);
    const radios = [...el.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value)).toEqual(SITE_TEMPLATES.map((t) => t.id));
    expect(el.textContent).toContain('Macro 3 cell LTE 1800 + NR 3500');
    expect(el.textContent).toContain('5G dùng riêng trong nhà');
    expect(el.textContent).toContain('nhấp vào bản đồ');
    for (const r of radios) expect(el.querySelector(`label[for="${r.id}"]`)).not.toBeNull();
    radios[2].checked = true;
    radios[2].dispatchEvent(new Event('change', { bubbles: true }));
    expect(onPick).toHaveBeenCalledWith('small-cell-lte1800');
    expect(picker.selected).toBe('small-cell-lte1800');
    setLang('en');
    picker.render();
    expect(el.textContent).toContain('Small cell, LTE 1800');
    expect(el.querySelector<HTMLInputElement>('input[value="small-cell-lte1800"]')!.checked).toBe(true);
    picker.clear();
    expect(picker.selected).toBeNull();
    expect([...el.querySelectorAll<HTMLInputElement>('input[type=radio]')].some((r) => r.checked)).toBe(false);
  });
});

describe('SiteEditor — host echoing the commit', () => {
  it('show(committed site) keeps the other fields\' drafts and errors', () => {
    root = document.createElement('div');
    document.body.append(root);
    const echo = new SiteEditor(root, { carriers: CARRIERS, inside, onCommit: (s) => echo.show(s), onDelete, onDuplicate });
    echo.show(SITE);
    const az = control('azimuthDeg', 0);
    type(az, '400');
    type(control('heightM'), '32');
    expect(echo.current!.heightM).toBe(32);
    expect(control('azimuthDeg', 0).value).toBe('400');
    expect(control('azimuthDeg', 0).getAttribute('aria-invalid')).toBe('true');
  });
});

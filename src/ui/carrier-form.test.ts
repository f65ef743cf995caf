// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Carrier, Site } from '../core/scenario/scenario.ts';
import { newSiteFromTemplate } from '../core/scenario/templates.ts';
import { validateCarrier } from '../core/scenario/fields.ts';
import { setLang } from '../i18n/i18n.ts';
import { carrierForm, carrierFromFields, newCarrierId } from './carrier-form.ts';
import { SiteEditor } from './site-editor.ts';

const { site: SITE, newCarriers: CARRIERS } = newSiteFromTemplate('macro-lte1800-nr3500', [106.0, 10.2], [], []);
const B7: Carrier = { id: 'b7-2655', tech: 'LTE', band: 'B7', freqMHz: 2655, bandwidthMHz: 20, scsKHz: 15 };

afterEach(() => {
  setLang('vi');
  document.body.replaceChildren();
});

describe('carrierFromFields', () => {
  it('an LTE B7 carrier at 2655 MHz, 20 MHz: valid, id from band and frequency', () => {
    setLang('en');
    const r = carrierFromFields({ band: 'B7', freqMHz: '2655', scsKHz: '15', bandwidthMHz: '20' }, CARRIERS);
    expect(r).toEqual({ ok: true, existing: false, carrier: B7 });
    if (r.ok) expect(validateCarrier(r.carrier)).toEqual([]);
  });

  it('NR n78 3500 MHz, 100 MHz at 30 kHz (μ = 1): valid; the same channel centred at 3790 MHz runs past 3800 MHz', () => {
    setLang('en');
    const r = carrierFromFields({ band: 'n78', freqMHz: '3500', scsKHz: '30', bandwidthMHz: '100' }, []);
    expect(r.ok && r.carrier.tech === 'NR' && r.carrier.scsKHz === 30).toBe(true);
    const edge = carrierFromFields({ band: 'n78', freqMHz: '3790', scsKHz: '30', bandwidthMHz: '100' }, []);
    expect(edge.ok).toBe(false);
    if (!edge.ok) expect(edge.errors.freqMHz).toMatch(/3740.*3840.*n78 \(3300–3800 MHz\)/);
  });

  it('a frequency typed in GHz is named with the MHz it probably meant', () => {
    setLang('en');
    const r = carrierFromFields({ band: 'B7', freqMHz: '2.655', scsKHz: '15', bandwidthMHz: '20' }, []);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.freqMHz).toMatch(/GHz \(2655 MHz\)/);
  });

  it('a bandwidth the numerology does not define (LTE 25 MHz; NR 60 kHz at 5 MHz) is refused with the valid list', () => {
    setLang('en');
    const lte = carrierFromFields({ band: 'B3', freqMHz: '1842.5', scsKHz: '15', bandwidthMHz: '25' }, []);
    expect(!lte.ok && lte.errors.bandwidthMHz).toMatch(/1\.4, 3, 5, 10, 15, 20/);
    const nr = carrierFromFields({ band: 'n78', freqMHz: '3500', scsKHz: '60', bandwidthMHz: '5' }, []);
    expect(!nr.ok && nr.errors.bandwidthMHz).toMatch(/not a valid NR channel bandwidth at 60 kHz/);
  });

  it('an unknown band and a Vietnamese decimal comma', () => {
    setLang('en');
    expect(carrierFromFields({ band: 'B99', freqMHz: '2655', scsKHz: '15', bandwidthMHz: '20' }, []).ok).toBe(false);
    const comma = carrierFromFields({ band: 'B3', freqMHz: '1842,5', scsKHz: '15', bandwidthMHz: '20' }, []);
    expect(comma.ok && comma.carrier.freqMHz).toBe(1842.5);
  });

  it('reuses an identical carrier; a different one with a taken id gets the next free id', () => {
    const same = carrierFromFields({ band: 'B7', freqMHz: '2655', scsKHz: '15', bandwidthMHz: '20' }, [B7]);
    expect(same).toEqual({ ok: true, existing: true, carrier: B7 });
    const other = carrierFromFields({ band: 'B7', freqMHz: '2655', scsKHz: '15', bandwidthMHz: '10' }, [B7]);
    expect(other.ok && other.carrier.id).toBe('b7-2655-2');
    expect(newCarrierId('n78', 3500, new Set(['n78-3500', 'n78-3500-2']))).toBe('n78-3500-3');
  });
});

describe('the form in the site editor', () => {
  it('adds a valid carrier to the scenario with the sector using it (one call); a bad frequency is named at the field and adds nothing', () => {
    setLang('en');
    const root = document.createElement('div');
    document.body.append(root);
    const onAddCarrier = vi.fn<(c: Carrier, s: Site) => void>();
    const onCommit = vi.fn<(s: Site) => void>();
    const editor = new SiteEditor(root, { carriers: CARRIERS, onCommit, onDelete: () => {}, onDuplicate: () => {}, onAddCarrier });
    editor.show(SITE);
    const forms = root.querySelectorAll('details.se-new-carrier');
    expect(forms.length).toBe(SITE.sectors.length);
    const form = forms[1] as HTMLElement;
    const band = form.querySelector<HTMLSelectElement>('select[id$="-nc-band"]')!;
    band.value = 'B7';
    band.dispatchEvent(new Event('change'));
    const freq = form.querySelector<HTMLInputElement>('input[id$="-nc-freqMHz"]')!;
    expect(freq.value).toBe('2655'); // the band's middle
    freq.value = '2.655';
    form.querySelector<HTMLButtonElement>('button[id$="-nc-add"]')!.click();
    expect(onAddCarrier).not.toHaveBeenCalled();
    expect(freq.getAttribute('aria-invalid')).toBe('true');
    expect(form.querySelector('[id$="-nc-freqMHz-err"]')!.textContent).toMatch(/2655 MHz/);
    freq.value = '2655';
    form.querySelector<HTMLButtonElement>('button[id$="-nc-add"]')!.click();
    expect(onAddCarrier).toHaveBeenCalledTimes(1);
    const [carrier, site] = onAddCarrier.mock.calls[0];
    expect(carrier).toEqual(B7);
    expect(site.sectors[1].carrierId).toBe('b7-2655');
    expect(site.sectors.filter((s, i) => i !== 1)).toEqual(SITE.sectors.filter((s, i) => i !== 1));
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('without onAddCarrier there is no form', () => {
    const root = document.createElement('div');
    new SiteEditor(root, { carriers: CARRIERS, onCommit: () => {}, onDelete: () => {}, onDuplicate: () => {} }).show(SITE);
    expect(root.querySelector('details.se-new-carrier')).toBeNull();
    expect(carrierForm('x', [], () => {}).tagName).toBe('DETAILS');
  });
});

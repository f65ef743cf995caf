/**
 * "New carrier" form of a sector in the site editor: band (the band table of fields.ts, 3GPP
 * TS 36.101 / 38.101-1), downlink centre frequency, subcarrier spacing (numerology) and channel
 * bandwidth. Each field is checked with the rules of fields.ts (a frequency typed in GHz, a
 * channel running past the band edge, a bandwidth the numerology does not define are named at
 * the field); only a carrier that passes `validateCarrier` is handed to `onAdd`.
 *
 * An identical carrier already in the scenario (same band, frequency, bandwidth and SCS) is
 * reused rather than duplicated.
 */
import type { Carrier } from '../core/scenario/scenario.ts';
import {
  BANDS, checkBand, checkBandwidthMHz, checkFreqMHz, checkScsKHz, findBand, formatValidationMessage, SCS_KHZ_BY_TECH, validateCarrier, validBandwidthsMHz,
  type BandSpec, type FieldResult,
} from '../core/scenario/fields.ts';
import { getLang, t } from '../i18n/i18n.ts';
import { h } from './dom.ts';

/** A carrier id not in `taken`: `b7-2655`, then `b7-2655-2`, … */
export function newCarrierId(band: string, freqMHz: number, taken: ReadonlySet<string>): string {
  const base = `${band.toLowerCase()}-${String(freqMHz).replace(/[^0-9.]/g, '')}`;
  if (!taken.has(base)) return base;
  for (let k = 2; ; k++) if (!taken.has(`${base}-${k}`)) return `${base}-${k}`;
}

/** The carrier the fields describe, or the field-by-field reasons it cannot be one. */
export function carrierFromFields(
  raw: { band: string; freqMHz: string; scsKHz: string; bandwidthMHz: string },
  carriers: readonly Carrier[],
): { ok: true; carrier: Carrier; existing: boolean } | { ok: false; errors: Partial<Record<'band' | 'freqMHz' | 'scsKHz' | 'bandwidthMHz', string>> } {
  const say = (r: FieldResult<unknown>) => (r.ok ? undefined : formatValidationMessage(r.message, getLang()));
  const band = checkBand(raw.band);
  if (!band.ok) return { ok: false, errors: { band: say(band) } };
  const tech = band.value.tech;
  const scs = checkScsKHz(raw.scsKHz, tech);
  const bw = scs.ok ? checkBandwidthMHz(raw.bandwidthMHz, tech, scs.value) : null;
  const freq = checkFreqMHz(raw.freqMHz, band.value, bw?.ok ? bw.value : undefined);
  if (!scs.ok || !bw?.ok || !freq.ok) return { ok: false, errors: { scsKHz: say(scs), bandwidthMHz: bw ? say(bw) : undefined, freqMHz: say(freq) } };
  const same = carriers.find((c) => c.band === band.value.band && c.freqMHz === freq.value && c.bandwidthMHz === bw.value && c.scsKHz === scs.value);
  if (same) return { ok: true, carrier: same, existing: true };
  const carrier: Carrier = {
    id: newCarrierId(band.value.band, freq.value, new Set(carriers.map((c) => c.id))),
    tech, band: band.value.band, freqMHz: freq.value, bandwidthMHz: bw.value, scsKHz: scs.value,
  };
  const problems = validateCarrier(carrier);
  if (problems.length) return { ok: false, errors: { band: problems.map((p) => formatValidationMessage(p.message, getLang())).join('; ') } };
  return { ok: true, carrier, existing: false };
}

/**
 * The form, collapsed under "New carrier…". `idPrefix` keeps ids unique per sector; `onAdd`
 * receives a valid carrier (new, or the identical one already in the scenario).
 */
export function carrierForm(idPrefix: string, carriers: readonly Carrier[], onAdd: (carrier: Carrier, existing: boolean) => void): HTMLElement {
  const id = (f: string) => `${idPrefix}-nc-${f}`;
  type Name = 'band' | 'freqMHz' | 'scsKHz' | 'bandwidthMHz';
  const controls = new Map<Name, { control: HTMLElement; err: HTMLElement }>();
  const field = (f: Name, label: string, control: HTMLInputElement | HTMLSelectElement, wide = false) => {
    control.id = id(f);
    const err = h('span', { class: 'se-err', id: `${id(f)}-err`, 'aria-live': 'polite' });
    controls.set(f, { control, err });
    return h('div', { class: wide ? 'se-field wide' : 'se-field' }, h('label', { for: id(f) }, label), control, err);
  };
  const band = h('select');
  for (const b of BANDS) band.append(h('option', { value: b.band }, `${b.band} · ${b.label} MHz (${b.tech}, ${b.duplex})`));
  band.value = 'B7';
  const freq = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off' });
  const scs = h('select');
  const bw = h('select');
  const mid = (b: BandSpec) => Math.round((b.dlLowMHz + b.dlHighMHz) / 2);
  /** SCS and bandwidth choices follow the band's technology and the chosen SCS. */
  const refillBw = () => {
    const spec = findBand(band.value)!;
    const prev = bw.value;
    const options = validBandwidthsMHz(spec.tech, Number(scs.value)).filter((w) => w <= spec.dlHighMHz - spec.dlLowMHz);
    bw.replaceChildren(...options.map((w) => h('option', { value: String(w) }, String(w))));
    bw.value = options.map(String).includes(prev) ? prev : String(options.includes(20) ? 20 : options[options.length - 1]);
  };
  const refillScs = () => {
    const spec = findBand(band.value)!;
    const list = SCS_KHZ_BY_TECH[spec.tech];
    scs.replaceChildren(...list.map((s) => h('option', { value: String(s) }, spec.tech === 'NR' ? t('ncScsNr', { scs: s, mu: Math.round(Math.log2(s / 15)) }) : `${s} kHz`)));
    scs.value = String(spec.tech === 'NR' ? 30 : 15);
    refillBw();
  };
  refillScs();
  freq.value = String(mid(findBand(band.value)!));
  band.addEventListener('change', () => {
    refillScs();
    freq.value = String(mid(findBand(band.value)!));
  });
  scs.addEventListener('change', refillBw);
  const add = h('button', { type: 'button', class: 'secondary se-small', id: id('add') }, t('ncAdd'));
  /** The reason next to its field (aria-invalid, aria-describedby), or none. */
  const setErr = (f: Name, text: string | undefined) => {
    const { control, err } = controls.get(f)!;
    err.textContent = text ?? '';
    if (text) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', err.id);
    } else {
      control.removeAttribute('aria-invalid');
      control.removeAttribute('aria-describedby');
    }
  };
  add.addEventListener('click', () => {
    const r = carrierFromFields({ band: band.value, freqMHz: freq.value, scsKHz: scs.value, bandwidthMHz: bw.value }, carriers);
    for (const f of controls.keys()) setErr(f, r.ok ? undefined : r.errors[f]);
    if (r.ok) onAdd(r.carrier, r.existing);
  });
  freq.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      add.click();
    }
  });
  const grid = h('div', { class: 'se-grid' },
    field('band', t('ncBand'), band, true), field('freqMHz', t('ncFreq'), freq, true), field('scsKHz', t('ncScs'), scs), field('bandwidthMHz', t('ncBandwidth'), bw),
    h('div', { class: 'wide row' }, add),
  );
  return h('details', { class: 'se-new-carrier wide' }, h('summary', {}, t('ncTitle')), h('p', { class: 'note' }, t('ncHint')), grid);
}

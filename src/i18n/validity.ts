/**
 * Model names and model-validity problems in the current language. The core returns the problems
 * as data (src/core/validity.ts `ValidityIssue`: quantity, value, range or floor, or a caveat's
 * code); here they become sentences that name the quantity in words with its value and unit,
 * e.g. "khoảng cách 16,5 km ngoài phạm vi 0,01–5 km của mô hình" / "distance 16.5 km outside the
 * model's range 0.01–5 km". Distances of a kilometre or more are given in km.
 */
import type { ValidityIssue } from '../core/validity.ts';
import type { SceneValidityGroup } from '../core/coverage/scene-validity.ts';
import { formatNumber, hasMessage, t } from './i18n.ts';

/** The readable name of a path-loss model id in the current language (never the id, except inside "unknown model (id)"). */
export function modelName(id: string): string {
  const key = `model-${id}`;
  return hasMessage(key) ? t(key) : t('modelUnknown', { id });
}

/** A model's dictionary name, or `fallback` for an id the dictionary does not know. */
export function modelNameOr(id: string, fallback: string): string {
  const key = `model-${id}`;
  return hasMessage(key) ? t(key) : fallback;
}

/**
 * The name of the path loss a sector computes with: its model's, or with a terrain mode the
 * terrain term's (ITM over the profile, or the model plus Bullington / Deygout diffraction).
 */
export function sectorModelName(id: string, terrain: { readonly mode: 'off' | 'itm' | 'empirical-diffraction'; readonly diffraction?: 'bullington' | 'deygout' } | null = null): string {
  if (!terrain || terrain.mode === 'off') return modelName(id);
  if (terrain.mode === 'itm') return t('modelItmTerrain');
  return t('modelWithDiffraction', { model: modelName(id), method: terrain.diffraction === 'deygout' ? 'Deygout' : 'Bullington' });
}

/** Decimals that keep a value readable: 3 below 1, 2 below 10, 1 above. */
const decimalsFor = (v: number) => (Math.abs(v) < 1 ? 3 : Math.abs(v) < 10 ? 2 : 1);

/** A length in m as the reader wants it: km from 1 km on (`asKm` forces km, for a range that reaches 1 km). */
function lengthText(m: number, asKm: boolean): string {
  if (asKm || Math.abs(m) >= 1000) return `${formatNumber(m / 1000, decimalsFor(m / 1000))} km`;
  return `${formatNumber(m, 1)} m`;
}

/** A value of a validity quantity with its unit (lengths in m or km, frequencies in MHz, others as the range's unit). */
function valueText(field: string, value: number, unit: string, asKm = false): string {
  if (unit === 'm') return lengthText(value, asKm);
  return `${formatNumber(value, unit === 'MHz' ? 1 : 2)} ${unit}`;
}

/** The quantity's words (the field name itself for a quantity the dictionary does not know). */
function quantity(field: string): string {
  const key = `vq-${field}`;
  return hasMessage(key) ? t(key) : field;
}

/** One validity problem as a sentence in the current language. */
export function validityIssueText(issue: ValidityIssue): string {
  switch (issue.kind) {
    case 'range': {
      // A range that reaches 1 km is read in km, its bounds and the value alike.
      const km = issue.unit === 'm' && Math.max(Math.abs(issue.max), Math.abs(issue.value)) >= 1000;
      const bound = (v: number) => (issue.unit === 'm' ? (km ? formatNumber(v / 1000, decimalsFor(v / 1000)) : formatNumber(v, 1)) : formatNumber(v, 2));
      return t('vRange', { quantity: quantity(issue.field), value: valueText(issue.field, issue.value, issue.unit, km), min: bound(issue.min), max: `${bound(issue.max)} ${km ? 'km' : issue.unit}` });
    }
    case 'floor':
      return t('vFloor', { quantity: quantity(issue.field), value: lengthText(issue.value, false), floor: lengthText(issue.floorM, false) });
    case 'note': {
      const v = issue.values;
      switch (issue.code) {
        case 'hata-large-city-gap':
          return t('vn-hata-large-city-gap', { freq: valueText('freqMHz', v.freqMHz, 'MHz'), form: t(v.freqMHz <= v.splitMHz ? 'vFormBelow' : 'vFormAbove') });
        case 'cost231-beyond':
          return t('vn-cost231-beyond');
        case 'no-breakpoint':
          return t('vn-no-breakpoint');
        case 'uma-random-he':
          return t('vn-uma-random-he', { h: lengthText(v.hUtM, false) });
        case 'uma-plos-clipped':
          return t('vn-uma-plos-clipped', { p: formatNumber(v.pLos, 5), d: lengthText(v.d2dM, false) });
      }
    }
  }
}

/** The problems of one link, joined into one line ("; "). */
export function validityIssuesText(issues: readonly ValidityIssue[]): string {
  return issues.map(validityIssueText).join('; ');
}

/** One line of the model-validity box: the model, its sectors, frequency, height and footprint, and its problems there. */
export function sceneValidityText(g: SceneValidityGroup): string {
  return t('vSceneGroup', {
    model: modelName(g.modelId), sectors: g.sectors, freq: valueText('freqMHz', g.freqMHz, 'MHz'), height: lengthText(g.heightM, false),
    far: lengthText(g.footprintM, false), issues: validityIssuesText(g.issues),
  });
}

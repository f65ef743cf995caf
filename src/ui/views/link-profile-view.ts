/**
 * The link profile of the point-to-point check (issue 12): a d3 chart of the terrain between the
 * site and the point from the scene's DEM (clutter heights of the classes on the intermediate
 * points), raised by the earth bulge of an editable k (default 4/3), the line of sight, the
 * first Fresnel zone and its 60 % line, the worst obstruction with its clearance in metres and
 * in % of F1, ITM's loss and propagation mode over the same profile; PNG and CSV export.
 * Without a DEM it says so and draws flat earth. The model is src/core/terrain/link-profile.ts;
 * this module draws it with h()/svg() and textContent only.
 */
import { scaleLinear } from 'd3-scale';
import { area, line } from 'd3-shape';
import type { AppContext } from '../../app/context.ts';
import type { AppState } from '../../app/state.ts';
import { CLUTTER_TYPES } from '../../core/clutter/p2108.ts';
import { DEFAULT_CLUTTER_TABLE, type ClutterTable } from '../../core/clutter/table.ts';
import { TERRAIN_ITM_SETTINGS } from '../../core/coverage/terrain-loss.ts';
import { DEFAULT_K_FACTOR } from '../../core/terrain/link-geometry.ts';
import { checkKFactor, linkProfileCsv, linkProfileModel, type LinkProfileModel } from '../../core/terrain/link-profile.ts';
import { formatNumber, t, type MessageKey } from '../../i18n/i18n.ts';
import { h, svg } from '../dom.ts';
import { download } from '../download.ts';
import { p2pResult } from './planner-view.ts';

const W = 340;
const H = 210;
const PAD = { l: 38, r: 8, t: 10, b: 28 };
const COLOURS = { ground: '#a0845c', clutter: '#6f9a52', fresnel: 'rgba(66, 133, 244, 0.18)', fresnelEdge: '#4285f4', los: '#d93025', clearance: '#f29900', bulge: '#3b3b3b', worst: '#111' } as const;

/** Clutter height per cell for the profile: R of the P.2108 rows (none for 'fixed' rows), as the engine's terrain term. */
const clutterHeights = new WeakMap<Uint8Array, { table: ClutterTable; heights: Float32Array }>();
function clutterHeightsOf(clutter: Uint8Array, table: ClutterTable): Float32Array {
  const held = clutterHeights.get(clutter);
  if (held && held.table === table) return held.heights;
  const perClass = CLUTTER_TYPES.map((c) => (table[c].loss === 'p2108' ? table[c].clutterHeightM : 0));
  const heights = Float32Array.from(clutter, (k) => perClass[k] ?? 0);
  clutterHeights.set(clutter, { table, heights });
  return heights;
}

/** The link profile of the store's point-to-point check, or null (no check, or inputs the model refuses). */
export function linkProfileOf(s: AppState, kFactor: number): { model: LinkProfileModel; demName: string | null; siteId: string; sectorId: string } | null {
  const r = p2pResult(s);
  const sc = s.scenario;
  if (!r || !sc) return null;
  const site = sc.sites.find((x) => x.id === r.result.siteId);
  const carrier = sc.carriers.find((c) => c.id === r.result.carrierId);
  if (!site || !carrier) return null;
  const g = s.ground;
  const dem = g?.dem ? { grid: g.grid, heightsM: g.dem } : null;
  const clutter = dem && g ? clutterHeightsOf(g.clutter, sc.clutterTable ?? DEFAULT_CLUTTER_TABLE) : null;
  try {
    const model = linkProfileModel({
      dem, clutterHeightsM: clutter, from: { xM: r.result.siteXM, yM: r.result.siteYM }, to: { xM: r.result.targetXM, yM: r.result.targetYM },
      hTxM: site.heightM, hRxM: sc.ueHeightM, freqMHz: carrier.freqMHz, kFactor, itm: TERRAIN_ITM_SETTINGS,
    });
    return { model, demName: g?.demName ?? null, siteId: site.id, sectorId: r.result.sectorId };
  } catch {
    return null;
  }
}

const n = (v: number, d = 1) => (Number.isFinite(v) ? formatNumber(v + 0, d) : '—');

/** The chart (SVG, styles inline so that the PNG export looks the same). */
function chart(m: LinkProfileModel): SVGSVGElement {
  const g = m.geometry;
  const count = g.distanceM.length;
  const dKm = g.distanceM[count - 1] / 1000;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < count; i++) {
    lo = Math.min(lo, m.profile.groundM[i], g.lineOfSightM[i] - g.fresnelRadiusM[i]);
    hi = Math.max(hi, g.terrainM[i], g.lineOfSightM[i] + g.fresnelRadiusM[i]);
  }
  const x = scaleLinear().domain([0, dKm]).range([PAD.l, W - PAD.r]);
  const y = scaleLinear().domain([Math.min(0, lo), hi + 0.05 * (hi - lo + 1)]).nice(5).range([H - PAD.b, PAD.t]);
  const idx = Array.from({ length: count }, (_, i) => i);
  const xi = (i: number) => x(g.distanceM[i] / 1000);
  const base = y.domain()[0];
  const groundArea = area<number>().x(xi).y0(y(base)).y1((i) => y(m.profile.groundM[i] + g.bulgeM[i]))(idx) ?? '';
  const clutterArea = area<number>().x(xi).y0((i) => y(m.profile.groundM[i] + g.bulgeM[i])).y1((i) => y(g.terrainM[i]))(idx) ?? '';
  const fresnel = area<number>().x(xi).y0((i) => y(g.lineOfSightM[i] - g.fresnelRadiusM[i])).y1((i) => y(g.lineOfSightM[i] + g.fresnelRadiusM[i]))(idx) ?? '';
  const path = (f: (i: number) => number) => line<number>().x(xi).y((i) => y(f(i)))(idx) ?? '';
  const parts: SVGElement[] = [
    svg('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }),
    svg('path', { d: fresnel, fill: COLOURS.fresnel, stroke: 'none', class: 'lp-fresnel' }),
    svg('path', { d: path((i) => g.lineOfSightM[i] - g.fresnelRadiusM[i]), fill: 'none', stroke: COLOURS.fresnelEdge, 'stroke-width': 0.8 }),
    svg('path', { d: path((i) => g.lineOfSightM[i] + g.fresnelRadiusM[i]), fill: 'none', stroke: COLOURS.fresnelEdge, 'stroke-width': 0.8 }),
    svg('path', { d: groundArea, fill: COLOURS.ground, stroke: 'none', class: 'lp-ground' }),
    svg('path', { d: clutterArea, fill: COLOURS.clutter, stroke: 'none', class: 'lp-clutter' }),
    // The datum (0 m) raised by the bulge: the earth's curvature in this flat chart.
    svg('path', { d: path((i) => g.bulgeM[i]), fill: 'none', stroke: COLOURS.bulge, 'stroke-width': 1.2, 'stroke-dasharray': '4 3', class: 'lp-bulge' }),
    svg('path', { d: path((i) => g.clearanceLineM[i]), fill: 'none', stroke: COLOURS.clearance, 'stroke-width': 1.2, 'stroke-dasharray': '5 3', class: 'lp-clearance' }),
    svg('path', { d: path((i) => g.lineOfSightM[i]), fill: 'none', stroke: COLOURS.los, 'stroke-width': 1.5, class: 'lp-los' }),
  ];
  if (g.worstIndex >= 0) {
    const i = g.worstIndex;
    parts.push(
      svg('line', { x1: xi(i), x2: xi(i), y1: y(g.terrainM[i]), y2: y(g.lineOfSightM[i]), stroke: COLOURS.worst, 'stroke-width': 1.2 }),
      svg('circle', { cx: xi(i), cy: y(g.terrainM[i]), r: 3.5, fill: 'none', stroke: COLOURS.worst, 'stroke-width': 1.5, class: 'lp-worst' }),
    );
  }
  const axis = [
    svg('line', { x1: PAD.l, x2: W - PAD.r, y1: H - PAD.b, y2: H - PAD.b, stroke: '#555' }),
    svg('line', { x1: PAD.l, x2: PAD.l, y1: PAD.t, y2: H - PAD.b, stroke: '#555' }),
    ...x.ticks(5).map((v) => svg('text', { x: x(v), y: H - PAD.b + 11, 'text-anchor': 'middle', 'font-size': 9, fill: '#333' }, formatNumber(v, 1))),
    ...y.ticks(5).map((v) => svg('text', { x: PAD.l - 3, y: y(v) + 3, 'text-anchor': 'end', 'font-size': 9, fill: '#333' }, formatNumber(v, 0))),
    svg('text', { x: (PAD.l + W - PAD.r) / 2, y: H - 3, 'text-anchor': 'middle', 'font-size': 9, fill: '#333' }, t('lpAxisDistance')),
    svg('text', { x: 9, y: (PAD.t + H - PAD.b) / 2, 'text-anchor': 'middle', 'font-size': 9, fill: '#333', transform: `rotate(-90 9 ${(PAD.t + H - PAD.b) / 2})` }, t('lpAxisHeight')),
  ];
  // As wide as the panel on screen; the PNG export draws it at W × H (its width / height attributes).
  return svg('svg', { id: 'link-profile-chart', viewBox: `0 0 ${W} ${H}`, width: W, height: H, style: 'width: 100%; height: auto', role: 'img', 'aria-label': t('lpTitle'), 'font-family': 'sans-serif' }, ...parts, ...axis);
}

function legend(): HTMLElement {
  const item = (colour: string, key: MessageKey, dashed = false) => h('span', { class: 'lp-key' },
    svg('svg', { width: 14, height: 8 }, svg('line', { x1: 0, x2: 14, y1: 4, y2: 4, stroke: colour, 'stroke-width': dashed ? 1.5 : 3, ...(dashed ? { 'stroke-dasharray': '3 2' } : {}) })), ` ${t(key)}`);
  return h('div', { class: 'note lp-legend' }, item(COLOURS.ground, 'lpLegendTerrain'), ' ', item(COLOURS.bulge, 'lpLegendBulge', true), ' ', item(COLOURS.los, 'lpLegendLos'), ' ',
    item(COLOURS.fresnelEdge, 'lpLegendFresnel'), ' ', item(COLOURS.clearance, 'lpLegendClearance', true));
}

/** PNG of the chart (rendered through an image on a canvas, twice the size). */
async function chartPng(el: SVGSVGElement): Promise<Uint8Array> {
  const copy = el.cloneNode(true) as SVGSVGElement;
  copy.removeAttribute('style');
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const text = new XMLSerializer().serializeToString(copy);
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be rendered'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = W * 2;
    canvas.height = H * 2;
    const c = canvas.getContext('2d')!;
    c.scale(2, 2);
    c.drawImage(img, 0, 0, W, H);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the chart could not be encoded as PNG');
    return new Uint8Array(await blob.arrayBuffer());
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function mountLinkProfile({ store }: Pick<AppContext, 'store'>): { last: () => LinkProfileModel | null } {
  const root = document.getElementById('link-profile') as HTMLElement;
  let kFactor = DEFAULT_K_FACTOR;
  let last: LinkProfileModel | null = null;
  const kInput = h('input', { id: 'lp-k', type: 'number', min: '0.1', max: '100', step: '0.01', value: String(Math.round(DEFAULT_K_FACTOR * 1000) / 1000), 'aria-describedby': 'lp-k-error' });
  const kError = h('div', { class: 'field-error', id: 'lp-k-error', role: 'alert', hidden: '' });
  const render = () => {
    const s = store.get();
    const r = linkProfileOf(s, kFactor);
    last = r?.model ?? null;
    if (!r) {
      root.replaceChildren();
      return;
    }
    const m = r.model;
    const g = m.geometry;
    const svgEl = chart(m);
    const lines: HTMLElement[] = [h('p', { class: 'note', id: 'lp-source' }, m.flat ? t('lpNoDem') : t('lpDem', { name: r.demName ?? '', step: formatNumber(m.profile.spacingM, 1) }))];
    if (g.worstIndex >= 0) {
      const i = g.worstIndex;
      const worst = h('p', {
        id: 'lp-worst', 'data-d1': String(g.distanceM[i]), 'data-d': String(m.profile.distanceM), 'data-f1': String(g.fresnelRadiusM[i]), 'data-bulge': String(g.bulgeM[i]),
        'data-clearance': String(g.worstClearanceM), 'data-fraction': String(g.worstClearanceFraction), 'data-ground': String(m.profile.groundM[i]), 'data-clutter': String(m.profile.clutterM[i]),
        'data-los': String(g.lineOfSightM[i]),
      }, t('lpWorst', { d: n(g.distanceM[i] / 1000, 3), m: n(g.worstClearanceM, 2), pct: n(g.worstClearanceFraction * 100, 1), f1: n(g.fresnelRadiusM[i], 2), bulge: n(g.bulgeM[i], 2) }));
      lines.push(worst);
    }
    lines.push(h('p', { id: 'lp-verdict' }, `${t(g.lineOfSight ? 'lpVerdictLos' : 'lpVerdictBlocked')}; ${t(g.clearanceMet ? 'lpVerdictClear' : 'lpVerdictNotClear')}`));
    lines.push(m.itmError
      ? h('p', { id: 'lp-itm', class: 'warn' }, t('lpItmError', { error: m.itmError }))
      : h('p', { id: 'lp-itm', 'data-loss': String(m.itm.lossDb), 'data-mode': String(m.itm.mode) }, t('lpItm', { loss: n(m.itm.lossDb, 1), mode: t(`lpItmMode${m.itm.mode}` as MessageKey) })));
    const png = h('button', { class: 'secondary', id: 'lp-png' }, t('lpExportPng'));
    const csv = h('button', { class: 'secondary', id: 'lp-csv' }, t('lpExportCsv'));
    const name = `profile-${r.siteId}-${r.sectorId}`;
    png.addEventListener('click', () => void chartPng(svgEl).then((bytes) => download(`${name}.png`, bytes, 'image/png')).catch((e: unknown) => {
      kError.textContent = e instanceof Error ? e.message : String(e);
      kError.hidden = false;
    }));
    csv.addEventListener('click', () => download(`${name}.csv`, linkProfileCsv(m), 'text/csv'));
    root.replaceChildren(
      h('h3', {}, t('lpTitle')), svgEl, legend(),
      h('label', {}, h('span', {}, `${t('lpKFactor')} `), kInput), kError,
      ...lines, h('div', { class: 'row' }, png, csv),
    );
  };
  kInput.addEventListener('change', () => {
    const v = Number(kInput.value.replace(',', '.'));
    try {
      kFactor = checkKFactor(v);
      kError.hidden = true;
      kInput.setAttribute('aria-invalid', 'false');
      render();
    } catch {
      kError.textContent = t('lpKInvalid');
      kError.hidden = false;
      kInput.setAttribute('aria-invalid', 'true');
    }
  });
  store.subscribe((s) => [s.p2p, s.scenario, s.ground, s.ui.carrierId, s.lang] as const, render, { equals: (a, b) => a.every((x, i) => x === b[i]) });
  return { last: () => last };
}

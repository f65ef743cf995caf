/**
 * MapLibre writes its controls' labels in English ("Zoom in", "Toggle attribution", "Map"):
 * this puts them in the current language, on start and on each language change, so that the
 * map speaks the panel's language too (screen readers read these labels).
 */
import type { Map as MlMap } from 'maplibre-gl';
import { t, type MessageKey } from '../i18n/i18n.ts';

/** Control selector → the dictionary key of its label (title and aria-label). */
const LABELS: readonly [string, MessageKey][] = [
  ['.maplibregl-ctrl-zoom-in', 'mapZoomIn'],
  ['.maplibregl-ctrl-zoom-out', 'mapZoomOut'],
  ['.maplibregl-ctrl-compass', 'mapResetBearing'],
  ['.maplibregl-ctrl-attrib-button', 'mapAttribution'],
  ['.maplibregl-popup-close-button', 'mapPopupClose'],
];

/** Labels the map's controls (and its canvas) in the current language. */
export function localizeMapControls(map: MlMap): void {
  const root = map.getContainer();
  for (const [sel, key] of LABELS) {
    for (const el of root.querySelectorAll<HTMLElement>(sel)) {
      const text = t(key);
      el.setAttribute('aria-label', text);
      if (el.hasAttribute('title')) el.title = text;
      // The buttons carry their label on an inner icon span too.
      el.querySelector('.maplibregl-ctrl-icon')?.setAttribute('title', text);
    }
  }
  for (const el of root.querySelectorAll<HTMLElement>('.maplibregl-canvas, .maplibregl-canvas-container[aria-label]')) if (el.hasAttribute('aria-label')) el.setAttribute('aria-label', t('mapCanvas'));
  if (root.getAttribute('aria-label')) root.setAttribute('aria-label', t('mapCanvas'));
}

/**
 * The self-contained default style: no tile server, no glyph server. Text is drawn by MapLibre
 * from the page's own font (Noto Sans, bundled by @fontsource) because the style sets no
 * `glyphs` URL. OpenStreetMap raster tiles are in the style but hidden until the user turns the
 * basemap on, so nothing is requested while offline.
 */
import type { StyleSpecification } from 'maplibre-gl';

export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

export function baseStyle(): StyleSpecification {
  return {
    version: 8,
    sources: {
      osm: { type: 'raster', tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'], tileSize: 256, maxzoom: 19, attribution: OSM_ATTRIBUTION },
    },
    layers: [
      // Outside the province: the sea, the estuaries and neighbouring provinces alike (the
      // boundary data has no water layer; SOURCES.md "Missing").
      { id: 'background', type: 'background', paint: { 'background-color': '#dce8ef' } },
      { id: 'osm', type: 'raster', source: 'osm', layout: { visibility: 'none' }, paint: { 'raster-opacity': 0.9 } },
    ],
  };
}

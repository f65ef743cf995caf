/**
 * The boundaries on the map: the province outline, the 124 communes (hover, labels), the former
 * districts; or, when the communes file cannot be read, the drop zone for a file of the user's
 * (any province's communes; the user chooses the property holding the name).
 */
import type { Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { boundariesFrom, type BoundaryMapData } from '../../app/startup.ts';
import { addBoundaryLayer, addProvinceOutline } from '../boundary-layers.ts';
import { installDropZone } from '../dropzone.ts';

/** Draws the boundary files (the layers the other map views are placed under exist after this). */
export function drawBoundaries(map: MlMap, data: BoundaryMapData): void {
  if (data.outline) addProvinceOutline(map, data.outline);
  addBoundaryLayer(map, 'communes', data.communes, { nameProperty: data.nameProperty }, true);
  if (data.districts) addBoundaryLayer(map, 'districts', data.districts, { nameProperty: 'name' }, false);
}

/**
 * Offers the drop zone; `use` is called with the boundaries of the dropped file and its map data.
 */
export function offerDropZone(el: HTMLElement, file: string, reason: string, use: (b: ReturnType<typeof boundariesFrom>, data: BoundaryMapData) => void): void {
  installDropZone(el, file, reason, (fc: FeatureCollection, nameProperty: string) => {
    use(boundariesFrom(fc, nameProperty, null), { communes: fc, nameProperty, outline: null, districts: null });
  });
}

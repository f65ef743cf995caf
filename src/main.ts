/**
 * Entry point: styles, the app (src/app/app.ts wires store → controllers → compute facade →
 * workers and the views), and — only when the address asks for them — the test and benchmark
 * hooks, loaded as a separate chunk.
 */
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/600.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './ui/style.css';
import { createApp } from './app/app.ts';

const params = new URLSearchParams(location.search);
const cell = Number(params.get('cell'));
const app = createApp({
  // `?autosave=off` (tests that need the default network) neither restores nor writes.
  autosave: params.get('autosave') !== 'off',
  // `?scenario=bench&sites=N`: the SYNTHETIC province-wide bench network (bench/browser.ts).
  bench: params.get('scenario') === 'bench' ? Number(params.get('sites') ?? 400) : null,
  cellSizeM: [25, 50, 100, 200, 500].includes(cell) ? cell : null,
  allCarriers: params.get('carriers') === 'all',
});
if (params.has('debug') || params.has('bench') || params.get('scenario') === 'bench') {
  void import('./app/debug.ts').then(({ installDebug }) => installDebug(app));
}

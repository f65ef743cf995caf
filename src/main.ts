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
import { readAddress } from './app/address.ts';

const params = new URLSearchParams(location.search);
// `?autosave=off` (tests that need the default network) neither restores nor writes; `?cell=`,
// `?scenario=bench&sites=N` (the SYNTHETIC bench network of bench/browser.ts), `?carriers=all`.
const app = createApp(readAddress(location.search));
if (params.has('debug') || params.has('bench') || params.get('scenario') === 'bench') {
  void import('./app/debug.ts').then(({ installDebug }) => installDebug(app));
}

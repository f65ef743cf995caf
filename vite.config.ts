import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from './src/security/csp.ts';

/** The CSP (src/security/csp.ts) as a `<meta>` in the page, first in `<head>`, dev and build alike. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'phusong-csp',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}

const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY_HEADER };

export default defineConfig({
  plugins: [contentSecurityPolicy()],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers, warmup: { clientFiles: ['./src/main.ts', './workers/engine.worker.ts'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers },
  // Pre-bundle every browser dependency up front: a dependency discovered late makes the dev
  // server reload the page, which would interrupt a running coverage job.
  optimizeDeps: {
    include: ['comlink', '@turf/boolean-point-in-polygon', 'd3-scale', 'd3-color', 'd3-scale-chromatic', 'proj4'],
    // MapLibre 6 loads its own worker module relative to its file: bundling it into .vite/deps breaks that URL.
    exclude: ['maplibre-gl'],
    entries: ['index.html', 'workers/engine.worker.ts'],
  },
});

import { defineConfig } from 'vite';

export default defineConfig({
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, warmup: { clientFiles: ['./src/main.ts', './workers/engine.worker.ts'] } },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  // Pre-bundle every browser dependency up front: a dependency discovered late makes the dev
  // server reload the page, which would interrupt a running coverage job.
  optimizeDeps: {
    include: ['comlink', '@turf/boolean-point-in-polygon', 'd3-scale', 'd3-color', 'd3-scale-chromatic', 'proj4'],
    // MapLibre 6 loads its own worker module relative to its file: bundling it into .vite/deps breaks that URL.
    exclude: ['maplibre-gl'],
    entries: ['index.html', 'workers/engine.worker.ts'],
  },
});

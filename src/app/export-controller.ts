/**
 * The export bundle from the app: the same contract as `phusong coverage --out`
 * (src/core/export/contract.ts), so it holds every carrier. When the map shows one carrier, the
 * others are computed first in a version of their own (the map is untouched), then the
 * analysis worker builds the files and zips them; the status line shows the progress of both.
 */
import { layerFrame, type Compute } from '../compute/facade.ts';
import { planScene, sceneWarnings } from '../core/coverage/scene.ts';
import { tileBands } from '../core/coverage/layers.ts';
import type { Store } from './store.ts';
import { msg, raw, type AppState } from './state.ts';
import type { CoverageController } from './coverage-controller.ts';
import { GAP_MIN_AREA_KM2, GAP_THRESHOLD_DBM } from './analysis-controller.ts';

export class ExportController {
  private running = false;
  /** The last bundle made (tests read its size and names). */
  last: { bytes: number; files: string[]; name: string } | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly compute: Compute,
    /** The coverage controller: version numbers, and the engine to itself while computing every carrier. */
    private readonly engine: Pick<CoverageController, 'nextVersion' | 'withEngine'>,
    private readonly save: (name: string, data: Uint8Array) => void,
  ) {}

  private status(m: AppState['status']['export']): void {
    this.store.set((s) => ({ status: { ...s.status, export: m } }));
  }

  async exportBundle(): Promise<void> {
    const s = this.store.get();
    const cov = s.coverage;
    if (!cov || !s.boundaries || this.running) return;
    this.running = true;
    let own: number | null = null;
    try {
      const scenario = cov.scenario;
      const all = scenario.carriers.length;
      let version = cov.version;
      let scene = cov.scene;
      let run = { workers: this.compute.workers, evaluations: 0, timingsS: { compute: Math.round(cov.how.ms) / 1000 } as Record<string, number> };
      if (cov.scene.carriers.length < all) {
        // Every carrier, as the command line computes them.
        const options = { ...cov.options, carrierIds: null };
        scene = planScene(scenario, s.boundaries.maskRings, options, cov.ground?.clutter ?? null, cov.ground?.dem ?? null);
        const v = this.engine.nextVersion();
        own = v;
        const groups = tileBands(scene);
        const b = s.boundaries;
        const t0 = performance.now();
        const summary = await this.engine.withEngine(async () => {
          await this.compute.setScene({ scenario, boundaryRings: b.maskRings, options, version: v, clutter: cov.ground?.clutter, dem: cov.ground?.dem });
          return this.compute.run(v, layerFrame(scene), groups, {
            onProgress: (done, total) => this.status(msg('exportComputing', { done, total })),
          });
        });
        run = { workers: Object.keys(summary.groupsByWorker).length, evaluations: summary.evaluations, timingsS: { compute: Math.round(performance.now() - t0) / 1000 } };
        version = v;
      }
      this.status(msg('exportZipWorking'));
      const carrier = s.ui.carrierId && scene.carriers.some((c) => c.id === s.ui.carrierId) ? s.ui.carrierId : scene.carriers[0].id;
      const o = s.ui.statsOptions;
      const { zip, files } = await this.compute.exportBundle(version, s.boundaries.communeSource, {
        carrierLabels: scene.carriers.map((c) => c.label), sectors: scene.sectors, maskRings: scene.maskRings, scenario,
        run: { tool: 'phusong (app)', created: new Date().toISOString(), peakRssMb: null, modelWarnings: sceneWarnings(scene), modelOverride: cov.options.modelOverride, ...run },
      }, { exportCarrier: carrier, gapThresholdDbm: GAP_THRESHOLD_DBM, gapMinAreaKm2: GAP_MIN_AREA_KM2, indoorThresholdDbm: o.indoorThresholdDbm, rsrpThresholdsDbm: o.rsrpThresholdsDbm, sinrThresholdDb: o.sinrThresholdDb },
      (done, total) => this.status(msg('exportZipProgress', { done, total })));
      const name = `phusong-${carrier}-${scene.grid.cellSizeM}m.zip`;
      this.save(name, zip);
      this.last = { bytes: zip.byteLength, files, name };
      this.status(msg('exportZipDone', { name, mb: Number((zip.byteLength / 1e6).toFixed(1)), n: files.length }));
    } catch (e) {
      this.status(raw(e instanceof Error ? e.message : String(e)));
    } finally {
      if (own !== null) void this.compute.drop([own]);
      this.running = false;
    }
  }
}

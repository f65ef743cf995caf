/**
 * Measurement points as a structure of typed arrays (STYLE.md §5): one array per field, one
 * entry per kept row, so that a million points are a few tens of megabytes and cross a worker
 * boundary as transferred buffers. Absent optional values are −1 (integers) or NaN (reals).
 */

/** Marks an absent integer value (PCI, channel number, cell-id index). */
export const ABSENT = -1;

/** Points as parallel arrays; every array has at least `count` entries (the rest is unused capacity). */
export interface MeasurementPoints {
  readonly count: number;
  /** File row of each point (see MeasurementProblem.row). */
  readonly row: Int32Array;
  readonly lonDeg: Float64Array;
  readonly latDeg: Float64Array;
  readonly rsrpDbm: Float64Array;
  /** Physical cell id, or {@link ABSENT}. */
  readonly pci: Int32Array;
  /** Index into the cell-id dictionary, or {@link ABSENT}. */
  readonly cellId: Int32Array;
  /** E-UTRA downlink channel number, or {@link ABSENT}. */
  readonly earfcn: Int32Array;
  /** NR-ARFCN, or {@link ABSENT}. */
  readonly nrArfcn: Int32Array;
  /** Milliseconds since 1970-01-01T00:00Z, or NaN. */
  readonly timeMs: Float64Array;
  /** SINR, dB, or NaN. */
  readonly sinrDb: Float32Array;
  /** RSRQ, dB, or NaN. */
  readonly rsrqDb: Float32Array;
}

/** Points being filled (writable count). */
export type WritablePoints = { -readonly [K in keyof MeasurementPoints]: MeasurementPoints[K] };

/** Points in freshly allocated arrays of `capacity` entries (count 0). */
export function allocatePoints(capacity: number): WritablePoints {
  return {
    count: 0,
    row: new Int32Array(capacity),
    lonDeg: new Float64Array(capacity),
    latDeg: new Float64Array(capacity),
    rsrpDbm: new Float64Array(capacity),
    pci: new Int32Array(capacity),
    cellId: new Int32Array(capacity),
    earfcn: new Int32Array(capacity),
    nrArfcn: new Int32Array(capacity),
    timeMs: new Float64Array(capacity),
    sinrDb: new Float32Array(capacity),
    rsrqDb: new Float32Array(capacity),
  };
}

const ARRAY_KEYS = ['row', 'lonDeg', 'latDeg', 'rsrpDbm', 'pci', 'cellId', 'earfcn', 'nrArfcn', 'timeMs', 'sinrDb', 'rsrqDb'] as const;

/** The points' arrays cut to `count` entries (copies), e.g. to transfer a batch. */
export function trimPoints(p: MeasurementPoints): MeasurementPoints {
  const out = { count: p.count } as WritablePoints;
  for (const k of ARRAY_KEYS) (out as Record<string, unknown>)[k] = p[k].slice(0, p.count);
  return out;
}

/** The ArrayBuffers of the points, for `postMessage(…, transfer)`. */
export function pointBuffers(p: MeasurementPoints): ArrayBuffer[] {
  return ARRAY_KEYS.map((k) => p[k].buffer as ArrayBuffer);
}

/**
 * A growing set of points: batches are appended (capacity doubles as needed), and
 * {@link PointsBuilder.finish} returns the points trimmed to their count.
 */
export class PointsBuilder {
  private p: MeasurementPoints;
  private n = 0;
  /** The cell-id dictionary of every appended batch. */
  readonly cellIds: string[] = [];

  constructor(initialCapacity = 4096) {
    this.p = allocatePoints(Math.max(16, initialCapacity));
  }

  get count(): number {
    return this.n;
  }

  /**
   * Appends a batch. Its cell ids index `cellIdBase + i` of the dictionary; `newCellIds` are the
   * dictionary entries first met in this batch (their indices start at `cellIdBase`).
   */
  append(batch: MeasurementPoints, newCellIds: readonly string[] = [], cellIdBase = this.cellIds.length): void {
    if (cellIdBase !== this.cellIds.length) throw new Error(`cell-id dictionary out of step: batch starts at ${cellIdBase}, builder has ${this.cellIds.length}`);
    this.cellIds.push(...newCellIds);
    this.reserve(this.n + batch.count);
    for (const k of ARRAY_KEYS) (this.p[k] as Float64Array).set((batch[k] as Float64Array).subarray(0, batch.count), this.n);
    this.n += batch.count;
  }

  private reserve(capacity: number): void {
    if (capacity <= this.p.row.length) return;
    let c = this.p.row.length;
    while (c < capacity) c *= 2;
    const q = allocatePoints(c);
    for (const k of ARRAY_KEYS) (q[k] as Float64Array).set((this.p[k] as Float64Array).subarray(0, this.n));
    this.p = q;
  }

  /** The points so far, trimmed (copies: the builder can go on). */
  finish(): MeasurementPoints {
    return trimPoints({ ...this.p, count: this.n });
  }
}

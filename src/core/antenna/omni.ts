/**
 * Omnidirectional antenna (spec §4): the same gain in every direction, both planes.
 * A collinear omni's vertical beam is not modelled; use a measured (MSI) pattern for that.
 */
import { requireFinite } from '../validity.ts';
import type { AntennaPattern } from './types.ts';

/** Omni pattern: `gainDbi(φ, θ) = maxGainDbi` for every direction. */
export class OmniPattern implements AntennaPattern {
  readonly kind = 'omni' as const;
  readonly builtInTiltDeg = 0;
  /** Gain, dBi. */
  readonly maxGainDbi: number;

  /** @param maxGainDbi - gain in every direction, dBi (finite; may be negative) */
  constructor(maxGainDbi: number) {
    requireFinite('maxGainDbi', maxGainDbi);
    this.maxGainDbi = maxGainDbi;
  }

  /** Same gain in every direction, dBi; the angles only have to be finite numbers. */
  gainDbi(_azimuthOffDeg: number, _elevDownDeg: number): number {
    return this.maxGainDbi;
  }
}

/**
 * The state of one ITM path: the geometry the terrain (or area-mode statistics) gives, and what
 * the reference-attenuation step writes back. One mutable object, reused across the samples of
 * a radial in point-to-area runs, so the hot loop allocates nothing.
 */
export class ItmPath {
  /** Great-circle path length d, m. */
  dM = 0;
  /** Structural antenna heights above ground, m. */
  hTxM = 0;
  hRxM = 0;
  /** Effective antenna heights (above the fitted terrain), m. */
  heTxM = 0;
  heRxM = 0;
  /** Horizon distances from each terminal, m. */
  dHznTxM = 0;
  dHznRxM = 0;
  /** Horizon elevation angles at each terminal, rad. */
  thetaHznTx = 0;
  thetaHznRx = 0;
  /** Terrain irregularity parameter Δh, m. */
  deltaHM = 0;
  /** Surface refractivity at the mean path elevation, N-units. */
  nS = 0;
  /** Curvature of the effective earth, 1/m. */
  gammaE = 0;

  /** Reference attenuation (median loss relative to free space, before variability), dB. */
  aRefDb = 0;
  /** Propagation mode: 1 line of sight, 2 diffraction, 3 troposcatter (0 not computed). */
  mode = 0;
  /** Warning bits raised so far ({@link ItmWarning}). */
  warnings = 0;
}

/** Propagation modes reported by ITM. */
export const ItmMode = { NOT_SET: 0, LINE_OF_SIGHT: 1, DIFFRACTION: 2, TROPOSCATTER: 3 } as const;

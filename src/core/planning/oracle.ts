/**
 * The coverage oracle: what the site search (search.ts) knows about coverage. The search only
 * asks "by how much would the objective change if these sites were added and those removed?"
 * and "make it so"; whether the answer comes from the radio engine (engine-oracle.ts, exact,
 * interference included) or from a synthetic model (synthetic.ts, for the optimality tests) is
 * the oracle's business. That is what lets the search be tested against exact optima on small
 * instances and run unchanged on the province.
 *
 * Options and candidates: a candidate is a place where a site may go (a group); an option is
 * one configuration of it. Options 0…candidateCount−1 are the candidates as given; the local
 * search asks for "tweaks" (azimuths and tilts stepped), which are new options of the same
 * group. At most one option of a group is ever in the chosen set.
 */

/** A change of the chosen set: options added and options removed (both may be empty). */
export interface Change {
  readonly add: readonly number[];
  readonly remove: readonly number[];
}

/** Figures of a chosen set over the target area. */
export interface Measure {
  /** What the search maximises: people covered, or covered area in km², as the goal says. */
  readonly objective: number;
  /** People covered (population per cell × covered). */
  readonly population: number;
  /** Covered land area, km². */
  readonly areaKm2: number;
}

export interface CoverageOracle {
  /** Candidates, i.e. the options given (0…candidateCount−1). */
  readonly candidateCount: number;
  /**
   * True when the objective is monotone submodular (coverage by an RSRP threshold: a site never
   * uncovers a cell, and a cell covered by another site cannot be covered twice), so that a
   * gain computed earlier is an upper bound of the gain now (the lazy greedy relies on it).
   * False with a SINR condition: a new site's interference can uncover cells.
   */
  readonly submodular: boolean;
  /** Changes evaluated or applied so far. */
  readonly evaluations: number;
  /** The candidate an option belongs to. */
  groupOf(option: number): number;
  /** Options one tweak step away from `option` (same candidate); empty when it has none. */
  tweaks(option: number): readonly number[];
  /** Exact change of the objective for each change, from the current set (nothing applied). */
  evaluate(changes: readonly Change[]): Promise<Float64Array>;
  /** Applies a change to the current set; resolves with the figures after it. */
  apply(change: Change): Promise<Measure>;
  /** Figures of the current set. */
  measure(): Measure;
}

/** Progress of a search, for a progress bar. */
export interface SearchProgress {
  readonly stage: 'greedy' | 'local-search' | 'rank';
  /** Sites chosen so far (greedy, rank) or local-search round. */
  readonly step: number;
  /** Sites allowed (greedy, rank) or rounds allowed. */
  readonly steps: number;
  readonly evaluations: number;
  readonly objective: number;
}

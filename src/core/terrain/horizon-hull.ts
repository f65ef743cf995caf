/**
 * Horizons of both terminals along a growing radial, in O(log n) per sample instead of ITM's
 * O(n) scan (the scan is what makes SPLAT!'s radials quadratic).
 *
 * ITM's horizon seen from a terminal is the profile point of highest elevation angle
 * θ_i = (h_i − z)/x_i − x_i/(2·ae) (src/core/itm/profile.ts `findHorizons`). Along a radial
 * the transmitter stays put and the receiver (the path's far end) moves outwards:
 *
 * - Transmitter: θ_i = s_i − γ·x_i/2 with s_i = (h_i − zTx)/x_i and γ = 1/ae. The maximum of a
 *   linear function of (x_i, s_i) lies on the upper convex hull of those points, found by a
 *   binary search on the hull's edge slopes: exact for every γ.
 * - Receiver: θ_i = (g_i − g_R)/(D − x_i) − γ·D, with g_i = h_i − γ·x_i²/2 and
 *   g_R = zRx − γ·D²/2: the steepest point seen from (D, g_R), i.e. the tangent to the upper
 *   hull of the points (x_i, g_i). The hull is built with the largest γ the radial can have
 *   (γ grows with the path's mean elevation; see RadialItm): raising γ only adds hull
 *   vertices, so the true horizon is a vertex; from the tangent found at that γ, a short walk
 *   towards the transmitter, stopped by a bound, finds it for the path's own γ.
 *
 * Ties go to the point nearest the transmitter, as ITM's scan does.
 */

/** Upper convex hull of points appended with increasing x (Andrew's monotone chain). */
class UpperHull {
  /** Profile index, abscissa and ordinate of each vertex. */
  readonly index: Int32Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.index = new Int32Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
  }

  push(i: number, x: number, y: number): void {
    const hx = this.x;
    const hy = this.y;
    let n = this.size;
    // Drop the last vertex while it lies on or under the segment from the one before to the new point.
    while (n >= 2 && (hx[n - 1] - hx[n - 2]) * (y - hy[n - 2]) - (hy[n - 1] - hy[n - 2]) * (x - hx[n - 2]) >= 0) n--;
    this.index[n] = i;
    hx[n] = x;
    hy[n] = y;
    this.size = n + 1;
  }
}

/** Transmitter horizon: argmax over the points so far of s_i − c·x_i. */
export class TxHorizonHull {
  private readonly hull: UpperHull;

  constructor(capacity: number) {
    this.hull = new UpperHull(capacity);
  }

  reset(): void {
    this.hull.size = 0;
  }

  /** Adds profile point `i` at distance xM with slope (h_i − zTx)/xM from the transmitter. */
  push(i: number, xM: number, slope: number): void {
    this.hull.push(i, xM, slope);
  }

  /** Profile index maximising slope − c·x (c = γ/2), or −1 before any point. */
  best(c: number): number {
    const { x, y, index } = this.hull;
    const n = this.hull.size;
    if (n === 0) return -1;
    // First vertex whose outgoing edge slope is ≤ c.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (y[mid + 1] - y[mid] <= c * (x[mid + 1] - x[mid])) hi = mid;
      else lo = mid + 1;
    }
    return index[lo];
  }
}

/** Receiver horizon over the points so far, for a moving receiver beyond them. */
export class RxHorizonHull {
  private readonly hull: UpperHull;
  /** Curvature the hull is built with (≥ every γ queried), 1/m. */
  private gammaRef = 0;

  constructor(capacity: number) {
    this.hull = new UpperHull(capacity);
  }

  /** Empties the hull; points will be flattened with curvature `gammaRef` (1/m). */
  reset(gammaRef: number): void {
    this.hull.size = 0;
    this.gammaRef = gammaRef;
  }

  /** Adds profile point `i` at distance xM from the transmitter with height hM. */
  push(i: number, xM: number, hM: number): void {
    this.hull.push(i, xM, hM - 0.5 * this.gammaRef * xM * xM);
  }

  /**
   * Profile index of the horizon seen from a receiver at distance dM, height zRxM (ground +
   * antenna), for the path curvature `gamma` ≤ gammaRef; −1 before any point. `heights` and
   * `spacingM` give the exact angles that settle the walk.
   */
  best(dM: number, zRxM: number, gamma: number, aEM: number, heights: ArrayLike<number>, spacingM: number): number {
    const { x, y, index } = this.hull;
    const n = this.hull.size;
    if (n === 0) return -1;
    const gRef = this.gammaRef;
    const gR = zRxM - 0.5 * gRef * dM * dM;
    // Tangent from (dM, gR) at gammaRef: the angle (y − gR)/(dM − x) rises, then falls, along the hull.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((y[mid + 1] - gR) * (dM - x[mid]) > (y[mid] - gR) * (dM - x[mid + 1])) lo = mid + 1;
      else hi = mid;
    }
    const twoAe = 2 * aEM;
    let bestI = index[lo];
    let bestTheta = angle(heights[bestI], zRxM, dM - bestI * spacingM, twoAe);
    const delta = gRef - gamma;
    if (delta > 0) {
      // Towards the transmitter the angle at gammaRef falls, but a smaller γ lifts far points by
      // at most delta·w/2 ≤ delta·wMax/2.
      const lift = 0.5 * delta * (dM - x[0]) + 1e-12;
      for (let v = lo - 1; v >= 0; v--) {
        const thetaRef = (y[v] - gR) / (dM - x[v]);
        if (thetaRef + lift < bestTheta + gRef * dM) break;
        const i = index[v];
        const theta = angle(heights[i], zRxM, dM - i * spacingM, twoAe);
        if (theta >= bestTheta) {
          bestTheta = theta;
          bestI = i;
        }
      }
    }
    return bestI;
  }
}

/** ITM's receiver-side elevation angle of a point at distance wM from the receiver. */
function angle(hM: number, zRxM: number, wM: number, twoAe: number): number {
  return -(zRxM - hM) / wM - wM / twoAe;
}

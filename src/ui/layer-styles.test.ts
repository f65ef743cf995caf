import { describe, expect, it } from 'vitest';
import { LAYER_STYLES, classOf, withEdges } from './layer-styles.ts';

describe('withEdges', () => {
  it('keeps the palette ends and the undrawn class, resamples between', () => {
    const s = withEdges(LAYER_STYLES.rsrp, [-120, -105, -95])!;
    expect(s.edges).toEqual([-120, -105, -95]);
    expect(s.colours).toHaveLength(4);
    expect(s.colours[0]).toBe('transparent');
    // ends of the resampled palette are the default's ends (first and last drawn colours)
    expect(s.colours[1]).toBe(LAYER_STYLES.rsrp.colours[1]);
    expect(s.colours[3]).toBe(LAYER_STYLES.rsrp.colours[6]);
    // a value takes the class of the new edges
    expect([classOf(s, -125), classOf(s, -110), classOf(s, -100), classOf(s, -80)]).toEqual([0, 1, 2, 3]);
  });
  it('a palette without an undrawn class gets edges + 1 colours', () => {
    const s = withEdges(LAYER_STYLES.sinr, [0, 10])!;
    expect(s.colours).toHaveLength(3);
    expect(s.colours[0]).toBe(LAYER_STYLES.sinr.colours[0]);
    expect(s.colours[2]).toBe(LAYER_STYLES.sinr.colours[LAYER_STYLES.sinr.colours.length - 1]);
  });
  it('refuses edges that are not 2–10 ascending numbers, and the categorical layer', () => {
    expect(withEdges(LAYER_STYLES.rsrp, [-100])).toBeNull();
    expect(withEdges(LAYER_STYLES.rsrp, [-100, -110])).toBeNull();
    expect(withEdges(LAYER_STYLES.rsrp, [-100, -100])).toBeNull();
    expect(withEdges(LAYER_STYLES.rsrp, [-120, Number.NaN])).toBeNull();
    expect(withEdges(LAYER_STYLES.rsrp, Array.from({ length: 11 }, (_, k) => k))).toBeNull();
    expect(withEdges(LAYER_STYLES.server, [1, 2])).toBeNull();
  });
});

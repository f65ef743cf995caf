/**
 * The planner's seeded order: a permutation, the same for the same seed (the generator itself
 * is tested in src/core/prng.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { seededRank } from './random.ts';

describe('seeded rank', () => {
  it('a seeded rank is a permutation of 0…n−1, the same for the same seed', () => {
    const r = seededRank(1000, 5);
    expect([...r].sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(seededRank(1000, 5)).toEqual(r);
    expect(seededRank(1000, 6)).not.toEqual(r);
  });
});

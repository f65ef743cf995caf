import { describe, expect, it } from 'vitest';
import { PATH_LOSS_MODELS, PATH_LOSS_MODEL_IDS, getPathLossModel } from './registry.ts';

// The command-line contract (issue 3): ids and their order.
const CONTRACT_IDS = [
  'fspl',
  'two-ray',
  'hata-urban-small',
  'hata-urban-large',
  'hata-suburban',
  'hata-open',
  'cost231',
  'cost231-metro',
  '38901-rma-los',
  '38901-rma-nlos',
  '38901-rma-expected',
  '38901-uma-los',
  '38901-uma-nlos',
  '38901-uma-expected',
  '38901-umi-los',
  '38901-umi-nlos',
  '38901-umi-expected',
  '38901-inh-los',
  '38901-inh-nlos',
];

describe('path-loss model registry', () => {
  it('lists exactly the contract ids, in order', () => {
    expect(PATH_LOSS_MODEL_IDS).toEqual(CONTRACT_IDS);
    expect(PATH_LOSS_MODELS.map((m) => m.id)).toEqual(CONTRACT_IDS);
  });

  it('getPathLossModel finds each model by id, undefined otherwise', () => {
    for (const m of PATH_LOSS_MODELS) expect(getPathLossModel(m.id)).toBe(m);
    expect(getPathLossModel('hata')).toBeUndefined();
    expect(getPathLossModel('')).toBeUndefined();
  });

  it('every model has a name and validity ranges with a unit', () => {
    for (const m of PATH_LOSS_MODELS) {
      expect(m.name.length).toBeGreaterThan(0);
      for (const r of m.validity) {
        expect(r.min).toBeLessThan(r.max);
        expect(r.unit.length).toBeGreaterThan(0);
      }
    }
  });

  it('the lists cannot be modified', () => {
    expect(Object.isFrozen(PATH_LOSS_MODELS)).toBe(true);
    expect(Object.isFrozen(PATH_LOSS_MODEL_IDS)).toBe(true);
  });
});

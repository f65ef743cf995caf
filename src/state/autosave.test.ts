import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createStore, set } from 'idb-keyval';
import { parseScenario, type Scenario } from '../core/scenario/scenario.ts';
import { Autosaver, clearAutosave, loadAutosave, AUTOSAVE_RECORD_VERSION, type AutosaveRecord, type UiState } from './autosave.ts';

const sample = parseScenario(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'), 'sample-network.json').scenario;
const ui: UiState = { carrierId: 'nr3500', layer: 'sinr', cellSizeM: 100, opacity: 0.7, thresholds: { rsrp: [-100, -110, -120] } };
let n = 0;
/** A fresh database per test. */
const storage = () => ({ store: createStore(`test-${n++}`, 'state') });
const withName = (name: string): Scenario => ({ ...sample, name });

afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('nothing saved → null; a saved state loads back equal, with its version and time', async () => {
    const s = storage();
    expect(await loadAutosave(s)).toBeNull();
    const saver = new Autosaver(s);
    saver.save(sample, ui);
    await saver.flush();
    const loaded = await loadAutosave(s);
    expect(loaded?.status).toBe('ok');
    if (loaded?.status !== 'ok') return;
    expect(loaded.problems).toEqual([]);
    expect(loaded.record.version).toBe(AUTOSAVE_RECORD_VERSION);
    expect(loaded.record.scenario).toEqual(sample);
    expect(loaded.record.ui).toEqual(ui);
    expect(Date.now() - Date.parse(loaded.record.savedAt)).toBeLessThan(60_000);
    await clearAutosave(s);
    expect(await loadAutosave(s)).toBeNull();
  });
  it('debounces: a burst of changes is one write of the last state, 300 ms after the last change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const s = storage();
    const saved: AutosaveRecord[] = [];
    const saver = new Autosaver({ ...s, onSaved: (r) => saved.push(r) });
    for (let i = 0; i < 10; i++) {
      saver.save(withName(`edit ${i}`), ui);
      vi.advanceTimersByTime(100);
    }
    expect(saver.hasPending).toBe(true);
    vi.advanceTimersByTime(199);
    // 299 ms after the last change: nothing started yet.
    expect(saver.hasPending).toBe(true);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saver.hasPending).toBe(false);
    await saver.flush(); // waits for the write the timer started
    expect(saved.map((r) => r.scenario.name)).toEqual(['edit 9']);
    const loaded = await loadAutosave(s);
    expect(loaded?.status === 'ok' && loaded.record.scenario.name).toBe('edit 9');
  });
  it('flush writes at once; cancel drops the waiting state', async () => {
    const s = storage();
    const saver = new Autosaver({ ...s, delayMs: 60_000 });
    saver.save(withName('first'), ui);
    await saver.flush();
    saver.save(withName('second'), ui);
    saver.cancel();
    await saver.flush();
    const loaded = await loadAutosave(s);
    expect(loaded?.status === 'ok' && loaded.record.scenario.name).toBe('first');
  });
  it('writes land in order even when flushed back to back', async () => {
    const s = storage();
    const saver = new Autosaver(s);
    const all: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      saver.save(withName(`v${i}`), ui);
      all.push(saver.flush());
    }
    await Promise.all(all);
    const loaded = await loadAutosave(s);
    expect(loaded?.status === 'ok' && loaded.record.scenario.name).toBe('v4');
  });
  it('a failed debounced write is reported to onError, not thrown', async () => {
    const errors: unknown[] = [];
    const broken = (() => Promise.reject(new Error('QuotaExceededError'))) as unknown as Parameters<typeof set>[2];
    const saver = new Autosaver({ store: broken, delayMs: 1, onError: (e) => errors.push(e) });
    saver.save(sample, ui);
    await new Promise((r) => setTimeout(r, 30));
    expect(errors.map((e) => (e as Error).message)).toEqual(['QuotaExceededError']);
  });
  it.each<[string, unknown, RegExp]>([
    ['a string', 'garbage', /not an object \(string\)/],
    ['an unknown record version', { version: 99, savedAt: 'x', scenario: {}, ui }, /version 99; this phusong reads version 1/],
    ['no time', { version: 1, scenario: sample, ui }, /no savedAt/],
    ['a scenario that is not one', { version: 1, savedAt: 'x', scenario: { schemaVersion: 1 }, ui }, /^the autosaved scenario cannot be read: autosave: expected arrays "carriers" and "sites"$/],
    ['a scenario from a newer phusong', { version: 1, savedAt: 'x', scenario: { ...sample, schemaVersion: 7 }, ui }, /newer phusong/],
    ['no scenario', { version: 1, savedAt: 'x', ui }, /cannot be read/],
  ])('a corrupt record (%s) is reported, not thrown', async (_what, record, message) => {
    const s = storage();
    await set('autosave', record, s.store);
    const loaded = await loadAutosave(s);
    expect(loaded?.status).toBe('corrupt');
    expect(loaded?.status === 'corrupt' && loaded.message).toMatch(message);
  });
  it('an invalid site or UI state is dropped with a problem; the rest loads', async () => {
    const s = storage();
    const bad = { ...sample, sites: [{ ...sample.sites[0], heightM: 500 }, ...sample.sites.slice(1)] };
    await set('autosave', { version: 1, savedAt: new Date().toISOString(), scenario: bad, ui: { ...ui, opacity: 4 } }, s.store);
    const loaded = await loadAutosave(s);
    expect(loaded?.status).toBe('ok');
    if (loaded?.status !== 'ok') return;
    expect(loaded.record.scenario.sites.length).toBe(sample.sites.length - 1);
    expect(loaded.record.ui).toBeNull();
    expect(loaded.problems).toEqual([
      `autosave: site ${sample.sites[0].id}, field heightM: 500 m is not a plausible antenna height (must be less than 300 m): was it entered in centimetres (5 m) or millimetres (0.5 m)?`,
      'autosave: UI state ignored: opacity is not a number in 0…1',
    ]);
  });
});

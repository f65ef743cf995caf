/**
 * Autosave documents over a real IndexedDB implementation (fake-indexeddb): round trips, the
 * debounce, ordering, storage failures, two tabs writing one document (the second write is
 * refused as a conflict and nothing is overwritten), newer-version records left untouched, the
 * phusong 1 record moved into a document. Expected values are the states written by the test.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { parseScenario, type Scenario } from '../core/scenario/scenario.ts';
import { AUTOSAVE_RECORD_VERSION, DocSaver, DocStore, newDocId, type AutosaveRecord, type Conflict, type UiState } from './autosave.ts';

const sample = parseScenario(readFileSync(new URL('../../data/scenarios/sample-network.json', import.meta.url), 'utf8'), 'sample-network.json').scenario;
const ui: UiState = { carrierId: 'nr3500', layer: 'sinr', cellSizeM: 100, opacity: 0.7, thresholds: { rsrp: [-100, -110, -120] } };
let n = 0;
/** A fresh database per test. */
const fresh = (): { idb: UseStore; docs: DocStore } => {
  const idb = createStore(`test-${n++}`, 'state');
  return { idb, docs: new DocStore({ store: idb }) };
};
const withName = (name: string): Scenario => ({ ...sample, name });
const nameIn = async (docs: DocStore, id: string) => {
  const l = await docs.load(id);
  return l?.status === 'ok' ? l.record.scenario.name : l?.status;
};

afterEach(() => {
  vi.useRealTimers();
});

describe('autosave documents', () => {
  it('nothing saved → no document; a saved state loads back equal, with its revision, writer and time, and is listed', async () => {
    const { docs } = fresh();
    const id = newDocId();
    expect(await docs.load(id)).toBeNull();
    expect(await docs.list()).toEqual([]);
    const saver = new DocSaver(docs, id, 0, { writer: 'tab-a' });
    saver.save(sample, ui);
    await saver.flush();
    const loaded = await docs.load(id);
    expect(loaded?.status).toBe('ok');
    if (loaded?.status !== 'ok') return;
    expect(loaded.problems).toEqual([]);
    expect(loaded.record).toMatchObject({ version: AUTOSAVE_RECORD_VERSION, docId: id, revision: 1, writer: 'tab-a' });
    expect(loaded.record.scenario).toEqual(sample);
    expect(loaded.record.ui).toEqual(ui);
    expect(Date.now() - Date.parse(loaded.record.savedAt)).toBeLessThan(60_000);
    expect(await docs.list()).toEqual([{ docId: id, title: sample.name, savedAt: loaded.record.savedAt, sites: sample.sites.length, revision: 1, version: AUTOSAVE_RECORD_VERSION }]);
    saver.save(withName('second'), ui);
    await saver.flush();
    expect(saver.current.revision).toBe(2);
    await docs.remove(id);
    expect(await docs.load(id)).toBeNull();
    expect(await docs.list()).toEqual([]);
  });

  it('debounces: a burst of changes is one write of the last state, 300 ms after the last change', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { docs } = fresh();
    const saved: AutosaveRecord[] = [];
    const saver = new DocSaver(docs, 'd', 0, { writer: 't', onSaved: (r) => saved.push(r) });
    for (let i = 0; i < 10; i++) {
      saver.save(withName(`edit ${i}`), ui);
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(199);
    // 299 ms after the last change: nothing started yet.
    expect(saver.hasPending).toBe(true);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saver.hasPending).toBe(false);
    await saver.flush(); // waits for the write the timer started
    expect(saved.map((r) => r.scenario.name)).toEqual(['edit 9']);
    expect(await nameIn(docs, 'd')).toBe('edit 9');
  });

  it('flush writes at once; cancel drops the waiting state; back-to-back flushes land in order', async () => {
    const { docs } = fresh();
    const saver = new DocSaver(docs, 'd', 0, { writer: 't', delayMs: 60_000 });
    saver.save(withName('first'), ui);
    await saver.flush();
    saver.save(withName('second'), ui);
    saver.cancel();
    await saver.flush();
    expect(await nameIn(docs, 'd')).toBe('first');
    const all: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      saver.save(withName(`v${i}`), ui);
      all.push(saver.flush());
    }
    await Promise.all(all);
    expect(await nameIn(docs, 'd')).toBe('v4');
    expect(saver.current.revision).toBe(6);
  });

  it('a failed write (quota) is reported, writes nothing, and the state is written by the next flush once storage works', async () => {
    const { idb } = fresh();
    let full = true;
    // A store whose writes fail like a full quota: put throws QuotaExceededError.
    const quota: UseStore = (mode, cb) => idb(mode, (os) => {
      if (mode === 'readwrite' && full) {
        os.put = () => {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      }
      return cb(os);
    });
    const docs = new DocStore({ store: quota });
    const errors: string[] = [];
    const saver = new DocSaver(docs, 'd', 0, { writer: 't', delayMs: 1, onError: (e) => errors.push((e as DOMException).name) });
    saver.save(withName('kept'), ui);
    await vi.waitFor(() => expect(errors).toEqual(['QuotaExceededError']));
    expect(await get('doc:d', idb)).toBeUndefined();
    expect(saver.hasPending).toBe(true);
    full = false;
    await saver.flush();
    expect(await nameIn(docs, 'd')).toBe('kept');
  });

  it('two tabs on one document: the second write is refused as a conflict, nothing is overwritten, and the copy keeps both', async () => {
    const { docs } = fresh();
    const a = new DocSaver(docs, 'd', 0, { writer: 'tab-a' });
    a.save(withName('a1'), ui);
    await a.flush();
    // Tab B opens the document at revision 1.
    const conflicts: Conflict[] = [];
    const b = new DocSaver(docs, 'd', 1, { writer: 'tab-b', onConflict: (c) => conflicts.push(c) });
    a.save(withName('a2'), ui);
    await a.flush();
    b.save(withName('b1'), ui);
    await b.flush();
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0].theirs).toMatchObject({ revision: 2, writer: 'tab-a', version: AUTOSAVE_RECORD_VERSION });
    expect(conflicts[0].mine.scenario.name).toBe('b1');
    expect(await nameIn(docs, 'd')).toBe('a2');
    // B keeps its state as a new document: both versions are there.
    b.switchTo('d-copy', 0);
    b.save(conflicts[0].mine.scenario, conflicts[0].mine.ui);
    await b.flush();
    expect((await docs.list()).map((m) => m.title).sort()).toEqual(['a2', 'b1']);
  });

  it('a record of a newer phusong is listed, not opened, and never written over', async () => {
    const { idb, docs } = fresh();
    const future = { version: AUTOSAVE_RECORD_VERSION + 1, docId: 'f', revision: 9, savedAt: '2030-01-01T00:00:00Z', scenario: { future: true } };
    await set('doc:f', future, idb);
    await set('meta:f', { docId: 'f', title: 'future', savedAt: future.savedAt, sites: 0, revision: 9, version: future.version }, idb);
    const l = await docs.load('f');
    expect(l?.status).toBe('newer');
    expect((await docs.list())[0]).toMatchObject({ docId: 'f', version: AUTOSAVE_RECORD_VERSION + 1 });
    const conflicts: Conflict[] = [];
    for (const base of [0, 9]) {
      const s = new DocSaver(docs, 'f', base, { writer: 't', onConflict: (c) => conflicts.push(c) });
      s.save(sample, ui);
      await s.flush();
    }
    expect(conflicts.map((c) => c.theirs.version)).toEqual([future.version, future.version]);
    expect(await get('doc:f', idb)).toEqual(future);
  });

  it('the phusong 1 record is moved into a document once; a record of another version is left alone', async () => {
    const { idb, docs } = fresh();
    await set('autosave', { version: 1, savedAt: '2026-01-02T03:04:05.000Z', scenario: withName('old work'), ui }, idb);
    const id = await docs.migrateLegacy('tab');
    expect(id).not.toBeNull();
    expect(await nameIn(docs, id!)).toBe('old work');
    expect(await get('autosave', idb)).toBeUndefined();
    expect(await docs.migrateLegacy('tab')).toBeNull();
    const other = { version: 7, savedAt: 'x', scenario: {} };
    await set('autosave', other, idb);
    expect(await docs.migrateLegacy('tab')).toBeNull();
    expect(await get('autosave', idb)).toEqual(other);
  });

  it.each<[string, unknown, RegExp]>([
    ['a string', 'garbage', /not an object \(string\)/],
    ['an old record version', { version: 0, savedAt: 'x', scenario: {}, ui }, /version 0; this phusong reads version 2/],
    ['no time', { version: 2, docId: 'd', revision: 1, scenario: sample, ui }, /no savedAt/],
    ['no revision', { version: 2, docId: 'd', savedAt: 'x', scenario: sample, ui }, /no document id or revision/],
    ['a scenario that is not one', { version: 2, docId: 'd', revision: 1, savedAt: 'x', scenario: { schemaVersion: 1 }, ui }, /^the autosaved scenario cannot be read: autosave: expected arrays "carriers" and "sites"$/],
    ['a scenario from a newer phusong', { version: 2, docId: 'd', revision: 1, savedAt: 'x', scenario: { ...sample, schemaVersion: 7 }, ui }, /newer phusong/],
  ])('a corrupt record (%s) is reported, not thrown', async (_what, record, message) => {
    const { idb, docs } = fresh();
    await set('doc:d', record, idb);
    const loaded = await docs.load('d');
    expect(loaded?.status).toBe('corrupt');
    expect(loaded?.status === 'corrupt' && loaded.message).toMatch(message);
  });

  it('an invalid site or UI state is dropped with a problem; the rest loads', async () => {
    const { idb, docs } = fresh();
    const bad = { ...sample, sites: [{ ...sample.sites[0], heightM: 500 }, ...sample.sites.slice(1)] };
    await set('doc:d', { version: 2, docId: 'd', revision: 1, writer: 't', savedAt: new Date().toISOString(), scenario: bad, ui: { ...ui, opacity: 4 } }, idb);
    const loaded = await docs.load('d');
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

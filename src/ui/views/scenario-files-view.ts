/**
 * The scenario as a file and a link: save (JSON), open (as a new scenario beside the work in
 * progress, which stays in the list of recent scenarios; with autosave off, one undoable step; a
 * broken file is named and changes nothing), copy a share link (the selected sites when the
 * whole network is too long for a link), and start again from the sample network (as a new
 * scenario: nothing saved is deleted).
 */
import type { AppContext } from '../../app/context.ts';
import { reportErrors, setStatus } from '../../app/context.ts';
import { historyLabel } from '../../app/scenario-controller.ts';
import { msg, raw } from '../../app/state.ts';
import { parseScenario } from '../../core/scenario/scenario.ts';
import { enforceFieldRules } from '../../core/scenario/fields.ts';
import { PATH_LOSS_MODEL_IDS } from '../../core/propagation/registry.ts';
import { buildShareUrl, encodeScenarioFragment, SHARE_URL_MAX_CHARS, ShareUrlError, sitesThatFit } from '../../state/share-url.ts';
import { t } from '../../i18n/i18n.ts';
import { download } from '../download.ts';

/** Offers the scenario being edited as a JSON file. */
export function downloadScenario({ store }: Pick<AppContext, 'store'>): void {
  const sc = store.get().scenario;
  if (sc) download(`${sc.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'scenario'}.json`, `${JSON.stringify(sc, null, 1)}\n`, 'application/json');
}

export function mountScenarioFiles(ctx: AppContext): void {
  const { store, els, scenarios, workspace } = ctx;
  els.saveScenarioButton.addEventListener('click', () => downloadScenario(ctx));

  els.openScenarioInput.addEventListener('change', () => {
    const f = els.openScenarioInput.files?.[0];
    if (!f) return;
    void (async () => {
      try {
        const inside = store.get().boundaries?.inside;
        const check = enforceFieldRules(parseScenario(await f.text(), f.name, inside, PATH_LOSS_MODEL_IDS), f.name, { knownModelIds: PATH_LOSS_MODEL_IDS, inside });
        reportErrors(store, msg('scenarioProblems', { n: check.problems.length }), check.problems);
        store.set({ selection: [] });
        const kept = workspace ? await workspace.beside() : null;
        if (kept !== null) {
          // A new scenario beside the work in progress, which stays in the recent list.
          scenarios.reset(check.scenario);
          setStatus(store, 'scenario', msg('openedFileBeside', { name: f.name, n: check.scenario.sites.length, kept }));
        } else {
          // One undo step: Ctrl+Z brings back the work the file replaced.
          scenarios.commit(check.scenario, historyLabel('hOpen', { name: f.name }));
          setStatus(store, 'scenario', msg('openedFile', { name: f.name, n: check.scenario.sites.length }));
        }
      } catch (e) {
        // Nothing changes: the message names the file and what is wrong.
        setStatus(store, 'scenario', raw((e as Error).message));
      }
    })().finally(() => (els.openScenarioInput.value = ''));
  });

  els.shareButton.addEventListener('click', () => {
    void (async () => {
      const s = store.get();
      const sc = s.scenario;
      if (!sc) return;
      const base = location.href.split('#')[0];
      try {
        let url: string;
        let only = 0;
        try {
          url = await buildShareUrl(sc, base);
        } catch (e) {
          // Too long for a link: the selected sites alone, when some are selected (the message says so).
          if (!(e instanceof ShareUrlError) || s.selection.length === 0) throw e;
          const keep = new Set(s.selection);
          url = await buildShareUrl({ ...sc, sites: sc.sites.filter((x) => keep.has(x.id)) }, base);
          only = keep.size;
        }
        els.shareUrl.hidden = false;
        els.shareUrl.value = url;
        els.shareUrl.select();
        let copied = false;
        try {
          await navigator.clipboard.writeText(url);
          copied = true;
        } catch {
          /* no clipboard permission: the link stays selected in the field */
        }
        if (only) setStatus(store, 'scenario', msg(copied ? 'shareCopiedSelected' : 'shareShownSelected', { n: url.length, k: only }));
        else setStatus(store, 'scenario', msg(copied ? 'shareCopied' : 'shareShown', { n: url.length }));
      } catch (e) {
        if (!(e instanceof ShareUrlError)) {
          setStatus(store, 'scenario', raw((e as Error).message));
          return;
        }
        const length = base.length + (await encodeScenarioFragment(sc)).length;
        const fit = await sitesThatFit(sc, base);
        setStatus(store, 'scenario', msg('shareTooLong', { length, max: SHARE_URL_MAX_CHARS, fit, total: sc.sites.length }));
      }
    })();
  });

  els.resetButton.addEventListener('click', () => {
    if (!window.confirm(t('resetConfirm'))) return;
    void (async () => {
      // The work so far stays in the recent list; the reload starts a new scenario from the sample.
      await workspace?.startFresh();
      location.hash = '';
      location.reload();
    })();
  });
}

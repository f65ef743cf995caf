/**
 * The saved work on screen: a notice card over the map when another tab shares this tab's
 * document (with the choices), a storage failure that stays until a write succeeds (with
 * "download" and "try again"), and the list of recent scenarios in the panel (open, delete).
 */
import type { AppContext } from '../../app/context.ts';
import { reportErrors, setStatus } from '../../app/context.ts';
import { formatTime, type WorkspaceController } from '../../app/workspace-controller.ts';
import { msg } from '../../app/state.ts';
import { AUTOSAVE_RECORD_VERSION, type DocMeta } from '../../state/autosave.ts';
import { t } from '../../i18n/i18n.ts';
import { h } from '../dom.ts';
import { msgText } from '../msg.ts';
import { downloadScenario } from './scenario-files-view.ts';

export function mountWorkspace(ctx: AppContext, card: HTMLElement, listRoot: HTMLElement): void {
  const { store, workspace } = ctx;
  if (!workspace) return;
  const choose = (c: Parameters<WorkspaceController['choose']>[0]) => () => void workspace.choose(c);
  const button = (key: Parameters<typeof t>[0], onClick: () => void, cls = 'secondary') => {
    const b = h('button', { class: cls, 'data-choice': key }, t(key));
    b.addEventListener('click', onClick);
    return b;
  };
  store.subscribe((s) => [s.workspace.notice, s.workspace.storageError, s.lang] as const, ([notice, error]) => {
    const parts: HTMLElement[] = [];
    if (error) {
      parts.push(h('div', { class: 'ws-error', role: 'alert', 'data-ws': 'storage-error' }, msgText(error)),
        h('div', { class: 'row' }, button('saveScenario', () => downloadScenario(ctx)), button('wsRetry', () => void workspace.flush().catch(() => undefined))));
    }
    if (notice?.kind === 'open-elsewhere') {
      parts.push(h('div', { 'data-ws': 'open-elsewhere' }, t('wsOpenElsewhere')), h('div', { class: 'row' }, button('wsCopyHere', choose('copy'), ''), button('wsEditHere', choose('here'))));
    } else if (notice?.kind === 'changed-elsewhere') {
      parts.push(h('div', { 'data-ws': 'changed-elsewhere' }, t('wsChangedElsewhere', { at: formatTime(notice.savedAt) })),
        h('div', { class: 'row' }, button('wsLoadTheirs', choose('load-theirs'), ''), button('wsKeepMine', choose('copy'))));
    } else if (notice?.kind === 'kept-as-copy') {
      parts.push(h('div', { 'data-ws': 'kept-as-copy' }, t('wsKeptAsCopy', { at: formatTime(notice.savedAt), title: notice.title })), h('div', { class: 'row' }, button('wsDismiss', choose('dismiss'))));
    }
    card.replaceChildren(...parts);
    card.hidden = parts.length === 0;
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });

  store.subscribe((s) => [s.workspace.recent, s.workspace.docId, s.lang] as const, ([recent, docId]) => {
    const items = recent.slice(0, 12).map((m) => item(ctx, workspace, m, m.docId === docId));
    listRoot.replaceChildren(h('div', { class: 'sub' }, t('wsRecentTitle')), items.length ? h('ul', { class: 'ws-recent', id: 'recent-scenarios' }, ...items) : h('p', { class: 'status' }, t('wsRecentNone')));
  }, { equals: (a, b) => a.every((x, i) => x === b[i]) });
}

/** One saved scenario: its name, size and time; open and delete (not for this tab's, nor a newer phusong's). */
function item(ctx: AppContext, workspace: WorkspaceController, m: DocMeta, current: boolean): HTMLLIElement {
  const at = formatTime(m.savedAt);
  const li = h('li', { 'data-doc': m.docId }, h('span', {}, t('wsRecentItem', { title: m.title, sites: m.sites, at })));
  if (current) li.append(' ', h('span', { class: 'muted' }, t('wsCurrent')));
  else if (m.version > AUTOSAVE_RECORD_VERSION) li.append(' ', h('span', { class: 'muted' }, t('wsNewer')));
  else {
    const open = h('button', { class: 'secondary small', 'data-action': 'open' }, t('wsOpen'));
    open.addEventListener('click', () => void (async () => {
      const got = await workspace.openDoc(m.docId);
      if (typeof got === 'string') {
        reportErrors(ctx.store, msg('errors'), [got]);
        return;
      }
      reportErrors(ctx.store, msg('scenarioProblems', { n: got.problems.length }), got.problems);
      ctx.store.set({ selection: [] });
      ctx.scenarios.reset(got.scenario);
      setStatus(ctx.store, 'scenario', msg('wsOpened', { title: m.title, at }));
    })());
    const del = h('button', { class: 'secondary small', 'data-action': 'delete' }, t('wsDelete'));
    del.addEventListener('click', () => {
      if (window.confirm(t('wsDeleteConfirm', { title: m.title, at }))) void workspace.remove(m.docId);
    });
    li.append(' ', open, ' ', del);
  }
  return li;
}

/**
 * The "add site" tool: a radio list of the site templates (src/core/scenario/templates.ts) and
 * the hint to click the map.
 */
import { SITE_TEMPLATES, type SiteTemplateId } from '../core/scenario/templates.ts';
import { t, type MessageKey } from '../i18n/i18n.ts';
import { h, uniqueId } from './dom.ts';

export const TEMPLATE_NAME_KEYS: Readonly<Record<SiteTemplateId, MessageKey>> = {
  'macro-lte1800-nr3500': 'tplMacroLte1800Nr3500',
  'macro-lte700': 'tplMacroLte700',
  'small-cell-lte1800': 'tplSmallCellLte1800',
  'private-5g-outdoor': 'tplPrivate5gOutdoor',
  'private-5g-indoor': 'tplPrivate5gIndoor',
};

/**
 * The "add site" tool: a radio list of {@link SITE_TEMPLATES} and the hint to click the map.
 * Picking a template calls `onPick`; the host then places a site where the map is clicked
 * (templates.ts newSiteFromTemplate) and may {@link TemplatePicker.clear} the choice.
 */
export class TemplatePicker {
  private chosen: SiteTemplateId | null = null;
  private readonly name = uniqueId('tpl');

  constructor(private readonly root: HTMLElement, private readonly onPick: (templateId: SiteTemplateId) => void) {
    root.classList.add('template-picker');
    root.addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      if (input.name !== this.name || !input.checked) return;
      this.chosen = input.value as SiteTemplateId;
      this.onPick(this.chosen);
    });
    this.render();
  }

  /** The chosen template, or null. */
  get selected(): SiteTemplateId | null {
    return this.chosen;
  }

  /** Unchecks every template (after a site is placed, or when the tool is left). */
  clear(): void {
    this.chosen = null;
    for (const r of this.root.querySelectorAll<HTMLInputElement>(`input[name="${this.name}"]`)) r.checked = false;
  }

  /** Rebuilds the list in the current language, keeping the choice. */
  render(): void {
    const fieldset = h('fieldset', {}, h('legend', {}, t('tplTitle')));
    for (const tpl of SITE_TEMPLATES) {
      const id = `${this.name}-${tpl.id}`;
      const input = h('input', { type: 'radio', name: this.name, id, value: tpl.id });
      input.checked = tpl.id === this.chosen;
      fieldset.append(h('label', { for: id, class: 'tpl-option' }, input, ` ${t(TEMPLATE_NAME_KEYS[tpl.id])}`));
    }
    fieldset.append(h('p', { class: 'note' }, t('tplHint')));
    this.root.replaceChildren(fieldset);
  }
}

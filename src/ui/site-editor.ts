/**
 * The site editor of the side panel: one form for the selected site (name, position, height,
 * status, private network) and each of its sectors (azimuth, tilts, power, feeder loss,
 * carrier, antenna, propagation model).
 *
 * Every field is checked on input with the rules of src/core/scenario/fields.ts; an invalid
 * value shows its reason next to the field (aria-invalid, aria-describedby) and is never
 * committed. A valid change (change event, Enter, a select) builds a new immutable Site, checks
 * the whole site with validateSite, and only then calls `onCommit`: the form never emits a site
 * the engine cannot evaluate. Escape puts the field back to its committed value.
 *
 * An antenna can be read from an MSI / Planet file: the file is parsed (msi.ts) and fitted to the
 * 3GPP parametric fields (msi-fit.ts); the engine computes with the fitted parametric shape, as
 * the form says under the fields.
 *
 * Plain DOM, no framework; sized for the ~330 px side panel (two-column grid).
 */
import type { Carrier, InsideTest, PrivateNetwork, Sector, SectorAntenna, Site } from '../core/scenario/scenario.ts';
import {
  checkEnum, checkHeightM, checkModelId, checkName, checkNumberField, FIELD_SPECS, findBand, formatValidationMessage, msg, validateSite,
  type FieldProblem, type FieldResult, type NumberFieldName, type ValidationMessage,
} from '../core/scenario/fields.ts';
import { PATH_LOSS_MODELS } from '../core/propagation/registry.ts';
import { parseMsi } from '../core/antenna/msi.ts';
import { fitMsiToSector3gpp, type MsiFit } from '../core/antenna/msi-fit.ts';
import { getLang, t, type MessageKey } from '../i18n/i18n.ts';
import { carrierLabel, siteName } from '../i18n/names.ts';
import { modelNameOr } from '../i18n/validity.ts';
import { carrierForm } from './carrier-form.ts';
import { h, uniqueId } from './dom.ts';
import { button, numberInput, selectOf, textInput } from './site-editor-controls.ts';
import { ANTENNA_NUMBER_FIELDS, checkCellId, checkPci, committedText, coordsFromDrafts, SECTOR_NUMBER_FIELDS, sectorTech, withValue, type Field, type SectorField, type SiteField } from './site-form.ts';

/** A propagation model offered in the model select. */
export interface ModelChoice {
  readonly id: string;
  readonly name: string;
}

/** What the editor needs from the scenario, and its callbacks. */
export interface SiteEditorOptions {
  /** The scenario's carriers: the only ones a sector can select. */
  readonly carriers: readonly Carrier[];
  /** Models of the model select (default: every model of src/core/propagation/registry.ts); a known id is shown by its dictionary name. */
  readonly models?: readonly ModelChoice[];
  /** The scenario's private networks (id and name). */
  readonly privateNetworks?: readonly Pick<PrivateNetwork, 'id' | 'name'>[];
  /** Inside-province test for the position (as fields.ts checkLonLat). */
  readonly inside?: InsideTest;
  /** A valid edited site, a new object (the previous one is unchanged). */
  readonly onCommit: (site: Site) => void;
  readonly onDelete: (siteId: string) => void;
  readonly onDuplicate: (siteId: string) => void;
  /**
   * A new carrier for the scenario and the site whose sector now uses it, as one change (the
   * "New carrier…" form of each sector is shown only when this is given).
   */
  readonly onAddCarrier?: (carrier: Carrier, site: Site) => void;
}

/** Scenario context that can change while the editor is open. */
export type SiteEditorContext = Partial<Pick<SiteEditorOptions, 'carriers' | 'models' | 'privateNetworks' | 'inside'>>;

type Control = HTMLInputElement | HTMLSelectElement;

const SITE_LABELS: Record<SiteField, MessageKey> = {
  name: 'seName', lonDeg: 'seLon', latDeg: 'seLat', heightM: 'seHeight', status: 'seStatus', privateNetworkId: 'sePrivateNetwork',
};
const SECTOR_LABELS: Record<SectorField, MessageKey> = {
  azimuthDeg: 'seAzimuth', mechanicalTiltDeg: 'seMechTilt', electricalTiltDeg: 'seElecTilt', txPowerDbm: 'seTxPower', feederLossDb: 'seFeederLoss',
  carrierId: 'seCarrier', antennaType: 'seAntennaType', modelId: 'seModel', pci: 'sePci', cellId: 'seCellId',
  maxGainDbi: 'seGain', hBeamwidthDeg: 'seHBeam', vBeamwidthDeg: 'seVBeam', frontToBackDb: 'seFrontToBack', sideLobeDb: 'seSideLobe',
};
const STATUS_LABELS: Record<Site['status'], MessageKey> = { existing: 'seStatusExisting', candidate: 'seStatusCandidate', planned: 'seStatusPlanned' };
const ANTENNA_LABELS: Record<SectorAntenna['type'], MessageKey> = { '3gpp-sector': 'seAntennaSector', omni: 'seAntennaOmni' };
/** A new sector on a site without one: the macro panel of templates.ts. */
const DEFAULT_PANEL: SectorAntenna = { type: '3gpp-sector', maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 20 };

const isSiteField = (f: Field): f is SiteField => f in SITE_LABELS;
const ok = <T>(value: T): FieldResult<T> => ({ ok: true, value });
const fail = <T = never>(message: ValidationMessage): FieldResult<T> => ({ ok: false, message });

/** Outcome of reading an MSI file into a sector, shown under its antenna fields. */
interface MsiStatus {
  readonly fileName: string;
  readonly fit?: MsiFit;
  readonly tiltApplied?: boolean;
  /** Already in the current language. */
  readonly error?: string;
}

/** A sector id not used on the site: the last sector's id with its trailing number increased (`M001-L3` → `M001-L4`), else `<site>-<n>`. */
export function nextSectorId(site: Site): string {
  const taken = new Set(site.sectors.map((s) => s.id));
  const last = site.sectors[site.sectors.length - 1];
  const m = last ? /^(.*?)(\d+)$/.exec(last.id) : null;
  if (m) {
    for (let k = Number(m[2]) + 1; ; k++) if (!taken.has(`${m[1]}${k}`)) return `${m[1]}${k}`;
  }
  for (let k = site.sectors.length + 1; ; k++) if (!taken.has(`${site.id}-${k}`)) return `${site.id}-${k}`;
}

/**
 * The site and sector form. Usage:
 * ```ts
 * const editor = new SiteEditor(el, { carriers, privateNetworks, inside, onCommit, onDelete, onDuplicate });
 * editor.show(site);            // on selection
 * onLangChange(() => editor.render());
 * ```
 */
export class SiteEditor {
  private site: Site | null = null;
  private context: Required<Pick<SiteEditorOptions, 'carriers' | 'models' | 'privateNetworks'>> & { inside?: InsideTest };
  private readonly uid = uniqueId('se');
  /** MSI import outcome by sector id (for the shown site). */
  private readonly msi = new Map<string, MsiStatus>();

  constructor(private readonly root: HTMLElement, private readonly options: SiteEditorOptions) {
    this.context = {
      carriers: options.carriers,
      models: options.models ?? PATH_LOSS_MODELS.map((m) => ({ id: m.id, name: m.name })),
      privateNetworks: options.privateNetworks ?? [],
      inside: options.inside,
    };
    root.classList.add('site-editor');
    root.addEventListener('input', (e) => this.onInput(e));
    root.addEventListener('change', (e) => this.onChange(e));
    root.addEventListener('keydown', (e) => this.onKeyDown(e));
    this.render();
  }

  /** The site as last committed (or shown), or null. */
  get current(): Site | null {
    return this.site;
  }

  /**
   * Shows a site (null: the empty hint). Field drafts and errors are dropped, except when `site`
   * is the very object just committed (a host echoing `onCommit` back changes nothing).
   */
  show(site: Site | null): void {
    if (site === this.site && site !== null) return;
    if (site?.id !== this.site?.id) this.msi.clear();
    this.site = site;
    this.render();
  }

  /** Replaces scenario context (carriers, models, private networks, inside test) and re-renders. */
  setContext(context: SiteEditorContext): void {
    this.context = {
      carriers: context.carriers ?? this.context.carriers,
      models: context.models ?? this.context.models,
      privateNetworks: context.privateNetworks ?? this.context.privateNetworks,
      inside: 'inside' in context ? context.inside : this.context.inside,
    };
    this.render();
  }

  /** Rebuilds the form from the committed site in the current language (drafts are dropped). */
  render(): void {
    const focusedId = this.root.contains(document.activeElement) ? document.activeElement?.id : undefined;
    this.root.replaceChildren();
    const site = this.site;
    if (!site) {
      this.root.append(h('p', { class: 'note se-empty' }, t('seEmpty')));
      return;
    }
    const head = h('div', { class: 'se-head' },
      h('span', { class: 'se-id' }, t('seSiteId', { id: site.id })),
      button('seDuplicate', 'secondary', () => this.options.onDuplicate(site.id)),
      button('seDelete', 'secondary se-danger', () => this.options.onDelete(site.id)),
    );
    const siteGrid = h('div', { class: 'se-grid' });
    siteGrid.append(
      // A site without a name (made from a template) shows the name the app gives it, in the current language.
      this.field(null, 'name', Object.assign(textInput(), { placeholder: siteName({ id: site.id, name: '' }) }), true),
      this.field(null, 'lonDeg', numberInput()),
      this.field(null, 'latDeg', numberInput()),
      this.field(null, 'heightM', numberInput()),
      this.field(null, 'status', selectOf(FIELD_SPECS.status.values.map((v) => [v, t(STATUS_LABELS[v as Site['status']])]))),
      this.field(null, 'privateNetworkId', selectOf([['', t('sePrivateNone')], ...this.context.privateNetworks.map((n) => [n.id, n.name ? `${n.name} (${n.id})` : n.id] as const)], site.privateNetworkId, (id) => id), true),
    );
    const problems = h('ul', { class: 'se-problems', 'aria-live': 'polite' });
    const sectors = site.sectors.map((s, i) => this.sectorBlock(s, i, site.sectors.length));
    const add = button('seAddSector', 'secondary', () => this.addSector());
    add.disabled = site.sectors.length === 0 && (this.context.carriers.length === 0 || this.context.models.length === 0);
    this.root.append(h('div', { class: 'se' }, head, siteGrid, problems, ...sectors, h('div', { class: 'row' }, add), h('p', { class: 'note' }, t('seKeyboardHint'))));
    if (focusedId) this.byId(focusedId)?.focus();
  }

  /**
   * Reads an MSI / Planet file into a sector's antenna fields (fitted 3GPP parameters; the
   * electrical tilt takes the file's beam tilt) and commits when the result is valid.
   * @returns whether the site was committed
   */
  applyAntennaFile(sectorIndex: number, fileName: string, text: string): boolean {
    const site = this.site;
    const sector = site?.sectors[sectorIndex];
    if (!site || !sector) return false;
    let fit: MsiFit;
    try {
      fit = fitMsiToSector3gpp(parseMsi(text, fileName));
    } catch (e) {
      this.msi.set(sector.id, { fileName, error: t('seMsiError', { detail: (e as Error).message }) });
      this.render();
      return false;
    }
    const tilt = fit.beamTiltDeg;
    const tiltApplied = !fit.omni && tilt !== null && checkNumberField('electricalTiltDeg', tilt).ok;
    const next: Sector = { ...sector, antenna: fit.antenna, electricalTiltDeg: tiltApplied ? (tilt as number) : sector.electricalTiltDeg };
    const candidate: Site = { ...site, sectors: site.sectors.map((s, i) => (i === sectorIndex ? next : s)) };
    const problems = validateSite(candidate, this.siteContext());
    if (problems.length > 0) {
      const reasons = problems.map((p) => t('seFieldProblem', { field: this.fieldLabel(p), reason: formatValidationMessage(p.message, getLang()) })).join('; ');
      this.msi.set(sector.id, { fileName, error: `${t('seMsiInvalid', { file: fileName })} ${reasons}` });
      this.render();
      return false;
    }
    this.msi.set(sector.id, { fileName, fit, tiltApplied });
    return this.tryCommit(candidate, true);
  }

  /** Adds a sector (a copy of the last one turned 120°, or a default macro sector) and commits. */
  addSector(): boolean {
    const site = this.site;
    if (!site) return false;
    const last = site.sectors[site.sectors.length - 1];
    const id = nextSectorId(site);
    let sector: Sector;
    if (last) sector = { ...last, id, azimuthDeg: (last.azimuthDeg + 120) % 360, antenna: { ...last.antenna } };
    else {
      const carrier = this.context.carriers[0];
      const model = this.context.models.find((m) => m.id === '38901-uma-expected') ?? this.context.models[0];
      if (!carrier || !model) return false;
      sector = { id, carrierId: carrier.id, azimuthDeg: 0, mechanicalTiltDeg: 0, electricalTiltDeg: 0, txPowerDbm: 46, feederLossDb: 0, antenna: { ...DEFAULT_PANEL }, modelId: model.id };
    }
    return this.tryCommit({ ...site, sectors: [...site.sectors, sector] }, true);
  }

  /**
   * Gives sector `index` a carrier from the "New carrier…" form: an existing one is a plain
   * edit; a new one goes to the host with the site (`onAddCarrier`), after the site is checked
   * against the carriers it will have.
   * @returns whether the change was made
   */
  useCarrier(index: number, carrier: Carrier, existing: boolean): boolean {
    const site = this.site;
    if (!site || !site.sectors[index]) return false;
    const candidate = withValue(site, index, 'carrierId', carrier.id);
    if (existing) return this.tryCommit(candidate, true);
    const carriers = [...this.context.carriers, carrier];
    const problems = validateSite(candidate, { ...this.siteContext(), carriers });
    if (problems.length > 0 || !this.options.onAddCarrier) {
      this.showProblems(candidate, problems);
      return false;
    }
    this.context = { ...this.context, carriers };
    this.site = candidate;
    this.render();
    this.options.onAddCarrier(carrier, candidate);
    return true;
  }

  /** Removes a sector (not the last one: a site needs a sector) and commits. */
  removeSector(index: number): boolean {
    const site = this.site;
    if (!site || site.sectors.length <= 1 || !site.sectors[index]) return false;
    this.msi.delete(site.sectors[index].id);
    return this.tryCommit({ ...site, sectors: site.sectors.filter((_, i) => i !== index) }, true);
  }

  // -------------------------------------------------------------------------------------------
  // Building the form

  private controlId(sector: number | null, field: Field): string {
    return `${this.uid}-${sector === null ? 'site' : `s${sector}`}-${field}`;
  }

  private field(sector: number | null, field: Field, control: Control, wide = false): HTMLElement {
    const id = this.controlId(sector, field);
    control.id = id;
    control.dataset.field = field;
    control.dataset.sector = sector === null ? '' : String(sector);
    control.value = this.committedText(sector, field);
    const label = h('label', { for: id }, t(isSiteField(field) ? SITE_LABELS[field] : SECTOR_LABELS[field]));
    const err = h('span', { class: 'se-err', id: `${id}-err`, 'aria-live': 'polite' });
    return h('div', { class: wide ? 'se-field wide' : 'se-field' }, label, control, err);
  }

  /** A carrier as the carrier menu of the coverage shows it (one label for a carrier everywhere). */
  private carrierText(c: Carrier): string {
    return carrierLabel(c);
  }

  private carrierDetail(carrierId: string): string {
    const c = this.context.carriers.find((x) => x.id === carrierId);
    if (!c) return '';
    const band = findBand(c.band);
    const numerology = c.tech === 'NR' ? t('seNumerologyNr', { mu: Math.round(Math.log2(c.scsKHz / 15)), scs: c.scsKHz }) : t('seNumerologyLte', { scs: c.scsKHz });
    return t('seCarrierDetail', { tech: c.tech, band: band ? `${band.band} / ${band.label}` : c.band, duplex: band?.duplex ?? '?', freq: c.freqMHz, bw: c.bandwidthMHz, numerology });
  }

  private sectorBlock(sector: Sector, i: number, count: number): HTMLElement {
    const remove = button('seRemoveSector', 'secondary se-small', () => this.removeSector(i), { id: sector.id });
    remove.disabled = count <= 1;
    const grid = h('div', { class: 'se-grid' });
    const carrier = selectOf(this.context.carriers.map((c) => [c.id, this.carrierText(c)] as const), sector.carrierId, (id) => t('seCarrierUnknown', { id }));
    grid.append(
      this.field(i, 'carrierId', carrier, true),
      h('p', { class: 'note se-carrier-detail wide' }, this.carrierDetail(sector.carrierId)),
      ...(this.options.onAddCarrier ? [carrierForm(`${this.uid}-s${i}`, this.context.carriers, (c, existing) => this.useCarrier(i, c, existing))] : []),
      ...SECTOR_NUMBER_FIELDS.map((f) => this.field(i, f, numberInput())),
      this.field(i, 'modelId', selectOf(this.context.models.map((m) => [m.id, modelNameOr(m.id, m.name)] as const), sector.modelId, (id) => t('seModelUnknown', { id })), true),
      // Identities a drive test names its serving cell by (optional; src/core/measurements/associate.ts).
      ...(['pci', 'cellId'] as const).map((f) => this.field(i, f, f === 'pci' ? numberInput() : textInput())),
    );
    const antenna = h('div', { class: 'se-grid se-antenna' });
    antenna.append(
      h('p', { class: 'se-subhead wide' }, t('seAntenna')),
      this.field(i, 'antennaType', selectOf(FIELD_SPECS.antennaType.values.map((v) => [v, t(ANTENNA_LABELS[v as SectorAntenna['type']])] as const)), true),
      ...ANTENNA_NUMBER_FIELDS.filter((f) => f === 'maxGainDbi' || sector.antenna.type === '3gpp-sector').map((f) => this.field(i, f, numberInput())),
    );
    const fileId = `${this.uid}-s${i}-msi`;
    const file = h('input', { type: 'file', id: fileId, accept: '.msi,.pln,.txt,.ant,text/plain', class: 'se-file' });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) void f.text().then((text) => this.applyAntennaFile(i, f.name, text));
    });
    antenna.append(h('div', { class: 'se-field wide' }, h('label', { for: fileId }, t('seMsiImport')), file), this.msiNote(sector));
    return h('fieldset', { class: 'se-sector' }, h('legend', {}, t('seSector', { id: sector.id })), grid, antenna, h('div', { class: 'row' }, remove));
  }

  private msiNote(sector: Sector): HTMLElement {
    const box = h('div', { class: 'se-msi wide', 'aria-live': 'polite' });
    const s = this.msi.get(sector.id);
    if (!s) return box;
    if (s.error) {
      box.append(h('p', { class: 'se-err' }, s.error));
      return box;
    }
    const fit = s.fit!;
    const lines = [t('seMsiSource', { file: s.fileName, name: fit.patternName }), t('seMsiNote')];
    if (fit.omni) lines.push(t('seMsiOmni'));
    if (s.tiltApplied && fit.beamTiltDeg !== null) lines.push(t('seMsiTilt', { tilt: fit.beamTiltDeg }));
    if (fit.assumed.length > 0) lines.push(t('seMsiAssumed'));
    if (Math.abs(fit.boresightOffsetDeg) >= 1) lines.push(t('seMsiBoresight', { deg: fit.boresightOffsetDeg }));
    box.append(...lines.map((l) => h('p', { class: 'note' }, l)));
    return box;
  }

  // -------------------------------------------------------------------------------------------
  // Values

  private committedText(sector: number | null, field: Field): string {
    return this.site ? committedText(this.site, sector, field) : '';
  }

  private controls(): Control[] {
    return [...this.root.querySelectorAll<Control>('[data-field]')];
  }

  private control(sector: number | null, field: Field): Control | null {
    return this.byId(this.controlId(sector, field)) as Control | null;
  }

  private byId(id: string): HTMLElement | null {
    return this.root.querySelector<HTMLElement>(`[id="${id}"]`);
  }

  private keyOf(c: Control): { sector: number | null; field: Field } {
    return { sector: c.dataset.sector === '' || c.dataset.sector === undefined ? null : Number(c.dataset.sector), field: c.dataset.field as Field };
  }

  private siteContext() {
    return { carriers: this.context.carriers, knownModelIds: this.context.models.map((m) => m.id), inside: this.context.inside };
  }

  /** Position from the drafts of both coordinate fields, else this field's draft with the other's committed value. */
  private checkCoords(edited: 'lonDeg' | 'latDeg'): FieldResult<{ lonDeg: number; latDeg: number }> {
    const site = this.site!;
    return coordsFromDrafts(site, this.control(null, 'lonDeg')?.value ?? String(site.lonDeg), this.control(null, 'latDeg')?.value ?? String(site.latDeg), edited, this.context.inside);
  }

  /** The field rule of fields.ts for a control's current text. */
  private check(c: Control): FieldResult<unknown> {
    const { field } = this.keyOf(c);
    const raw = c.value;
    switch (field) {
      case 'name': return checkName(raw);
      case 'lonDeg':
      case 'latDeg': return this.checkCoords(field);
      case 'heightM': return checkHeightM(raw);
      case 'status': return checkEnum<Site['status']>({ kind: 'enum', values: FIELD_SPECS.status.values }, raw);
      case 'privateNetworkId':
        if (raw === '') return ok(undefined);
        return this.context.privateNetworks.some((n) => n.id === raw) || raw === this.site?.privateNetworkId
          ? ok(raw)
          : fail(msg('valNotOneOf', { value: raw, allowed: this.context.privateNetworks.map((n) => n.id).join(', ') }));
      case 'carrierId':
        if (raw === '') return fail(msg('valRequired'));
        return this.context.carriers.some((x) => x.id === raw) ? ok(raw) : fail(msg('valUnknownCarrier', { value: raw }));
      case 'antennaType': return checkEnum<SectorAntenna['type']>({ kind: 'enum', values: FIELD_SPECS.antennaType.values }, raw);
      case 'modelId': return checkModelId(raw, this.context.models.map((m) => m.id));
      case 'pci': return checkPci(raw, sectorTech(this.site, this.keyOf(c).sector, this.context.carriers));
      case 'cellId': return checkCellId(raw);
      default: return checkNumberField(field as NumberFieldName, raw);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Errors and commits

  private setError(c: Control, message: ValidationMessage | string | null): void {
    const err = this.byId(`${c.id}-err`);
    if (message === null) {
      c.removeAttribute('aria-invalid');
      c.removeAttribute('aria-describedby');
      if (err) err.textContent = '';
      return;
    }
    c.setAttribute('aria-invalid', 'true');
    c.setAttribute('aria-describedby', `${c.id}-err`);
    if (err) err.textContent = typeof message === 'string' ? message : formatValidationMessage(message, getLang());
  }

  private fieldLabel(p: FieldProblem): string {
    const f = p.field as Field;
    const label = f in SITE_LABELS ? t(SITE_LABELS[f as SiteField]) : f in SECTOR_LABELS ? t(SECTOR_LABELS[f as SectorField]) : p.field;
    return p.sectorId !== undefined ? `${t('seSector', { id: p.sectorId })}, ${label}` : label;
  }

  /** Problems of a refused candidate next to their fields, the others in the list under the site fields. */
  private showProblems(candidate: Site, problems: readonly FieldProblem[]): void {
    const list = this.root.querySelector<HTMLElement>('.se-problems');
    list?.replaceChildren();
    for (const p of problems) {
      const sector = p.sectorId === undefined ? null : candidate.sectors.findIndex((s) => s.id === p.sectorId);
      const c = sector === -1 ? null : this.control(sector, p.field as Field);
      if (c) this.setError(c, p.message);
      else list?.append(h('li', {}, t('seFieldProblem', { field: this.fieldLabel(p), reason: formatValidationMessage(p.message, getLang()) })));
    }
  }

  /** Every control's error from its own draft (after a commit, stale site-level marks go). */
  private refreshErrors(): void {
    this.root.querySelector('.se-problems')?.replaceChildren();
    for (const c of this.controls()) {
      const r = this.check(c);
      this.setError(c, r.ok ? null : r.message);
    }
  }

  private tryCommit(candidate: Site, rerender: boolean): boolean {
    const site = this.site;
    if (!site) return false;
    if (JSON.stringify(candidate) === JSON.stringify(site)) return true;
    const problems = validateSite(candidate, this.siteContext());
    if (problems.length > 0) {
      this.showProblems(candidate, problems);
      return false;
    }
    this.site = candidate;
    if (rerender) this.render();
    else this.refreshErrors();
    this.options.onCommit(candidate);
    return true;
  }

  private commit(c: Control): boolean {
    const site = this.site;
    if (!site) return false;
    const r = this.check(c);
    if (!r.ok) {
      this.setError(c, r.message);
      return false;
    }
    this.setError(c, null);
    const { sector, field } = this.keyOf(c);
    const candidate = withValue(site, sector, field, r.value);
    const antennaEdit = sector !== null && (field === 'antennaType' || (ANTENNA_NUMBER_FIELDS as readonly string[]).includes(field));
    const before = sector !== null ? site.sectors[sector] : undefined;
    const structural = c instanceof HTMLSelectElement;
    const committed = this.tryCommit(candidate, structural);
    if (committed && antennaEdit && before && JSON.stringify(candidate.sectors[sector!].antenna) !== JSON.stringify(before.antenna)) {
      // The antenna no longer is the fitted one: the file note would mislead.
      if (this.msi.delete(before.id)) this.render();
    }
    // An empty number field took its default (tilts 0 …): show it.
    if (committed && !structural && c.value.trim() === '') c.value = this.committedText(sector, field);
    return committed;
  }

  private onInput(e: Event): void {
    const c = e.target as Control;
    if (!c.dataset?.field || !this.site) return;
    const r = this.check(c);
    this.setError(c, r.ok ? null : r.message);
  }

  private onChange(e: Event): void {
    const c = e.target as Control;
    if (!c.dataset?.field || !this.site) return;
    this.commit(c);
  }

  private onKeyDown(e: KeyboardEvent): void {
    const c = e.target as Control;
    if (!c.dataset?.field || !this.site || !(c instanceof HTMLInputElement)) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      this.commit(c);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      const { sector, field } = this.keyOf(c);
      c.value = this.committedText(sector, field);
      const r = this.check(c);
      this.setError(c, r.ok ? null : r.message);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Template picker

/** Dictionary key of each template's name. */

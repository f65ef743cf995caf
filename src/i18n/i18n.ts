/**
 * Every user-visible string comes from this dictionary (Vietnamese default, English second).
 * `t(key, params)` substitutes `{name}` placeholders (numbers through {@link formatNumber}) and
 * chooses plural forms written as in ICU MessageFormat, `{n, plural, one {# site} other {# sites}}`
 * (`#` is the number, formatted; the category from `Intl.PluralRules` of the language: English
 * has `one` and `other`, Vietnamese only `other`). Numbers, percentages and dates go through
 * `Intl` with the current language ({@link formatNumber}, {@link formatPercent},
 * {@link formatDateTime}); the vocabulary is written down in GLOSSARY.md.
 */
import { vi } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
export type MessageParams = Readonly<Record<string, string | number>>;
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

let lang: Lang = 'vi';
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return lang;
}

/** The BCP 47 locale of a language for `Intl` (Vietnamese: `vi-VN`; English: British usage, `en-GB`). */
export function localeOf(l: Lang = lang): string {
  return l === 'vi' ? 'vi-VN' : 'en-GB';
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  if (typeof document !== 'undefined') document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

/** True when the dictionary has this key (e.g. a model id's name). */
export function hasMessage(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(dictionaries.vi, key);
}

export function t(key: MessageKey, params?: MessageParams): string {
  return formatMessage(dictionaries[lang][key] ?? key, params, lang);
}

/**
 * A message's text in a language: plural blocks chosen, then `{name}` placeholders replaced
 * (numbers formatted for the language with up to 2 decimals). Unknown placeholders stay as they
 * are. Exported for tests and for text that is not in the dictionary.
 */
export function formatMessage(template: string, params: MessageParams | undefined, l: Lang = lang): string {
  const s = params ? choosePlurals(template, params, l) : template;
  if (!params) return s;
  return s.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, name)) return m;
    const v = params[name];
    return typeof v === 'number' ? formatNumberIn(v, 2, l) : v;
  });
}

/** Replaces every `{name, plural, cat {…} …}` block by its branch for the parameter's value. */
function choosePlurals(s: string, params: MessageParams, l: Lang): string {
  const re = /\{([A-Za-z0-9_]+),\s*plural,/g;
  let out = '';
  let from = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index;
    // The block's end: the brace matching its opening one.
    let depth = 0, end = -1;
    for (let i = start; i < s.length; i++) {
      if (s[i] === '{') depth++;
      else if (s[i] === '}' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    const branches = new Map<string, string>();
    const body = s.slice(m.index + m[0].length, end);
    const br = /\s*(=\d+|[a-z]+)\s*\{/g;
    for (let b = br.exec(body); b; b = br.exec(body)) {
      let d = 1, i = br.lastIndex;
      for (; i < body.length && d > 0; i++) {
        if (body[i] === '{') d++;
        else if (body[i] === '}') d--;
      }
      branches.set(b[1], body.slice(br.lastIndex, i - 1));
      br.lastIndex = i;
    }
    const raw = params[m[1]];
    const n = typeof raw === 'number' ? raw : Number(raw);
    const branch = branches.get(`=${n}`) ?? branches.get(new Intl.PluralRules(localeOf(l)).select(n)) ?? branches.get('other') ?? '';
    out += s.slice(from, start) + branch.replace(/#/g, typeof raw === 'number' ? formatNumberIn(raw, 2, l) : String(raw ?? ''));
    from = end + 1;
    re.lastIndex = end + 1;
  }
  return out + s.slice(from);
}

function formatNumberIn(v: number, maximumFractionDigits: number, l: Lang): string {
  return new Intl.NumberFormat(localeOf(l), { maximumFractionDigits }).format(v);
}

/** A number in the current language (`1.842,5` / `1,842.5`), up to `maximumFractionDigits` decimals. */
export function formatNumber(v: number, maximumFractionDigits = 2): string {
  return formatNumberIn(v, maximumFractionDigits, lang);
}

/** A share (0–1) as a percentage in the current language (`45,3%` / `45.3%`); `—` for null or NaN. */
export function formatPercent(share: number | null | undefined, maximumFractionDigits = 1): string {
  return share === null || share === undefined || Number.isNaN(share) ? '—' : `${formatNumber(share * 100, maximumFractionDigits)}%`;
}

/** A date and time in the current language; `style` short (`07/11/2025, 14:05`) or long (the month in words). */
export function formatDateTime(at: Date | string | number, style: 'short' | 'long' = 'short'): string {
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return String(at);
  return new Intl.DateTimeFormat(localeOf(), { dateStyle: style, timeStyle: 'short' }).format(d);
}

/** All strings of a language, for tests that scan the DOM for untranslated text. */
export function dictionary(l: Lang): Readonly<Record<MessageKey, string>> {
  return dictionaries[l];
}

/**
 * Every user-visible string comes from this dictionary (Vietnamese default, English second).
 * `t(key, params)` substitutes `{name}` placeholders. Numbers go through {@link formatNumber}.
 */
import { vi } from './vi.ts';
import { en } from './en.ts';

export type Lang = 'vi' | 'en';
export type MessageKey = keyof typeof vi;
const dictionaries: Record<Lang, Record<MessageKey, string>> = { vi, en };

let lang: Lang = 'vi';
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  if (next === lang) return;
  lang = next;
  document.documentElement.lang = next;
  for (const l of listeners) l();
}

export function onLangChange(fn: () => void): void {
  listeners.add(fn);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.split(`{${k}}`).join(typeof v === 'number' ? formatNumber(v) : v);
  return s;
}

export function formatNumber(v: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits }).format(v);
}

/** All strings of a language, for tests that scan the DOM for untranslated text. */
export function dictionary(l: Lang): Readonly<Record<MessageKey, string>> {
  return dictionaries[l];
}

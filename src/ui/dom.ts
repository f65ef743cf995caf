/** A DOM element with attributes and children: the panels' one element builder (plain DOM, no framework). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/** A document-unique id for a widget's elements (labels point at inputs by id). */
export function uniqueId(prefix: string): string {
  return `${prefix}${crypto.randomUUID().slice(0, 8)}`;
}

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

const SVG_NS = 'http://www.w3.org/2000/svg';

/** An SVG element with attributes and children (numbers written as they are): the charts' builder. */
export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}, ...children: (Node | string)[]): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  e.append(...children);
  return e;
}

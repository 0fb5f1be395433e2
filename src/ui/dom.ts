/**
 * The few DOM helpers the panel is built with. Text reaches the page only through
 * `textContent` and attributes, never through HTML parsing: a conversation's title is the
 * customer's words, and `<img onerror>` in it must show as those characters.
 */

/** Attributes of a new element; `undefined` leaves one out. */
export type Attributes = Readonly<Record<string, string | undefined>>;

/** A new HTML element with a class, attributes and children (strings become text nodes). */
export function h(tag: string, className: string, attributes: Attributes = {}, children: readonly (Node | string)[] = []): HTMLElement {
  const element = document.createElement(tag);
  if (className) element.className = className;
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/** Sets an element's text when it differs, so an unchanged row is not touched. */
export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** Sets an attribute when it differs; `undefined` removes it. */
export function setAttribute(element: Element, name: string, value: string | undefined): void {
  if (value === undefined) {
    if (element.hasAttribute(name)) element.removeAttribute(name);
  } else if (element.getAttribute(name) !== value) {
    element.setAttribute(name, value);
  }
}

/** Icons drawn as one stroked SVG path each: no image files, no markup strings. */
export const icons = {
  home: 'M4 11l8-7 8 7M6 9.5V20h4.5v-6h3v6H18V9.5',
  menu: 'M4 7h16M4 12h16M4 17h16',
  close: 'M7 7l10 10M17 7L7 17',
} as const;

/** A decorative 24×24 icon (hidden from assistive technology: the button around it is named). */
export function icon(path: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const line = document.createElementNS(ns, 'path');
  line.setAttribute('d', path);
  svg.append(line);
  return svg;
}

/** Ids unique within one panel's shadow root, for aria-describedby and aria-labelledby. */
export function idMaker(): () => string {
  let next = 0;
  return () => `ocp-${++next}`;
}

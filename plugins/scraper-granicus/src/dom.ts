import { scrapedLinkUrl } from '@encoder-manager/sdk';
import { selectAll as cssSelectAll, selectOne as cssSelectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';
import { textContent } from 'domutils';

/** Every element under `root` matching a CSS selector. */
export const selectAll = (query: string, root: AnyNode | AnyNode[]): Element[] =>
  cssSelectAll<AnyNode, Element>(query, root);

/** The first element under `root` matching a CSS selector, or null. */
export const selectOne = (query: string, root: AnyNode | AnyNode[]): Element | null =>
  cssSelectOne<AnyNode, Element>(query, root);

/** Text of a node with `&nbsp;` and runs of whitespace collapsed. */
export function cleanText(node: AnyNode | AnyNode[]): string {
  return textContent(node)
    .replace(/[\u00a0\s]+/g, ' ')
    .trim();
}

const SCRIPTED_URL = /window\.open\(\s*['"]([^'"]+)['"]/;

/** The absolute URL a link opens: its href, or the URL in a `window.open(...)` onclick. */
export function linkTarget(a: Element, pageUrl: string): string | undefined {
  return scrapedLinkUrl({ href: a.attribs['href'], onclick: a.attribs['onclick'] }, pageUrl, SCRIPTED_URL);
}

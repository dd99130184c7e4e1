/** Matching what people type to the page's components: by a folded key, so spelling and case do not matter. */
import type { Component } from '../events/page.js';

/** Case-, space- and punctuation-insensitive key, so "user & authentication" finds "User and authentication". */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

export function resolveComponents(
  names: string[],
  components: Component[],
): { matched: Component[]; unknown: string[] } {
  const byKey = new Map(components.map((c) => [nameKey(c.name), c]));
  const matched = new Map<string, Component>();
  const unknown: string[] = [];
  for (const name of names) {
    const component = byKey.get(nameKey(name));
    if (component) matched.set(component.id, component);
    else unknown.push(name);
  }
  return { matched: [...matched.values()], unknown };
}

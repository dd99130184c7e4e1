/** Plain-text helpers for `text` fallbacks and console lines. */

/** The first non-empty line of a text, bounded. */
export function firstLine(text: string, max = 200): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

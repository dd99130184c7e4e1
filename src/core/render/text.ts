/** Plain-text helpers for `text` fallbacks and console lines. */

/** The first non-empty line of a text, bounded. */
export function firstLine(text: string, max = 200): string {
  const line = (text.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Cuts mrkdwn to at most `max` characters without splitting what Slack parses as one unit: an `&amp;` entity,
 * a `<…>` token (link, mention, `<!date^…>`), or a surrogate pair. Adds … when it cut.
 */
export function truncateMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  const amp = cut.lastIndexOf('&');
  if (amp > cut.lastIndexOf(';') && cut.length - amp <= 6) cut = cut.slice(0, amp);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

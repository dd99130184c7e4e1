/**
 * Slack mrkdwn building blocks. Every piece of outside text passes through `escapeText` (names, `text`
 * fallbacks) or `vendorMarkdown` (update bodies): nothing from the status page can become a mention, a broadcast
 * or a link to a host other than the status page's own and clerk.com.
 */
import slackifyMarkdown from 'slackify-markdown';
import { truncateMrkdwn } from './text.js';

/** Escapes &, < and >, so vendor or user text can never form a link, mention or <!channel>. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A link with a one-line, escaped label (a line break or `|` inside a link token would break it). */
export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|\s]/g, '')}|${escapeText(label.replace(/\s+/g, ' ')).replace(/\|/g, '¦')}>`;
}

/** Hosts a link in vendor text may point at: the status page's own (from CLERK_STATUS_URL) and clerk.com. */
export function allowedHosts(statusPageUrl: string): string[] {
  try {
    return [new URL(statusPageUrl).host, 'clerk.com'];
  } catch {
    return ['clerk.com'];
  }
}

function hostAllowed(url: string, hosts: string[]): boolean {
  try {
    const { protocol, host } = new URL(url);
    return (
      (protocol === 'https:' || protocol === 'http:') &&
      hosts.some((h) => host === h || host.endsWith(`.${h}`))
    );
  } catch {
    return false;
  }
}

const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s)]+/g;
const SLACK_TOKEN = /<([^<>|]*)(?:\|([^<>]*))?>/g;

/**
 * An update body (Markdown) as mrkdwn: escaped first, then converted (bold, lists, code, links), then every link
 * checked: one to a host that is not allowed is shown as plain text (its label, then its address).
 */
export function vendorMarkdown(markdown: string, hosts: string[]): string {
  const escaped = escapeText(markdown.trim())
    .replace(MARKDOWN_LINK, (whole, label: string, url: string) =>
      hostAllowed(url, hosts) ? whole : `${label} (${url})`,
    )
    .replace(BARE_URL, (url) =>
      hostAllowed(url, hosts) ? url : url.replace(/^https?:\/\//, '').replace(/\./g, '\u2024'),
    );
  // \uE000 marks the links kept below; vendor text cannot bring one of its own.
  const converted = slackifyMarkdown(escaped.replace(/\uE000/g, ''))
    .replace(/\u200b/g, '')
    .trimEnd();
  // The only `<…>` left are links the converter made; keep them only to allowed hosts, and escape every other
  // `<`, `>` or `&` it may have decoded (a line-leading `>` stays: it is a quote marker).
  const kept: string[] = [];
  const marked = converted.replace(SLACK_TOKEN, (whole, url: string, label?: string) => {
    if (!hostAllowed(url, hosts)) return escapeText(label ?? url);
    kept.push(whole);
    return `\uE000${kept.length - 1}\uE000`;
  });
  return marked
    .replace(/&(?!(amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/(^|[^\n])>/g, (_, before: string) => `${before}&gt;`)
    .replace(/\uE000(\d+)\uE000/g, (_, i: string) => kept[Number(i)] ?? '');
}

/** A time every reader sees in their own timezone; the fallback is UTC. */
export function dateToken(iso: string, format = '{date_short_pretty} at {time}'): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  const fallback = `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${seconds}^${format}|${fallback}>`;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * An update body as a block quote: converted from Markdown (links only to `hosts`), bounded without splitting a
 * token or an entity.
 */
export function quote(markdown: string, max = 1200, hosts: string[] = ['clerk.com']): string {
  return truncateMrkdwn(vendorMarkdown(truncate(markdown, max * 2), hosts), max)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

export function bulletList(lines: string[]): string {
  return lines.map((l) => `• ${l}`).join('\n');
}

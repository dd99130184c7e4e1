/** Slack mrkdwn building blocks. Every piece of outside text passes through `escapeText`. */

/** Escapes &, < and >, so vendor or user text can never form a link, mention or <!channel>. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function link(url: string, label: string): string {
  return `<${url.replace(/[<>|]/g, '')}|${escapeText(label).replace(/\|/g, '¦')}>`;
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

/** Status page update bodies are Markdown; quote them as a block quote, escaped and bounded. */
export function quote(markdown: string, max = 1200): string {
  const text = truncate(markdown.trim(), max);
  return escapeText(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
}

export function bulletList(lines: string[]): string {
  return lines.map((l) => `• ${l}`).join('\n');
}

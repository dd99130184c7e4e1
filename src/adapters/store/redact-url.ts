/** redis://user:password@host → redis://user:***@host: store URLs as logs, messages and /status show them. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]*):([^@]*)@/, '//$1:***@');
}

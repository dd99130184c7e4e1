/**
 * `/clerk-status` text → intent. Anything that is not a known subcommand becomes `invalid` with a short
 * reason; the reason never quotes the user's text back (it could carry mentions or mrkdwn).
 */

export type Intent =
  | { kind: 'status'; public: boolean }
  | { kind: 'subscribe'; components: string[] }
  | { kind: 'unsubscribe' }
  | { kind: 'settings' }
  | { kind: 'help' }
  | { kind: 'checks' }
  | { kind: 'history'; days: number }
  /** Direct messages to the caller, for these components (empty: all); `off` ends them. */
  | { kind: 'dm'; components: string[] }
  | { kind: 'dm-off' }
  | { kind: 'test' }
  | { kind: 'set'; key: string; value: string }
  | { kind: 'invalid'; reason: string };

export const MAX_COMMAND_LENGTH = 500;
const MAX_COMPONENT_NAMES = 30;
const MAX_COMPONENT_NAME_LENGTH = 80;

export function parseCommand(raw: string): Intent {
  if (raw.length > MAX_COMMAND_LENGTH) return { kind: 'invalid', reason: 'That command is too long.' };
  const text = raw.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = text.split(' ');
  const verb = first.toLowerCase();
  const args = rest.join(' ').trim();

  switch (verb) {
    case '':
    case 'status':
      if (args === '') return { kind: 'status', public: false };
      if (args.toLowerCase() === 'public') return { kind: 'status', public: true };
      return { kind: 'invalid', reason: '`status` takes no options other than `public`.' };
    case 'dm': {
      if (args.toLowerCase() === 'off') return { kind: 'dm-off' };
      const parsed = componentList(args);
      return 'reason' in parsed
        ? { kind: 'invalid', reason: parsed.reason }
        : { kind: 'dm', components: parsed };
    }
    case 'subscribe': {
      const parsed = componentList(args);
      return 'reason' in parsed
        ? { kind: 'invalid', reason: parsed.reason }
        : { kind: 'subscribe', components: parsed };
    }
    case 'set': {
      const [key = '', ...value] = args.split(' ');
      if (key === '' || value.length === 0)
        return { kind: 'invalid', reason: '`set` takes a key and a value, like `set severity partial`.' };
      return { kind: 'set', key, value: value.join(' ') };
    }
    case 'history': {
      if (args === '') return { kind: 'history', days: 30 };
      const days = /^(\d{1,2})\s*d?(ays?)?$/i.exec(args);
      const n = Number(days?.[1]);
      return days && n >= 1 && n <= 90
        ? { kind: 'history', days: n }
        : { kind: 'invalid', reason: '`history` takes a number of days from 1 to 90, like `history 30`.' };
    }
    case 'unsubscribe':
    case 'settings':
    case 'checks':
    case 'test':
    case 'help':
      return args === '' ? { kind: verb } : { kind: 'invalid', reason: `\`${verb}\` takes no options.` };
    default:
      return { kind: 'invalid', reason: 'I did not recognise that command.' };
  }
}

/** A comma list of component names, bounded. */
function componentList(args: string): string[] | { reason: string } {
  const names = args
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.length > MAX_COMPONENT_NAMES) return { reason: 'That is more components than the page has.' };
  if (names.some((n) => n.length > MAX_COMPONENT_NAME_LENGTH))
    return { reason: 'A component name is too long.' };
  return names;
}

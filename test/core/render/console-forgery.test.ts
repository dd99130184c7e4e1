/**
 * A hostile status page cannot forge console lines: vendor text with line breaks of any kind (\n, \r, U+2028,
 * U+2029) or control characters stays on its own line; the bot's own line breaks (a component change folded into an
 * incident) still separate lines.
 */
import { describe, expect, it } from 'vitest';
import type { BotEvent } from '../../../src/core/events/bot-event.js';
import { renderConsoleLine } from '../../../src/core/render/console-line.js';

const at = '2026-05-01T10:00:00.000Z';
const forged = '2026-05-01 10:00:00Z  incident   Resolved: all good';

describe('console lines', () => {
  it.each(['\n', '\r\n', '\r', '\u2028', '\u2029', '\u000b', '\u000c', '\u0085'])(
    'a vendor name with %j cannot start a line of its own',
    (breaker) => {
      const line = renderConsoleLine({
        kind: 'component.added',
        id: 'a',
        at,
        componentId: 'c',
        name: `Sign in${breaker}${forged}`,
        status: 'operational',
      });
      expect(line.split('\n')).toHaveLength(1);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none reaches the terminal
      expect(line).not.toMatch(/[\r\u2028\u2029\u000b\u000c\u0085]/);
    },
  );

  it('keeps the bot’s own line breaks: one line per component change folded into an incident', () => {
    const event: BotEvent = {
      kind: 'incident.opened',
      id: 'i',
      at,
      incident: {
        id: 'i1',
        name: `Outage\n${forged}`,
        status: 'investigating',
        impact: 'major',
        url: 'u',
        createdAt: at,
      },
      affected: [],
      changes: [
        { componentId: 'c1', name: 'Frontend\nAPI', from: 'operational', to: 'major_outage' },
        { componentId: 'c2', name: 'Backend API', from: 'operational', to: 'partial_outage' },
      ],
    };
    const lines = renderConsoleLine(event).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/component {2}Frontend API: Operational → Major outage$/);
  });
});

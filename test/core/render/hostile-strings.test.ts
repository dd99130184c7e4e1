/**
 * Every renderer, fed hostile outside text (Slack control sequences, foreign links, Markdown, emoji, huge strings):
 * nothing from the page or a user survives as markup, in blocks or in `text`, and every message fits Slack's
 * limits. The only mentions are the ones a channel configured; the only links go to the status page or clerk.com.
 */
import { describe, expect, it } from 'vitest';
import type { ComponentRef, IncidentSummary } from '../../../src/core/events/bot-event.js';
import type { Maintenance, Snapshot } from '../../../src/core/events/page.js';
import type { MaintenanceNews, NoticeEvent } from '../../../src/core/plan/messages.js';
import { renderComponentChanges } from '../../../src/core/render/component-changes.js';
import { renderConsoleLine } from '../../../src/core/render/console-line.js';
import { renderHomeView } from '../../../src/core/render/home-view.js';
import { renderIncidentParent } from '../../../src/core/render/incident-parent.js';
import { renderMaintenanceNews, renderMaintenanceParent } from '../../../src/core/render/maintenance.js';
import { renderMinimal } from '../../../src/core/render/minimal.js';
import { renderNotice } from '../../../src/core/render/notices.js';
import { renderResolutionReply } from '../../../src/core/render/resolution-reply.js';
import { renderSettingsModal } from '../../../src/core/render/settings-modal.js';
import { renderStatusReply } from '../../../src/core/render/status-reply.js';
import type { RenderedMessage } from '../../../src/core/render/types.js';
import { renderUpdateReply } from '../../../src/core/render/update-reply.js';
import { defaultSubscription } from '../../../src/core/subscriptions/subscription.js';

const STATUS = 'https://status.clerk.com';
const HOSTILE = [
  '<!channel> sign in now',
  '<!here>',
  '<!everyone>',
  '<@U0ADMIN> please',
  '<!subteam^S0ONCALL>',
  '<https://evil.example|Reset your password>',
  '<https://evil.example>',
  '[Reset your password](https://evil.example/reset)',
  'visit https://evil.example/login now',
  '<!date^1700000000^{date}|fake date>',
  '&lt;!channel&gt; pre-escaped',
  '**bold** _it_ `code <!here>` ~strike~',
  '- a\n- b\n\n> quoted <!channel>',
  '🔥'.repeat(3_000),
  `${'x'.repeat(60_000)}<!channel>`,
  '\u001b[2J\u001b[31mterminal escape\u0007',
];

const page = { name: 'Clerk', url: STATUS };
const component = (name: string, i = 0): ComponentRef => ({ id: `c${i}`, name, status: 'major_outage' });
const incident = (name: string, body: string): IncidentSummary => ({
  id: `inc:${name.length}`,
  name,
  status: 'investigating',
  impact: 'critical',
  url: `${STATUS}/incidents/inc`,
  createdAt: '2026-05-01T10:00:00Z',
  opening: { status: 'investigating', body, at: '2026-05-01T10:00:00Z' },
});
const update = (body: string) => ({
  id: 'u',
  status: 'identified' as const,
  body,
  at: '2026-05-01T10:05:00Z',
});
const snapshot = (text: string): Snapshot => ({
  page,
  components: Array.from({ length: 30 }, (_, i) => ({
    id: `c${i}`,
    name: text,
    status: 'major_outage' as const,
    position: i,
  })),
  incidents: [
    {
      ...incident(text, text),
      updates: [update(text)],
    },
  ],
  maintenances: [],
  fetchedAt: '2026-05-01T10:06:00Z',
});

/** A maintenance named and described by the hostile string, in every phase and every reply. */
function maintenanceMessages(text: string, at: string): { name: string; message: RenderedMessage }[] {
  const m: Maintenance = {
    id: 'm',
    name: text,
    status: 'scheduled',
    url: `${STATUS}/incidents/m`,
    componentIds: [],
    latestBody: text,
    scheduledFor: '2026-05-01T12:00:00Z',
    scheduledUntil: '2026-05-01T14:00:00Z',
  };
  const reminder = { leadMs: 3_600_000, dueAt: '2026-05-01T11:00:00Z', at, late: true };
  const phases = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
  const news: MaintenanceNews[] = [
    { change: 'reminder', reminder },
    { change: 'rescheduled', previous: { scheduledFor: '2026-05-01T10:00:00Z' } },
    { change: 'started' },
    { change: 'completed' },
    { change: 'cancelled' },
  ];
  return [
    ...phases.map((phase) => ({
      name: `maintenance ${phase}`,
      message: renderMaintenanceParent(m, phase, 3_600_000, reminder),
    })),
    ...news.map((n) => ({ name: `maintenance ${n.change}`, message: renderMaintenanceNews(m, n) })),
  ];
}

/** Every renderer's output for one hostile string. */
function renderAll(text: string): { name: string; message: RenderedMessage }[] {
  const i = incident(text, text);
  const changes = Array.from({ length: 40 }, (_, n) => ({
    componentId: `c${n}`,
    name: text,
    from: 'operational' as const,
    to: 'major_outage' as const,
  }));
  const notices: NoticeEvent[] = [
    {
      kind: 'components.listChanged',
      id: 'l',
      at: i.createdAt,
      added: [component(text)],
      removed: [component(text, 1)],
      pageSize: 16,
    },
    {
      kind: 'component.added',
      id: 'a',
      at: i.createdAt,
      componentId: 'c',
      name: text,
      status: 'operational',
    },
  ];
  return [
    {
      name: 'parent',
      message: renderIncidentParent({
        incident: i,
        status: 'investigating',
        severity: 'major',
        affected: [component(text)],
        mention: '<!here>',
      }),
    },
    {
      name: 'reply',
      message: renderUpdateReply({
        incident: i,
        update: update(text),
        previousStatus: 'investigating',
        changes,
      }),
    },
    { name: 'resolution', message: renderResolutionReply(i, update(text), 60_000, changes) },
    { name: 'components', message: renderComponentChanges(changes, i.createdAt, STATUS, false) },
    ...maintenanceMessages(text, i.createdAt),
    ...notices.map((e) => ({ name: e.kind, message: renderNotice(e, STATUS) })),
    {
      name: 'status',
      message: renderStatusReply({
        snapshot: snapshot(text),
        lastCheckedAt: i.createdAt,
        now: Date.parse(i.createdAt),
        staleAfterMs: 1e9,
        statusPageUrl: STATUS,
      }),
    },
    {
      name: 'minimal',
      message: renderMinimal(
        renderUpdateReply({ incident: i, update: update(text), previousStatus: 'investigating' }),
      ),
    },
  ];
}

/** The `<…>` tokens Slack would act on, in any string. */
const tokens = (s: string) => [...s.matchAll(/<([^<>]*)>/g)].map((m) => m[1] ?? '');
const allowed = (token: string) =>
  token === '!here' || // the configured mention in the parent above
  (/^!date\^\d+\^[^|]*\|[^<>]*$/.test(token) && !token.includes('fake date')) ||
  /^#c?[A-Z0-9]+$/.test(token) ||
  /^https:\/\/(status\.clerk\.com|([a-z0-9-]+\.)*clerk\.com)(\/[^|]*)?(\|.*)?$/.test(token);

function texts(message: RenderedMessage): string[] {
  return [
    message.text,
    ...(JSON.stringify(message.blocks)
      .match(/"text":"((?:[^"\\]|\\.)*)"/g)
      ?.map((t) => JSON.parse(`{${t}}`).text as string) ?? []),
  ];
}

describe('outside text is text', () => {
  it.each(HOSTILE.map((h) => [h.slice(0, 40).replace(/\n/g, '⏎'), h]))(
    '%s never becomes markup or breaks a limit',
    (_label, text) => {
      for (const { name, message } of renderAll(text)) {
        for (const part of texts(message)) {
          const bad = tokens(part).filter((t) => !allowed(t));
          expect(bad, `${name}: ${part.slice(0, 120)}`).toEqual([]);
        }
        expect(message.text.length, name).toBeLessThanOrEqual(3_000);
        expect(message.blocks.length, name).toBeLessThanOrEqual(50);
        for (const block of message.blocks as { type: string; text?: { text: string } }[]) {
          if (block.type === 'section') expect(block.text?.text.length ?? 0, name).toBeLessThan(3_000);
          if (block.type === 'header') expect(block.text?.text.length ?? 0, name).toBeLessThanOrEqual(150);
        }
      }
    },
  );

  it.each(HOSTILE.map((h) => [h.slice(0, 40).replace(/\n/g, '⏎'), h]))(
    '%s stays text in App Home, the settings modal and console lines',
    (_label, text) => {
      const home = renderHomeView({
        snapshot: snapshot(text),
        lastCheckedAt: undefined,
        now: 0,
        subscriptions: [{ ...defaultSubscription('T', 'C1', 'U', 'x'), componentNames: [text] }],
        statusPageUrl: STATUS,
      });
      expect(home.blocks.length).toBeLessThanOrEqual(100);
      for (const part of texts({ text: '', blocks: home.blocks as never }))
        expect(tokens(part).filter((t) => !allowed(t))).toEqual([]);
      const modal = renderSettingsModal(
        defaultSubscription('T', 'C1', 'U', 'x'),
        snapshot(text).components,
        [{ id: 'S1', handle: text }],
        text,
      );
      const optionLists: unknown[][] = [];
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object')
          for (const [key, inner] of Object.entries(value)) {
            if (key === 'options' && Array.isArray(inner)) optionLists.push(inner);
            walk(inner);
          }
      };
      walk(modal);
      expect(optionLists.length).toBeGreaterThan(0);
      for (const list of optionLists) expect(list.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(modal).length).toBeLessThan(200_000);
      const line = renderConsoleLine({
        kind: 'component.added',
        id: 'a',
        at: '2026-05-01T10:00:00Z',
        componentId: 'c',
        name: text,
        status: 'operational',
      });
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none reaches the terminal
      expect(line).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    },
  );

  it('keeps links to the status page and clerk.com, and shows others as plain text', () => {
    const body =
      'See [the docs](https://clerk.com/docs/outages), [the page](https://status.clerk.com/incidents/x) and [phish](https://evil.example).';
    const { blocks } = renderUpdateReply({
      incident: incident('x', ''),
      update: update(body),
      previousStatus: 'investigating',
    });
    const text = JSON.stringify(blocks);
    expect(text).toContain('<https://clerk.com/docs/outages|the docs>');
    expect(text).toContain('<https://status.clerk.com/incidents/x|the page>');
    expect(text).not.toContain('<https://evil.example');
    expect(text).toContain('phish (evil');
  });
});

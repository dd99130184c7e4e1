import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeStatusPage } from '../../../devkit/fake-status-page.js';
import { ManualClock, startWatcher, tempStatePath } from '../../../devkit/harness/bot-parts.js';
import { loadTimeline } from '../../../devkit/timeline.js';
import { STATE_KEYS } from '../../../src/app/poll/poll-cycle.js';

const dns = loadTimeline('clerk-2026-02-10-dns-outage');
let page: FakeStatusPage;
beforeAll(async () => {
  page = await FakeStatusPage.start();
});
afterAll(async () => {
  await page.close();
});

const stepTime = (i: number) => Date.parse(dns.steps[i]?.fetchedAt ?? '');

describe('poll cycle', () => {
  it('seeds silently on the first run: nothing already on the page is announced', async () => {
    page.serveStep(dns, 3);
    const w = await startWatcher({
      url: page.url,
      statePath: await tempStatePath(),
      clock: new ManualClock(stepTime(3)),
    });
    const outcome = await w.poll();
    expect(outcome).toMatchObject({ ok: true, seeded: true, events: [] });
    expect(w.lines).toEqual([]);
    expect(w.cycle.latest?.incidents).toHaveLength(1);
    await w.close();
  });

  it('announces each change of a timeline exactly once across restarts, and changes made while down once after', async () => {
    const statePath = await tempStatePath();
    const clock = new ManualClock(stepTime(0));
    const all: string[] = [];
    const runStep = async (i: number, restart: boolean, w0?: Awaited<ReturnType<typeof startWatcher>>) => {
      const w = restart || !w0 ? await startWatcher({ url: page.url, statePath, clock }) : w0;
      page.serveStep(dns, i);
      clock.time = stepTime(i);
      await w.poll();
      return w;
    };
    // Steps 0-2 in one process, a restart before step 3, steps 4-6 skipped while "down", resumed at 7, restart at 8.
    let w = await runStep(0, true);
    w = await runStep(1, false, w);
    w = await runStep(2, false, w);
    all.push(...w.lines);
    await w.close();
    w = await runStep(3, true);
    await w.poll(); // a second poll of the same page adds nothing
    all.push(...w.lines);
    await w.close();
    w = await runStep(7, true);
    all.push(...w.lines);
    await w.close();
    w = await runStep(8, true);
    all.push(...w.lines);
    await w.close();

    expect(new Set(all).size).toBe(all.length);
    const incidentLines = all.filter((l) => l.includes(' incident '));
    // opened, updates 2,3 (before restart), 4 (after), then 5 and 6 caught up after the downtime, resolved, post-mortem.
    expect(incidentLines).toHaveLength(8);
    expect(incidentLines[0]).toContain('opened → Investigating');
    expect(incidentLines.filter((l) => l.includes('→ Resolved after'))).toHaveLength(1);
    expect(incidentLines.at(-1)).toContain('(after resolution)');
    expect(all.filter((l) => l.includes('component') && l.includes('→ Operational'))).toHaveLength(7);
  });

  it('records but does not announce updates older than the age limit', async () => {
    const statePath = await tempStatePath();
    page.serveStep(dns, 0);
    const clock = new ManualClock(stepTime(0));
    let w = await startWatcher({ url: page.url, statePath, clock });
    await w.poll();
    await w.close();
    // The bot comes back a week later: the whole incident is history now.
    page.serveStep(dns, 7);
    clock.time = stepTime(7) + 7 * 24 * 3600_000;
    w = await startWatcher({ url: page.url, statePath, clock });
    await w.poll();
    expect(w.lines).toEqual([]);
    expect(w.cycle.latest?.incidents[0]?.status).toBe('resolved');
    await w.close();
  });

  it('produces no change events on failures, one unreachable after three, and one recovered', async () => {
    const statePath = await tempStatePath();
    const clock = new ManualClock(stepTime(2));
    page.serveStep(dns, 2);
    const w = await startWatcher({ url: page.url, statePath, clock });
    await w.poll();
    const faults = [
      { kind: 'status', status: 503 },
      { kind: 'html' },
      { kind: 'truncated' },
      { kind: 'json', body: { page: { name: 'Clerk', url: 'x' } } },
      { kind: 'json', body: { page: { name: 'Clerk', url: 'x' }, components: [] } },
    ] as const;
    for (const fault of faults) {
      page.failAlways(fault);
      clock.time += 30_000;
      const outcome = await w.poll();
      expect(outcome.ok).toBe(false);
    }
    page.failAlways(undefined);
    page.serveStep(dns, 2);
    clock.time += 30_000;
    await w.poll();
    expect(w.lines).toHaveLength(2);
    expect(w.lines[0]).toMatch(/status page +unreachable after 3 failed polls/);
    expect(w.lines[1]).toMatch(/status page +reachable again after 3 min/);
    await w.close();
  });

  it('keeps its snapshot in the store under a stable key', async () => {
    const statePath = await tempStatePath();
    page.serveStep(dns, 1);
    const w = await startWatcher({ url: page.url, statePath, clock: new ManualClock(stepTime(1)) });
    await w.poll();
    expect(await w.store.get(STATE_KEYS.snapshot)).toMatchObject({ page: { name: 'Clerk' } });
    await w.close();
  });
});

/** `npm run simulate` works end to end and exits by itself with a summary. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('simulator', () => {
  it('replays an incident through the real bot into the fake Slack and exits with a summary', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/simulate.ts',
        'clerk-2026-04-22-platform-api-partial-outage',
        '--step-seconds',
        '1.5',
        '--blocks',
      ],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain(
      '#clerk-status  ● Clerk incident: Partial Outage on Platform API — Investigating (Platform API: Partial outage)',
    );
    expect(out).toMatch(/└─ Partial Outage on Platform API: Investigating → Identified/);
    expect(out).toMatch(
      /✎ parent edited → Clerk incident: Partial Outage on Platform API — Resolved after 30 min/,
    );
    expect(out).not.toContain('#auth-oncall  ●'); // the Platform API incident never touches that channel's components
    // --blocks: the resolved parent's final Block Kit is printed too, not only the blocks it was first posted with.
    expect(out).toMatch(
      /#clerk-status final \(after \d+ edits?\): Clerk incident: Partial Outage on Platform API — Resolved after 30 min\n\s+\{"blocks":/,
    );
    expect(out).toMatch(/Done in [\d.]+ s: \d+ messages .* 0 duplicates/);
  }, 60_000);

  it('--checks: an own check failing is likely your side on a quiet page, likely Clerk during the incident', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'scripts/simulate.ts', '--checks', '--step-seconds', '1.5'],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    for (const stream of [child.stdout, child.stderr])
      stream.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, out).toBe(0);
    expect(out).toContain('#clerk-status  ● Own check auth-health is failing (likely your side)');
    expect(out).toContain('#clerk-status  ● Own check auth-health is failing (likely Clerk)');
    expect(out).toContain('── verdicts: likely your side, then likely Clerk');
    expect(out).toMatch(/Done in [\d.]+ s: \d+ messages .* 0 duplicates/);
  }, 60_000);
});

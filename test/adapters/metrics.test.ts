/**
 * What /metrics says about the early warning: no phase gauge when no probes run (a 0 would read as "healthy"), and
 * the probes' events (warnings) counted in clerk_status_events_total with the page's.
 */
import { describe, expect, it } from 'vitest';
import { Metrics } from '../../src/adapters/metrics.js';

describe('metrics', () => {
  it('exports the early-warning phase only when the probes run', async () => {
    expect(await new Metrics().registry.metrics()).not.toContain('clerk_status_early_warning_phase');
    const withProbes = new Metrics({ earlyWarning: true });
    withProbes.phase('warning');
    expect(await withProbes.registry.metrics()).toMatch(/^clerk_status_early_warning_phase 2$/m);
  });

  it('counts the probes’ warnings as events', async () => {
    const metrics = new Metrics({ earlyWarning: true });
    metrics.queued([{ kind: 'warning.raised' }, { kind: 'warning.cleared' }]);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^clerk_status_events_total\{kind="warning.raised"\} 1$/m);
    expect(text).toMatch(/^clerk_status_events_total\{kind="warning.cleared"\} 1$/m);
  });
});

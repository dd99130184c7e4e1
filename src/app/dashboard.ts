/** What the dashboard page and its JSON twin show, gathered from what the bot knows (the page, probes, checks, history). */
import { type DashboardData, dashboardData } from '../core/render/dashboard-data.js';
import type { ProbeRounds } from './early-warning/probe-rounds.js';
import type { History } from './history.js';
import type { ChecksQuery, ProbeQuery, StatusQuery } from './ports/driving.js';

export interface DashboardDeps {
  status: StatusQuery;
  history: History;
  now: () => number;
  probes?: { frontendApiUrl: string; query: ProbeQuery; rounds: ProbeRounds };
  checks?: ChecksQuery;
}

export class Dashboard {
  constructor(private readonly deps: DashboardDeps) {}

  async data(): Promise<DashboardData> {
    const { status, history, probes, checks } = this.deps;
    const now = this.deps.now();
    const current = status.current();
    const window = await history.window(30, now).catch(() => undefined);
    const checksNow = await checks?.reportWithRuns().catch(() => undefined);
    return dashboardData({
      snapshot: current.snapshot,
      lastCheckedAt: current.lastCheckedAt,
      now,
      incidents: window?.incidents ?? [],
      ...(probes
        ? {
            probes: {
              frontendApiUrl: probes.frontendApiUrl,
              state: probes.query.current(),
              rounds: probes.rounds.list(),
            },
          }
        : {}),
      ...(checksNow ? { checks: checksNow } : {}),
    });
  }
}

/**
 * `/clerk-status test`: a sample alert, drawn by the same renderer as a real incident's parent, under a banner that
 * says it is a test (and who asked), so people see what an alert looks like and that the bot can post here.
 */
import { section } from './blocks.js';
import { renderIncidentParent } from './incident-parent.js';
import type { RenderedMessage } from './types.js';

export function renderTestAlert(requestedBy: string, nowIso: string, statusPageUrl: string): RenderedMessage {
  const sample = renderIncidentParent({
    incident: {
      id: 'test',
      name: 'Sample incident: sign-ins failing (a test, not a real incident)',
      status: 'investigating',
      impact: 'major',
      url: statusPageUrl,
      createdAt: nowIso,
    },
    status: 'investigating',
    severity: 'partial',
    affected: [{ id: 'sample', name: 'User and authentication', status: 'partial_outage' }],
  });
  const banner = section(
    `:test_tube: *TEST* — a sample of what a Clerk alert looks like here, posted because <@${requestedBy.replace(/[^A-Z0-9]/gi, '')}> ran \`/clerk-status test\`. Nothing is wrong with Clerk.`,
  );
  return {
    text: `TEST (not a real incident): ${sample.text}`,
    blocks: [banner, ...(sample.blocks ?? [])].slice(0, 50),
  };
}

/**
 * The warning message's two buttons. A vote is stored per channel, one per person (a second click moves or keeps
 * it), with a compare-and-set so concurrent clicks on several replicas never lose one; then the message is
 * redrawn with the counts, as the warning stands now (a late click on a cleared warning redraws it cleared).
 */
import { warningView } from '../../core/early-warning/confirm.js';
import type { SignalState } from '../../core/early-warning/signal.js';
import type { VoteTally } from '../../core/events/warning.js';
import { renderWarning } from '../../core/render/early-warning.js';
import { storeKey } from '../../core/store-keys.js';
import { updateAtomically } from '../compare-and-set.js';
import type { EarlyWarningPort, WarningVote } from '../ports/driving.js';
import type { Log } from '../ports/observability.js';
import type { MessageSender } from '../ports/slack.js';
import type { Store } from '../ports/store.js';
import { SIGNAL_KEY } from './probe-cycle.js';

interface Ballots {
  seeing: string[];
  notAffected: string[];
}

const VOTES_TTL_MS = 30 * 24 * 3600 * 1000;
const MAX_VOTERS = 1_000;
const votesKey = (teamId: string, channelId: string, warningId: string) =>
  storeKey('warning-votes', teamId, channelId, warningId);

export const tally = (ballots: Ballots | undefined): VoteTally => ({
  seeing: ballots?.seeing.length ?? 0,
  notAffected: ballots?.notAffected.length ?? 0,
});

export interface WarningVotesDeps {
  store: Store;
  sender: Pick<MessageSender, 'update'>;
  statusPageUrl: string;
  log: Log;
}

export class WarningVotes implements EarlyWarningPort {
  constructor(private readonly deps: WarningVotesDeps) {}

  /** The counts on one channel's warning message (the planner draws edits with them). */
  async tally(teamId: string, channelId: string, warningId: string): Promise<VoteTally> {
    return tally(await this.deps.store.get<Ballots>(votesKey(teamId, channelId, warningId)));
  }

  async vote(vote: WarningVote): Promise<void> {
    const key = votesKey(vote.teamId, vote.channelId, vote.warningId);
    const ballots = await updateAtomically<Ballots, Ballots>(
      this.deps.store,
      key,
      (stored) => {
        const current = stored ?? { seeing: [], notAffected: [] };
        const other = vote.choice === 'seeing' ? 'notAffected' : 'seeing';
        if (current[vote.choice].includes(vote.userId)) return { result: current };
        const next = {
          ...current,
          [vote.choice]: [...current[vote.choice], vote.userId].slice(-MAX_VOTERS),
          [other]: current[other].filter((u) => u !== vote.userId),
        } as Ballots;
        return { next, result: next };
      },
      VOTES_TTL_MS,
    );
    const warning = (await this.deps.store.get<SignalState>(SIGNAL_KEY))?.warning;
    // An older warning's message keeps its last drawing; the vote still counts.
    if (!warning || warning.id !== vote.warningId) return;
    const message = renderWarning(warning, warningView(warning), this.deps.statusPageUrl, tally(ballots));
    await this.deps.sender.update(vote.teamId, vote.channelId, vote.messageTs, message);
  }
}

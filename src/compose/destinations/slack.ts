/**
 * Slack channels as a destination: fan-out → channel sequence → step runner (claim, send, record), with the parent
 * edit lane beside it. On in the Slack modes (HTTP, Socket Mode).
 */
import { randomUUID } from 'node:crypto';
import { ChannelSequence } from '../../app/deliver/channel-sequence.js';
import { DeliveryRecords } from '../../app/deliver/delivery-records.js';
import { EditLane } from '../../app/deliver/edit-lane.js';
import { EditQueue } from '../../app/deliver/edit-queue.js';
import { SlackDelivery } from '../../app/deliver/fan-out.js';
import { LateCopies } from '../../app/deliver/late-copies.js';
import { StepRunner } from '../../app/deliver/step-runner.js';
import { SubscriptionEndings } from '../../app/deliver/subscription-endings.js';
import { ThreadRepository } from '../../app/deliver/thread-repository.js';
import { incidentNow } from '../../core/detect/incidents.js';
import type { BuiltDestination, Runtime, SlackParts } from '../runtime.js';

function stepRunner(rt: Runtime, slack: SlackParts, threads: ThreadRepository, edits: EditQueue): StepRunner {
  const endings = new SubscriptionEndings({
    subscriptions: rt.subscriptions,
    sender: slack.sender,
    log: rt.log,
    observer: rt.metrics,
    now: () => rt.clock.now(),
    refreshHome: (teamId) => rt.home.refresh(teamId),
  });
  const slackTimeoutMs = rt.options.slackTimeoutMs ?? rt.timing.slackCallTimeoutMs;
  const records = new DeliveryRecords(
    rt.store,
    randomUUID(),
    rt.clock,
    rt.timing.deliveryClaimMs,
    slackTimeoutMs,
  );
  const lateCopies = new LateCopies({
    sender: slack.sender,
    records,
    log: rt.log,
    // A call that went out lands within about its timeout.
    settleMs: 2 * slackTimeoutMs,
    observer: rt.metrics,
  });
  return new StepRunner({
    records,
    lateCopies,
    watch: rt.deliveryWatch,
    held: rt.held,
    dropped: async (teamId, message) => {
      await rt.subscriptions.recordDropped(teamId, message);
      await rt.home.refresh(teamId);
    },
    threads,
    edits,
    sender: slack.sender,
    config: rt.slackConfig,
    log: rt.log,
    endings,
    now: () => rt.clock.now(),
    observer: rt.metrics,
  });
}

export function slackChannels(rt: Runtime): BuiltDestination | undefined {
  const { slack } = rt;
  if (!slack) return undefined;
  const threads = new ThreadRepository(rt.store);
  const edits = new EditQueue(rt.store);
  const sequence = new ChannelSequence({
    steps: stepRunner(rt, slack, threads, edits),
    threads,
    log: rt.log,
    statusPageUrl: rt.config.statusUrl,
    incidentNow: (id) => incidentNow(rt.cycle.current().snapshot, id),
    votes: (teamId, channelId, warningId) => slack.votes.tally(teamId, channelId, warningId),
    teamUrl: (teamId) => rt.workspaces.teamUrl(teamId),
  });
  const slackTimeoutMs = rt.options.slackTimeoutMs ?? rt.timing.slackCallTimeoutMs;
  const lane = new EditLane({
    edits,
    sender: slack.sender,
    config: rt.slackConfig,
    log: rt.log,
    retryMs: rt.options.deliveryRetryMs ?? rt.timing.deliveryRetryMs,
    shouldRun: () => rt.lease.isLeader,
    // A timed-out edit that Slack still applies lands within about a call's timeout.
    settleMs: 2 * slackTimeoutMs,
  });
  return {
    destination: new SlackDelivery({
      subscriptions: rt.subscriptions,
      sequence,
      log: rt.log,
      observer: rt.metrics,
      watch: rt.deliveryWatch,
      now: () => rt.clock.now(),
    }),
    sideLane: lane,
  };
}

/**
 * The driving side: what the Slack listeners and HTTP routes call. The use cases implement these; listeners only
 * translate a request into one of these calls.
 */

import type { SignalState } from '../../core/early-warning/signal.js';
import type { ChecksReport, RunResult } from '../../core/events/checks.js';
import type { Snapshot } from '../../core/events/page.js';
import type { ViewStateValues } from '../../core/render/settings-modal.js';
import type { RenderedMessage, RenderedModal } from '../../core/render/types.js';
import type { Intent } from '../../core/subscriptions/command.js';
import type { SlackDirectory } from './slack.js';

/** What the bot knows now, from memory: never fetched on a request's path. */
export interface StatusQuery {
  current(): { snapshot: Snapshot | undefined; lastCheckedAt: string | undefined };
}

/** What the early-warning probes see now, from memory (undefined when they do not run). */
export interface ProbeQuery {
  current(): SignalState | undefined;
}

export interface CommandContext {
  teamId: string;
  channelId: string;
  channelName: string;
  userId: string;
  botUserId?: string;
}

export interface CommandAnswer {
  /** Shown to the caller (ephemeral) or in the channel. */
  reply?: RenderedMessage;
  /** A modal to open with the command's trigger. */
  modal?: RenderedModal;
}

export interface SettingsSubmission {
  teamId: string;
  userId: string;
  botUserId?: string;
  /** The modal's private_metadata and state values, as Slack sent them. */
  privateMetadata: string;
  values: ViewStateValues;
}

/** `/clerk-status` and the settings modal. */
export interface ChannelCommandsPort {
  /** Answers that need no Slack lookup: status, help, usage. */
  answerNow(intent: Intent): { reply: RenderedMessage; inChannel: boolean } | undefined;
  /** Subscribe, unsubscribe, settings: checks permission through `directory`, then changes what it may. */
  change(intent: Intent, context: CommandContext, directory: SlackDirectory): Promise<CommandAnswer>;
  /** Saves a settings form; field errors when it may not, else the confirmation for the channel. */
  saveSettings(
    submission: SettingsSubmission,
    directory: SlackDirectory,
  ): Promise<{ errors: Record<string, string> } | { confirmation: RenderedMessage; channelId: string }>;
}

export interface AppHomePort {
  opened(teamId: string, userId: string): Promise<void>;
}

/** A vote on an early warning's buttons (Seeing it too / Not affected here). */
export interface WarningVote {
  teamId: string;
  channelId: string;
  userId: string;
  warningId: string;
  choice: 'seeing' | 'notAffected';
  /** The warning message the button is on. */
  messageTs: string;
}

export interface EarlyWarningPort {
  vote(vote: WarningVote): Promise<void>;
}

export interface WorkspaceLifecyclePort {
  /** The workspace uninstalled the app or revoked its bot token. */
  removed(teamId: string, reason: string): Promise<void>;
}

/** Slack re-sends an event it thinks was missed, and a signed request can be replayed within its 5 minutes. */
export interface RequestLedgerPort {
  /** True the first time this request id is seen (by any replica), false for a retry or a replay. */
  firstTime(requestId: RequestId): Promise<boolean>;
}

/** Slack's once-per-request id: an event's `event_id`, or a command's, click's or submission's `trigger_id`. */
export interface RequestId {
  kind: 'event' | 'trigger';
  id: string;
}

export type { ChecksReport };

export interface ChecksQuery {
  report(): Promise<ChecksReport>;
  /** The report and each check's runs of the last 24 h it was made from (the dashboard's charts). */
  reportWithRuns(): Promise<{ report: ChecksReport; runs: Record<string, RunResult[]> }>;
}

/**
 * `/clerk-status` and the settings modal as use cases. Status and help answer from memory; subscribe,
 * unsubscribe and settings first check, through the caller's Slack directory, that this person may change
 * this channel (a non-guest member, on the admin list when one is set), then change only what they may.
 */

import { catchUpEvents } from '../core/detect/catch-up.js';
import { warningCatchUp } from '../core/early-warning/catch-up.js';
import type { BotEvent } from '../core/events/bot-event.js';
import { renderChecksReply } from '../core/render/checks-reply.js';
import {
  refusalText,
  renderHelp,
  renderJoinNote,
  renderPageNotReadYet,
  renderRefusal,
  renderSettingsSaved,
  renderSubscribed,
  renderUnknownComponents,
  renderUnsubscribed,
  renderUsage,
  withNote,
} from '../core/render/command-replies.js';
import { INCIDENT_STATUS_LABEL } from '../core/render/labels.js';
import { readSettingsForm, renderSettingsModal } from '../core/render/settings-modal.js';
import { renderStatusReply } from '../core/render/status-reply.js';
import type { RenderedMessage } from '../core/render/types.js';
import type { Intent } from '../core/subscriptions/command.js';
import { resolveComponents } from '../core/subscriptions/component-names.js';
import { wants } from '../core/subscriptions/filters.js';
import { type ChannelFacts, refusal } from '../core/subscriptions/permissions.js';
import { defaultSubscription, type Subscription } from '../core/subscriptions/subscription.js';
import type { History } from './history.js';
import { historyReply, typicalNow } from './history-replies.js';
import { type AppHome, probesNow } from './home.js';
import { dmCommand } from './personal-dms.js';
import type {
  ChannelCommandsPort,
  ChecksQuery,
  CommandAnswer,
  CommandContext,
  ProbeQuery,
  SettingsSubmission,
  StatusQuery,
} from './ports/driving.js';
import type { Clock, Log } from './ports/observability.js';
import type { SlackDirectory } from './ports/slack.js';
import type { SubscriptionRepo } from './subscriptions.js';
import { setCommand, type TestPoster, type TextCommandDeps, testCommand } from './text-commands.js';

export interface ChannelCommandsDeps {
  subscriptions: SubscriptionRepo;
  status: StatusQuery;
  home: AppHome;
  clock: Clock;
  statusPageUrl: string;
  staleAfterMs: number;
  /** Empty: any non-guest member of a channel may change its subscription. */
  adminUserIds: string[];
  /** Queues events for delivery (a new subscriber's catch-up on open incidents). */
  enqueue?: (events: BotEvent[]) => Promise<void>;
  log: Log;
  /** What the early-warning probes see; absent when they do not run (the settings modal then offers no switch). */
  probes?: ProbeQuery;
  /** The team's own checks and jobs; absent without CHECKS_FILE. */
  checks?: ChecksQuery;
  /** What the bot has kept of Clerk's incidents and component changes. */
  history?: History;
  /** Posts a message in a channel through the delivery path's sender (pacing, Slack's answers classified). */
  testPost?: TestPoster;
}

export class ChannelCommands implements ChannelCommandsPort {
  constructor(private readonly deps: ChannelCommandsDeps) {}

  answerNow(intent: Intent): { reply: RenderedMessage; inChannel: boolean } | undefined {
    switch (intent.kind) {
      case 'help':
        return { reply: renderHelp(), inChannel: false };
      case 'invalid':
        return { reply: renderUsage(intent.reason), inChannel: false };
      case 'status':
        return {
          inChannel: intent.public,
          reply: renderStatusReply({
            ...this.deps.status.current(),
            now: this.deps.clock.now(),
            staleAfterMs: this.deps.staleAfterMs,
            statusPageUrl: this.deps.statusPageUrl,
            ...probesNow(this.deps.probes),
            typical: typicalNow(this.deps.status, this.deps.history, this.deps.clock.now()),
          }),
        };
      default:
        return undefined;
    }
  }

  async change(intent: Intent, context: CommandContext, directory: SlackDirectory): Promise<CommandAnswer> {
    // Read-only, for the caller alone: no permission needed beyond running the command.
    if (intent.kind === 'checks') return { reply: renderChecksReply(await this.deps.checks?.report()) };
    if (intent.kind === 'history') {
      const { status, history, clock } = this.deps;
      return { reply: await historyReply(status, history, intent.days, clock.now()) };
    }
    // A person's own DMs: no channel permission involved (guests too), it changes nothing for anyone else.
    if (intent.kind === 'dm' || intent.kind === 'dm-off') {
      const dm = {
        ...this.textDeps(),
        components: () => this.deps.status.current().snapshot?.components,
        catchUp: async (s: Subscription) => (await this.catchUp(s)).incidents.length,
      };
      return dmCommand(dm, intent.kind === 'dm' ? intent.components : 'off', context, directory);
    }
    const { refused, channel } = await this.check(context.channelId, context.userId, directory);
    if (refused) return { reply: renderRefusal(refused, context.botUserId) };
    const existing = await this.deps.subscriptions.get(context.teamId, context.channelId);
    switch (intent.kind) {
      case 'unsubscribe': {
        const removed = await this.deps.subscriptions.remove(context.teamId, context.channelId);
        if (removed) this.changed(context, 'unsubscribe');
        return { reply: renderUnsubscribed(removed) };
      }
      case 'settings':
        return {
          modal: renderSettingsModal(
            existing ?? this.fresh(context.teamId, context.channelId, context.userId),
            this.deps.status.current().snapshot?.components ?? [],
            await directory.userGroups(),
            context.channelName,
            { probes: this.deps.probes !== undefined, checks: this.deps.checks !== undefined },
          ),
        };
      case 'set':
        return setCommand(this.textDeps(), intent.key, intent.value, context, existing);
      case 'test':
        return testCommand(this.textDeps(), context);
      case 'subscribe': {
        const answer = await this.subscribe(intent.components, context, existing);
        const joined = answer.subscribed
          ? await this.joinIfNeeded(channel, context.channelId, directory)
          : undefined;
        return answer.reply && joined ? { reply: withNote(answer.reply, joined) } : answer;
      }
      default:
        return {};
    }
  }

  async saveSettings(
    { teamId, userId, botUserId, privateMetadata, values }: SettingsSubmission,
    directory: SlackDirectory,
  ): Promise<{ errors: Record<string, string> } | { confirmation: RenderedMessage; channelId: string }> {
    const components = this.deps.status.current().snapshot?.components ?? [];
    const form = readSettingsForm(privateMetadata, values, components);
    if (!form.ok) return { errors: form.errors };
    if (form.target.teamId !== teamId)
      return { errors: { components: 'This form belongs to another workspace.' } };
    const { channelId } = form.target;
    const { refused, channel } = await this.check(channelId, userId, directory);
    if (refused) return { errors: { components: refusalText(refused, botUserId) } };
    const byId = new Map(components.map((c) => [c.id, c.name]));
    const subscription: Subscription = {
      ...((await this.deps.subscriptions.get(teamId, channelId)) ?? this.fresh(teamId, channelId, userId)),
      componentIds: form.componentIds,
      componentNames: form.componentIds.map((id) => byId.get(id) ?? id),
      minSeverity: form.minSeverity,
      maintenance: form.maintenance,
      ...(form.earlyWarnings === undefined ? {} : { earlyWarnings: form.earlyWarnings }),
      ...(form.checks === undefined ? {} : { checks: form.checks }),
      ...(form.confirmMs === undefined ? {} : { confirmMs: form.confirmMs }),
      ...(form.reminderMs === undefined ? {} : { reminderMs: form.reminderMs }),
      mention: form.mention,
      updatedBy: userId,
      updatedAt: this.nowIso(),
    };
    await this.deps.subscriptions.put(subscription);
    this.deps.log.info({ team: teamId, channel: channelId, user: userId }, 'subscription settings saved');
    void this.deps.home.refresh(teamId);
    const joined = await this.joinIfNeeded(channel, channelId, directory);
    const confirmation = renderSettingsSaved(subscription);
    return { confirmation: joined ? withNote(confirmation, joined) : confirmation, channelId };
  }

  private async subscribe(
    names: string[],
    context: CommandContext,
    existing: Subscription | undefined,
  ): Promise<CommandAnswer & { subscribed?: boolean }> {
    const { snapshot } = this.deps.status.current();
    if (names.length > 0 && !snapshot) {
      return { reply: renderPageNotReadYet() };
    }
    const components = snapshot?.components ?? [];
    const { matched, unknown } = resolveComponents(names, components);
    if (unknown.length > 0) return { reply: renderUnknownComponents(unknown, components) };
    const subscription: Subscription = {
      ...(existing ?? this.fresh(context.teamId, context.channelId, context.userId)),
      componentIds: matched.map((c) => c.id),
      componentNames: matched.map((c) => c.name),
      updatedBy: context.userId,
      updatedAt: this.nowIso(),
    };
    const replaced = await this.deps.subscriptions.put(subscription);
    this.changed(context, 'subscribe');
    const open = await this.catchUp(subscription);
    const openNow = [
      ...open.incidents.map((e) => ({
        name: e.incident.name,
        status: INCIDENT_STATUS_LABEL[e.incident.status],
      })),
      ...(open.warning ? [{ name: 'Early warning (unconfirmed)', status: 'Clerk failing from here' }] : []),
    ];
    return { reply: renderSubscribed(subscription, replaced, openNow), subscribed: true };
  }

  /** The open incidents this channel now follows: queued so the channel gets each one's parent, as it stands. */
  private async catchUp(subscription: Subscription) {
    const snapshot = this.deps.status.current().snapshot;
    if (!this.deps.enqueue) return { incidents: [], warning: false };
    const incidents = snapshot
      ? catchUpEvents(snapshot, subscription).filter((e) => wants(subscription, e))
      : [];
    const warning = warningCatchUp(
      this.deps.probes?.current(),
      subscription.teamId,
      subscription.channelId,
    ).filter((e) => wants(subscription, e));
    if (incidents.length + warning.length > 0) await this.deps.enqueue([...incidents, ...warning]);
    return { incidents, warning: warning.length > 0 };
  }

  private async check(channelId: string, userId: string, directory: SlackDirectory) {
    const channel = await directory.channel(channelId);
    const user =
      channel.visible && !channel.isIm
        ? await directory.user(channelId, userId)
        : { id: userId, isGuest: false, isMember: false };
    return { refused: refusal(channel, user, this.deps.adminUserIds), channel };
  }

  /**
   * A public channel the bot is not in: join it, so it can look its own posts up after a Slack failure. When it
   * cannot (workspace policy), the subscription still works; the reply says what that costs.
   */
  private async joinIfNeeded(channel: ChannelFacts, channelId: string, directory: SlackDirectory) {
    if (channel.isPrivate || channel.botIsMember) return undefined;
    const joined = await directory.join(channelId);
    if (joined.joined) return undefined;
    this.deps.log.warn(
      { channel: channelId, reason: joined.reason },
      'could not join a subscribed public channel',
    );
    return renderJoinNote(joined.reason);
  }

  private textDeps(): TextCommandDeps {
    return {
      subscriptions: this.deps.subscriptions,
      statusPageUrl: this.deps.statusPageUrl,
      nowIso: () => this.nowIso(),
      changed: (context, command) => this.changed(context, command),
      ...(this.deps.testPost ? { testPost: this.deps.testPost } : {}),
    };
  }

  private changed(context: CommandContext, command: string): void {
    this.deps.log.info(
      { team: context.teamId, channel: context.channelId, user: context.userId, command },
      'subscription changed',
    );
    void this.deps.home.refresh(context.teamId);
  }

  private fresh(teamId: string, channelId: string, userId: string): Subscription {
    return defaultSubscription(teamId, channelId, userId, this.nowIso());
  }

  private nowIso(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}

/**
 * Slack, as the use cases need it: sending and finding messages, App Home, the directory the permission rule reads,
 * and the installations of a multi-workspace install. Adapters: adapters/slack/.
 */
import type { UserGroup } from '../../core/render/settings-modal.js';
import type { ChannelFacts, UserFacts } from '../../core/subscriptions/permissions.js';

export interface OutgoingMessage {
  text: string;
  blocks: unknown[];
}

/**
 * Slack, as delivery needs it. Failures throw SlackSendError, classified by what they mean for the
 * delivery; pacing and rate limits are the sender's business.
 */
export interface MessageSender {
  post(
    teamId: string,
    channelId: string,
    message: OutgoingMessage,
    options: {
      deliveryId: string;
      threadTs?: string;
      broadcast?: boolean;
      /**
       * Runs after every wait (pacing, Retry-After), immediately before the call; a throw means "do not send". The
       * delivery's claim is renewed here, so a process paused past its claim never sends.
       */
      beforeCall?: () => Promise<void>;
    },
  ): Promise<{ ts: string }>;
  update(teamId: string, channelId: string, ts: string, message: OutgoingMessage): Promise<void>;
  /**
   * The ts of a message we posted earlier with this delivery id in its metadata, if Slack has it. Looks no further
   * back than `oldestMs` (when the delivery was first claimed), paging until it passes it.
   */
  find(
    teamId: string,
    channelId: string,
    deliveryId: string,
    options: { threadTs?: string; oldestMs: number },
  ): Promise<string | undefined>;
  /** Every message carrying this delivery id (normally one; more only after a paused process's late send). */
  findAll(
    teamId: string,
    channelId: string,
    deliveryId: string,
    options: { threadTs?: string; oldestMs: number },
  ): Promise<string[]>;
  /** Deletes one of the bot's own messages. */
  delete(teamId: string, channelId: string, ts: string): Promise<void>;
}

/** Publishes a user's App Home view in a workspace. */
export interface HomePublisher {
  publish(teamId: string, userId: string, view: unknown): Promise<void>;
}

/** What the permission rule needs from Slack, looked up with the requesting workspace's client. */
export interface SlackDirectory {
  channel(channelId: string): Promise<ChannelFacts>;
  user(channelId: string, userId: string): Promise<UserFacts>;
  /** The workspace's user groups (empty when the scope is missing). */
  userGroups(): Promise<UserGroup[]>;
  /** Joins a public channel, so the bot can look its own posts up there; why not, when it could not. */
  join(channelId: string): Promise<{ joined: true } | { joined: false; reason: string }>;
  /** Opens (or finds) the bot's direct-message channel with this user (conversations.open, scope im:write). */
  openDirectMessage(userId: string): Promise<{ channelId: string } | { reason: string }>;
}

/** Installations of a multi-workspace (OAuth) install. */
export interface Installations {
  remove(teamId: string): Promise<void>;
}

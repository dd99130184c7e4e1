/**
 * What the fake Slack knows: channels, users, user groups, messages with threads, edits and metadata, OAuth
 * grants and tokens. The Web API method handlers read and change it; tests read it back as transcripts.
 */
import type { FakeChannel, FakeMessage, FakeUser, SlackActivity } from './types.js';

export class FakeWorkspace {
  /** Called for every post, reply and edit (the simulator prints them). */
  onActivity: ((activity: SlackActivity) => void) | undefined;
  readonly messages: FakeMessage[] = [];
  /** Messages the bot deleted itself (chat.delete), so a test can tell a repaired duplicate from none at all. */
  readonly deletedByBot: FakeMessage[] = [];
  readonly channels = new Map<string, FakeChannel>();
  readonly users = new Map<string, FakeUser>();
  userGroups: { id: string; handle: string }[] = [{ id: 'S0ONCALL', handle: 'oncall' }];
  teamId = 'T0TEAM';
  /** Workspaces the OAuth flow can install into: code → what oauth.v2.access answers. */
  readonly oauthCodes = new Map<string, { teamId: string; token: string; botUserId: string }>();
  /** Where apps.connections.open sends Socket Mode clients. */
  socketModeUrl: string | undefined;
  /** Token → workspace, for auth.test and to tell workspaces apart in recorded calls. */
  readonly tokenTeams = new Map<string, string>();
  botUserId = 'U0BOT';
  private tsCounter = 0;
  /** channel + ts → message, so a large fan-out is not slowed by the fake's own lookups. */
  private readonly byTs = new Map<string, FakeMessage>();

  /** Adds a message Slack accepted. */
  add(message: FakeMessage): void {
    this.messages.push(message);
    this.byTs.set(`${message.channel} ${message.ts}`, message);
  }

  /** The message at this ts in this channel, if Slack has it. */
  find(channel: string, ts: string): FakeMessage | undefined {
    return this.byTs.get(`${channel} ${ts}`);
  }

  addChannel(channel: FakeChannel): void {
    this.channels.set(channel.id, { botIsMember: !channel.isPrivate, members: [], ...channel });
  }

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** A message already in Slack (posted before the test began), with its ts. */
  seed(message: Pick<FakeMessage, 'channel' | 'ts' | 'text'> & Partial<FakeMessage>): void {
    this.add({ edits: [], team: '', ...message });
  }

  nextTs(): string {
    this.tsCounter += 1;
    return `${1_800_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, '0')}`;
  }

  /** Someone deletes a message in Slack. */
  deleteMessage(channel: string, ts: string): void {
    const index = this.messages.findIndex((m) => m.channel === channel && m.ts === ts);
    if (index >= 0) this.messages.splice(index, 1);
    this.byTs.delete(`${channel} ${ts}`);
  }

  /** Every message id the bot attached, to prove none was posted twice. */
  deliveryIds(): string[] {
    return this.messages.flatMap((m) => {
      const id = m.metadata?.event_payload.delivery_id;
      return typeof id === 'string' ? [id] : [];
    });
  }

  /** A channel as people see it: parents with their thread replies indented, edits and broadcasts marked. */
  transcript(channel: string): string[] {
    const lines: string[] = [];
    for (const parent of this.parents(channel)) {
      lines.push(`${parent.text}${parent.edits.length > 0 ? ` [edited ${parent.edits.length}x]` : ''}`);
      for (const reply of this.replies(channel, parent.ts))
        lines.push(`  ${reply.replyBroadcast ? '(broadcast) ' : ''}${reply.text}`);
    }
    return lines;
  }

  /** Top-level messages of a channel, oldest first. */
  parents(channel: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && !m.threadTs);
  }

  replies(channel: string, threadTs: string): FakeMessage[] {
    return this.messages.filter((m) => m.channel === channel && m.threadTs === threadTs);
  }

  /** Every one of `channels` has a parent whose thread holds at least `replies` replies (a condition to wait on). */
  everyThreadHas(channels: string[], replies: number): boolean {
    return channels.every((c) => {
      const parent = this.parents(c)[0];
      return parent !== undefined && this.replies(c, parent.ts).length >= replies;
    });
  }
}

import type { FakeWorkspace } from '../workspace.js';

/** One Web API method of the fake: the call's arguments (and token) → Slack's JSON answer. */
export type MethodHandler = (
  slack: FakeWorkspace,
  args: Record<string, unknown>,
  token: string | undefined,
) => Record<string, unknown>;

export type MethodTable = Record<string, MethodHandler>;

/**
 * The OAuth state, single use on the server: Bolt's default state is signed and expires but can be replayed
 * (the same state and cookie install twice). Signing and expiry stay the SDK's; the first verification claims
 * the state in the bot's store (every replica sees the claim), and any later one is refused.
 */
import { createHash } from 'node:crypto';
import type { InstallURLOptions, StateStore } from '@slack/oauth';
// A CommonJS package whose `export *` Node cannot see as named ESM exports: take its classes off the default.
import oauth from '@slack/oauth';
import type { Store } from '../../app/ports/store.js';
import { storeKey } from '../../core/store-keys.js';

const { ClearStateStore, InvalidStateError } = oauth;

/** How long an install link works, and how long its claim is kept. */
export const OAUTH_STATE_TTL_SECONDS = 600;

export class SingleUseStateStore implements StateStore {
  private readonly signed: InstanceType<typeof ClearStateStore>;

  constructor(
    stateSecret: string,
    private readonly store: Store,
  ) {
    this.signed = new ClearStateStore(stateSecret, OAUTH_STATE_TTL_SECONDS);
  }

  generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
    return this.signed.generateStateParam(installOptions, now);
  }

  async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
    const options = await this.signed.verifyStateParam(now, state); // signature and expiry
    const key = storeKey('oauth-state', createHash('sha256').update(state).digest('hex'));
    const first = await this.store.setIfAbsent(key, now.toISOString(), OAUTH_STATE_TTL_SECONDS * 1000);
    if (!first)
      throw new InvalidStateError('This install link was already used: start again from /slack/install');
    return options;
  }
}

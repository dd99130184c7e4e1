/**
 * Bolt's installation store for multi-workspace installs, on the bot's own store (file or Redis), so every
 * replica sees every install. Tokens are secrets at rest: protect the state file or the Redis instance.
 */
import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Installations } from '../../app/ports/slack.js';
import type { Store } from '../../app/ports/store.js';
import { storeKey } from '../../core/store-keys.js';

type AnyInstallation = Installation<'v1' | 'v2', boolean>;

function keyFor(query: {
  isEnterpriseInstall?: boolean;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}): string {
  if (query.isEnterpriseInstall && query.enterpriseId)
    return storeKey('installation', 'enterprise', query.enterpriseId);
  if (query.teamId) return storeKey('installation', 'team', query.teamId);
  throw new Error('An installation needs a team or an enterprise id');
}

export class StoreInstallationStore implements InstallationStore, Installations {
  constructor(private readonly store: Store) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const key = keyFor({
      isEnterpriseInstall: installation.isEnterpriseInstall ?? false,
      enterpriseId: installation.enterprise?.id,
      teamId: installation.team?.id,
    });
    await this.store.set(key, installation);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const found = await this.store.get<AnyInstallation>(keyFor(query));
    if (!found) throw new Error(`No installation for ${query.teamId ?? query.enterpriseId}`);
    return found;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.store.delete(keyFor(query));
  }

  async remove(teamId: string): Promise<void> {
    await this.store.delete(keyFor({ teamId }));
  }

  /** The bot token a workspace installed us with, if it did. */
  async botToken(teamId: string): Promise<string | undefined> {
    return (await this.store.get<AnyInstallation>(keyFor({ teamId })))?.bot?.token;
  }
}

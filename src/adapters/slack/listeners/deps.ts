import type {
  AppHomePort,
  ChannelCommandsPort,
  EarlyWarningPort,
  RequestLedgerPort,
  WorkspaceLifecyclePort,
} from '../../../app/ports/driving.js';
import type { Log } from '../../../app/ports/observability.js';

/** The use cases the listeners translate requests into; built once in start.ts. */
export interface ListenerDeps {
  commands: ChannelCommandsPort;
  home: AppHomePort;
  lifecycle: WorkspaceLifecyclePort;
  earlyWarning: EarlyWarningPort;
  ledger: RequestLedgerPort;
  log: Log;
}

import type {
  AppHomePort,
  ChannelCommandsPort,
  EarlyWarningPort,
  Log,
  WorkspaceLifecyclePort,
} from '../../../app/ports.js';

/** The use cases the listeners translate requests into; built once in start.ts. */
export interface ListenerDeps {
  commands: ChannelCommandsPort;
  home: AppHomePort;
  lifecycle: WorkspaceLifecyclePort;
  earlyWarning: EarlyWarningPort;
  log: Log;
}

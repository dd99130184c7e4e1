/** The console as a destination: console mode's readable change lines on stdout (or where the options say). */
import { ConsoleSink } from '../../adapters/console-sink.js';
import type { BuiltDestination, Runtime } from '../runtime.js';

export function consoleLines(rt: Runtime): BuiltDestination | undefined {
  if (rt.config.slack.mode !== 'console') return undefined;
  const sink = new ConsoleSink(rt.options.consoleOut);
  return { destination: sink, polled: (snapshot, nowIso) => sink.polled(snapshot, nowIso) };
}

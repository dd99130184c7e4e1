/**
 * Preloaded into a bot process (`node --import`) by fault tests: the wall clock as the operating system would show it
 * after an NTP step or a manual change. `Date.now()` and `new Date()` read the real clock plus the offset (ms) written
 * in the file named by WALL_CLOCK_SHIFT_FILE, re-read every 20 ms; timers and `performance.now()` keep running
 * steadily, as they do when a real wall clock jumps. Nothing of the bot's own is replaced.
 */
import { readFileSync } from 'node:fs';

const file = process.env.WALL_CLOCK_SHIFT_FILE;
const RealDate = Date;
let offset = 0;
const read = () => {
  try {
    offset = Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    offset = 0;
  }
};
if (file) {
  read();
  setInterval(read, 20).unref();
  // A function, not a subclass: `Date()` called without `new` must still answer a string.
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(RealDate.now() + offset).toString();
    return args.length === 0 ? new RealDate(RealDate.now() + offset) : new RealDate(...args);
  }
  ShiftedDate.prototype = RealDate.prototype;
  ShiftedDate.now = () => RealDate.now() + offset;
  ShiftedDate.parse = RealDate.parse;
  ShiftedDate.UTC = RealDate.UTC;
  globalThis.Date = ShiftedDate;
}

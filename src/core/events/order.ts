/**
 * Plain code-unit ordering for ISO timestamps, ids and names. Not `localeCompare`: locale collation is not what
 * ordering times and ids means (it depends on the process's locale), and it loads ICU's collation data into every
 * process that polls.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * CHECKS_FILE: the team's own scheduled HTTP checks and jobs, as YAML (CONTRACT, "Checks file"). Parsed with `yaml`,
 * `${VAR}` expanded from the environment in string values (after parsing, so a value can never change the file's
 * structure), validated by zod; a bad file stops start-up with every problem listed, like a bad environment. Only
 * this file defines URLs: no Slack command can add or change one.
 */
import { readFileSync } from 'node:fs';
import cron from 'node-cron';
import { parseDocument } from 'yaml';
import { z } from 'zod';
import type {
  CheckDefinition,
  ChecksConfig,
  JobDefinition,
  Schedule,
  ScheduledCall,
} from './core/checks/definitions.js';

export type { CheckDefinition, ChecksConfig, JobDefinition, Schedule };

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "1m", "30s", "500ms", "2h" → ms; undefined when it is not a duration. */
export function durationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN));
}

const duration = (min: number, max: number, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx) => {
      const ms = durationMs(text);
      if (ms === undefined || ms < min || ms > max) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a duration from ${min / 1000}s to ${max / 1000}s, like "10s" or "1m"`,
        });
        return z.NEVER;
      }
      return ms;
    });

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const common = {
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  every: z.string().optional(),
  cron: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
};

const checkSchema = z.strictObject({
  ...common,
  method: z.enum(METHODS).default('GET'),
  timeout: duration(100, 60_000, '10s'),
  expect: z
    .strictObject({
      status: z.number().int().min(100).max(599).optional(),
      body: z.string().min(1).optional(),
    })
    .default({}),
  failures: z.number().int().min(1).max(100).default(2),
});

const jobSchema = z.strictObject({
  ...common,
  method: z.enum(METHODS).default('POST'),
  timeout: duration(100, 300_000, '30s'),
  retries: z.number().int().min(0).max(10).default(3),
  holdWhileClerkDown: z.boolean().default(false),
});

const fileSchema = z.strictObject({
  checks: z.array(checkSchema).default([]),
  jobs: z.array(jobSchema).default([]),
});

type Problems = string[];

/** `every` or `cron`, exactly one: every at least 1 s (a check) and at most a day; cron as node-cron reads it. */
function scheduleOf(entry: { every?: string; cron?: string }, where: string, problems: Problems): Schedule {
  if ((entry.every === undefined) === (entry.cron === undefined)) {
    problems.push(`${where}: give exactly one of "every" (like 1m) or "cron" (like "*/5 * * * *")`);
    return { kind: 'every', ms: 60_000 };
  }
  if (entry.cron !== undefined) {
    if (!cron.validate(entry.cron))
      problems.push(`${where}.cron: "${entry.cron}" is not a valid cron expression`);
    return { kind: 'cron', expression: entry.cron };
  }
  const ms = durationMs(entry.every ?? '');
  if (ms === undefined || ms < 1_000 || ms > 86_400_000)
    problems.push(`${where}.every: must be a duration from 1s to 24h, like "30s" or "1m"`);
  return { kind: 'every', ms: ms ?? 60_000 };
}

/** `${VAR}` in every string value, from `env`; an unset variable is a problem, named with where it was used. */
function expand(
  value: unknown,
  path: string,
  env: Record<string, string | undefined>,
  problems: Problems,
): unknown {
  if (typeof value === 'string')
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_all, name: string) => {
      const found = env[name];
      if (found === undefined) problems.push(`${path}: \${${name}} is not set in the environment`);
      return found ?? '';
    });
  if (Array.isArray(value)) return value.map((v, i) => expand(v, `${path}[${i}]`, env, problems));
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, expand(v, path ? `${path}.${k}` : k, env, problems)]),
    );
  return value;
}

function duplicates(names: string[], what: string, problems: Problems): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push(`${what}: the name "${name}" is used twice (names must be unique)`);
    seen.add(name);
  }
}

/** The file's text → its definitions, or every problem found (each with where it is). */
export function parseChecksFile(
  text: string,
  env: Record<string, string | undefined>,
): { ok: true; config: ChecksConfig } | { ok: false; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) return { ok: false, problems: doc.errors.map((e) => `YAML: ${e.message}`) };
  const problems: Problems = [];
  const expanded = expand(doc.toJS() ?? {}, '', env, problems);
  const parsed = fileSchema.safeParse(expanded);
  if (!parsed.success)
    return {
      ok: false,
      problems: [
        ...problems,
        ...parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`),
      ],
    };
  const call = (
    e: z.infer<typeof checkSchema> | z.infer<typeof jobSchema>,
    where: string,
  ): ScheduledCall => ({
    name: e.name,
    url: e.url,
    schedule: scheduleOf(e, where, problems),
    method: e.method,
    headers: e.headers,
    timeoutMs: e.timeout,
  });
  const checks = parsed.data.checks.map(
    (c, i): CheckDefinition => ({
      ...call(c, `checks[${i}]`),
      expect: {
        ...(c.expect.status !== undefined ? { status: c.expect.status } : {}),
        ...(c.expect.body !== undefined ? { body: c.expect.body } : {}),
      },
      failures: c.failures,
    }),
  );
  const jobs = parsed.data.jobs.map(
    (j, i): JobDefinition => ({
      ...call(j, `jobs[${i}]`),
      retries: j.retries,
      holdWhileClerkDown: j.holdWhileClerkDown,
    }),
  );
  duplicates(
    checks.map((c) => c.name),
    'checks',
    problems,
  );
  duplicates(
    jobs.map((j) => j.name),
    'jobs',
    problems,
  );
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config: { checks, jobs } };
}

/** CHECKS_FILE read and parsed once, at start; its problems are listed with the environment's. */
export function readChecksFile(
  path: string | undefined,
  env: Record<string, string | undefined>,
): ReturnType<typeof parseChecksFile> | undefined {
  if (!path) return undefined;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? 'unreadable';
    return { ok: false, problems: [`CHECKS_FILE: cannot read ${path} (${code})`] };
  }
  const parsed = parseChecksFile(text, env);
  return parsed.ok
    ? parsed
    : { ok: false, problems: parsed.problems.map((p) => `CHECKS_FILE ${path}: ${p}`) };
}

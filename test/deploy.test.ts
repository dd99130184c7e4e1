/**
 * No Docker engine, Kubernetes or Prometheus runs here, so the deploy examples are checked against the code:
 * every file parses, every env name is one the config reads, ports and probe paths are the bot's, the grace
 * period covers the bot's shutdown bound, and every alert names a metric the bot exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { Metrics } from '../src/adapters/metrics.js';
import { envSchema } from '../src/config.js';

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, 'deploy', file), 'utf8');
const ENV_NAMES = new Set(Object.keys(envSchema.shape));
const routes = readFileSync(join(root, 'src/adapters/http/routes.ts'), 'utf8');
const shutdownMs = Number(
  /SHUTDOWN_GRACE_MS = ([\d_]+)/
    .exec(readFileSync(join(root, 'src/main.ts'), 'utf8'))?.[1]
    ?.replaceAll('_', ''),
);

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML of a known shape, checked field by field below
type Obj = Record<string, any>;
const compose = parse(read('compose.yaml')) as Obj;
const k8s = parseAllDocuments(read('kubernetes/clerk-status-bot.yaml')).map((d) => d.toJSON() as Obj);
const byKind = (kind: string) => k8s.find((d) => d.kind === kind) as Obj;

describe('deploy/', () => {
  it('parses every file', () => {
    const files = [
      'compose.yaml',
      'kubernetes/clerk-status-bot.yaml',
      'prometheus/prometheus.yml',
      'prometheus/alerts.yml',
    ];
    expect(readdirSync(join(root, 'deploy')).sort()).toEqual([
      'bot.env.example',
      'compose.yaml',
      'kubernetes',
      'prometheus',
    ]);
    for (const file of files)
      expect(() => parseAllDocuments(read(file)).map((d) => d.toJSON()), file).not.toThrow();
    expect(k8s.map((d) => d.kind).sort()).toEqual(['Deployment', 'PodDisruptionBudget', 'Service']);
  });

  it('uses only env names the config reads', () => {
    const container = byKind('Deployment').spec.template.spec.containers[0];
    const names = [
      ...Object.keys(compose.services.bot.environment),
      ...container.env.map((e: Obj) => e.name),
      ...[...read('kubernetes/clerk-status-bot.yaml').matchAll(/--from-literal=([A-Z_]+)=/g)].map(
        (m) => m[1] as string,
      ),
      ...[...read('bot.env.example').matchAll(/^#?\s*([A-Z_]+)=/gm)].map((m) => m[1] as string),
    ];
    expect(names.length).toBeGreaterThan(8);
    for (const name of names) expect(ENV_NAMES, name).toContain(name);
  });

  it('compose: the bot on Redis, healthchecks on /healthz, a volume, restart policy, secrets from an env file', () => {
    const { bot, redis } = compose.services;
    expect(bot.environment.STORE_URL).toMatch(/^redis:\/\/redis:6379/);
    expect(bot.env_file).toBe('bot.env');
    // `--scale bot=2` needs a host port per replica: a range, never one fixed host port.
    const [hostPorts, containerPort] = String(bot.ports[0]).split(':');
    expect(containerPort).toBe(bot.environment.PORT);
    expect(hostPorts).toMatch(/^\d+-\d+$/);
    const [from, to] = String(hostPorts).split('-').map(Number);
    expect(Number(to) - Number(from)).toBeGreaterThanOrEqual(1);
    expect(bot.expose).toContain(bot.environment.METRICS_PORT);
    expect(bot.healthcheck.test.join(' ')).toContain(`127.0.0.1:${bot.environment.PORT}/healthz`);
    expect(bot.depends_on.redis.condition).toBe('service_healthy');
    expect([bot.restart, redis.restart]).toEqual(['unless-stopped', 'unless-stopped']);
    expect(redis.volumes[0]).toMatch(/^redis-data:/);
    // Redis keeps its data across restarts and never evicts the bot's keys.
    expect(redis.command.join(' ')).toMatch(/--appendonly yes.*--maxmemory-policy noeviction/);
    expect(Object.keys(compose.volumes)).toEqual(['redis-data']);
  });

  it('kubernetes: probes on the bot’s endpoints and ports, a drain delay, a grace period above the shutdown bound', () => {
    const pod = byKind('Deployment').spec.template.spec;
    const container = pod.containers[0];
    const env = Object.fromEntries(container.env.map((e: Obj) => [e.name, e.value]));
    const port = (name: string) => container.ports.find((p: Obj) => p.name === name).containerPort;
    expect(String(port('http'))).toBe(env.PORT);
    expect(String(port('metrics'))).toBe(env.METRICS_PORT);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    for (const path of ['/healthz', '/readyz']) expect(routes).toContain(`path: '${path}'`);
    expect(env.STORE_URL).toMatch(/^redis:\/\//); // more than one replica needs Redis
    expect(byKind('Deployment').spec.replicas).toBeGreaterThan(1);
    const preStop = container.lifecycle.preStop.sleep.seconds as number;
    expect(shutdownMs).toBeGreaterThan(0);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(preStop + shutdownMs / 1000);
    expect(byKind('PodDisruptionBudget').spec.minAvailable).toBe(1);
  });

  it('kubernetes: holds no Secret (applying it never overwrites real tokens) and names an image to build and push', () => {
    const file = read('kubernetes/clerk-status-bot.yaml');
    expect(file).not.toMatch(/replace-me/);
    // The literal `${IMAGE}` that envsubst fills in, not a template string.
    expect(byKind('Deployment').spec.template.spec.containers[0].image).toBe(`$${'{IMAGE}'}`);
    expect(file).toMatch(/docker build -t "\$IMAGE" \. && docker push "\$IMAGE"/);
    expect(file).toMatch(
      /envsubst '\$IMAGE' < deploy\/kubernetes\/clerk-status-bot\.yaml \| kubectl apply -f -/,
    );
    expect(file).toMatch(/kubectl create secret generic clerk-status-bot/);
  });

  it('prometheus: scrapes the metrics port, and every alert names a metric the bot exports', async () => {
    const scrape = parse(read('prometheus/prometheus.yml')) as Obj;
    expect(scrape.scrape_configs[0].static_configs[0].targets[0]).toBe(
      `bot:${compose.services.bot.environment.METRICS_PORT}`,
    );
    const metrics = new Metrics({ earlyWarning: true });
    const exported = new Set((await metrics.registry.getMetricsAsJSON()).map((m) => m.name));
    const rules = (parse(read('prometheus/alerts.yml')) as Obj).groups.flatMap((g: Obj) => g.rules);
    expect(rules.length).toBeGreaterThanOrEqual(3);
    const job = scrape.scrape_configs[0].job_name as string;
    for (const rule of rules) {
      const names = [...String(rule.expr).matchAll(/\bclerk_status_[a-z_]+/g)].map((m) => m[0]);
      // An alert on the bot being down can name no metric of the bot's: it watches the scrape itself.
      if (names.length === 0) expect(String(rule.expr), rule.alert).toContain(`up{job="${job}"}`);
      for (const name of names) expect(exported, `${rule.alert}: ${name}`).toContain(name);
    }
    const exprs = rules.map((r: Obj) => String(r.expr));
    expect(exprs).toContain(`up{job="${job}"} == 0`);
    expect(exprs).toContain(`absent(up{job="${job}"})`);
  });
});

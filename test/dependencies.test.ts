/** Dependency hygiene: one copy of each Slack package, pinned, and Renovate moving them together. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const json = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const pkg = json('package.json');
const lock = json('package-lock.json') as { packages: Record<string, { version?: string }> };
const renovate = json('renovate.json') as {
  packageRules: { groupName?: string; matchPackageNames?: string[] }[];
};

describe('dependencies', () => {
  it('pins every direct dependency to an exact version', () => {
    for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }))
      expect(range, name).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('holds one copy of each Slack package, the one Bolt uses', () => {
    const nested = Object.keys(lock.packages).filter((path) =>
      /node_modules\/.+\/node_modules\/@slack\//.test(path),
    );
    expect(nested).toEqual([]);
    for (const name of Object.keys(pkg.dependencies).filter((n) => n.startsWith('@slack/')))
      expect(lock.packages[`node_modules/${name}`]?.version, name).toBe(pkg.dependencies[name]);
  });

  it('has Renovate update the Slack packages as one group', () => {
    const group = renovate.packageRules.find((rule) => rule.groupName === 'Slack SDK');
    expect(group?.matchPackageNames).toEqual(['@slack/**']);
  });
});

/**
 * The import rules of DESIGN.md, enforced by `npm run lint` (CI fails when one is broken):
 * core → core only (plus zod and Slack's type package); app → core and its own modules, never adapters or
 * packages; adapters → app/ports and core, never other use cases; only start.ts and main.ts wire adapters into
 * the app; nothing in src imports devkit/ or test/, and devkit never imports test/.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'src/core imports only src/core (and zod, @slack/types, slackify-markdown: pure libraries): no I/O, no app, no adapters.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/(zod|@slack/types|slackify-markdown)/'] },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'app-uses-core-and-ports',
      comment: 'src/app is the use cases: it reaches the world only through app/ports.ts.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { pathNot: ['^src/app/', '^src/core/'] },
    },
    {
      name: 'app-no-node-builtins',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'adapters-use-ports-not-use-cases',
      comment: 'Adapters implement ports and read core types; they never call a use case directly.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/app/', pathNot: '^src/app/ports\\.ts$' },
    },
    {
      name: 'only-the-composition-root-wires',
      comment:
        'Only the composition root (start.ts, start-slack.ts) and main.ts import start, config or adapters.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/start[-a-z]*\\.ts$', '^src/main\\.ts$', '^src/adapters/'] },
      to: { path: ['^src/adapters/', '^src/start[-a-z]*\\.ts$', '^src/config\\.ts$', '^src/main\\.ts$'] },
    },
    {
      name: 'adapters-take-options-not-config',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/config\\.ts$', '^src/start[-a-z]*\\.ts$', '^src/main\\.ts$'] },
    },
    {
      name: 'src-never-imports-devkit-or-test',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: ['^devkit/', '^test/', '^bench/', '^scripts/'] },
    },
    {
      name: 'devkit-never-imports-test',
      severity: 'error',
      from: { path: '^devkit/' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};

/**
 * The import rules of DESIGN.md, enforced by `npm run lint` (CI fails when one is broken):
 * core → core only (plus zod and Slack's type package); app → core and its own modules, never adapters or
 * packages; adapters → app/ports and core, never other use cases; only src/compose/ and main.ts wire adapters into
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
      comment:
        'src/app is the use cases: it reaches the world only through app/ports/ (one file per outside system).',
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
      to: { path: '^src/app/', pathNot: '^src/app/ports/' },
    },
    {
      name: 'only-the-composition-root-wires',
      comment: 'Only the composition root (src/compose/) and main.ts import the root, config or adapters.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/compose/', '^src/main\\.ts$', '^src/adapters/'] },
      to: { path: ['^src/adapters/', '^src/compose/', '^src/config\\.ts$', '^src/main\\.ts$'] },
    },
    {
      name: 'adapters-take-options-not-config',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: ['^src/config\\.ts$', '^src/compose/', '^src/main\\.ts$'] },
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
    // The core's stages import one way: events (and the leaf files) at the base, then the page model's parsing,
    // then detection, then subscriptions and tips, then planning (and the delivery policy), then rendering on top.
    {
      name: 'core-events-is-the-base',
      comment: 'src/core/events is the vocabulary every stage shares: it imports nothing above it.',
      severity: 'error',
      from: { path: '^src/core/(events/|errors\\.ts|store-keys\\.ts|timing\\.ts)' },
      to: { path: '^src/core/', pathNot: '^src/core/(events/|errors\\.ts|store-keys\\.ts|timing\\.ts)' },
    },
    {
      name: 'core-status-page-below-detection',
      severity: 'error',
      from: { path: '^src/core/status-page/' },
      to: { path: '^src/core/(detect|early-warning|subscriptions|tips|plan|deliver|render)' },
    },
    {
      name: 'core-detection-below-planning',
      severity: 'error',
      from: { path: '^src/core/(detect|early-warning)/' },
      to: { path: '^src/core/(subscriptions|tips|plan|deliver|render)' },
    },
    {
      name: 'core-detect-and-early-warning-are-siblings',
      comment: 'Two detectors over the same vocabulary: neither imports the other.',
      severity: 'error',
      from: { path: '^src/core/(detect|early-warning)/' },
      to: { path: '^src/core/(detect|early-warning)/', pathNot: '^src/core/$1/' },
    },
    {
      name: 'core-subscriptions-below-planning',
      severity: 'error',
      from: { path: '^src/core/(subscriptions/|tips\\.ts)' },
      to: { path: '^src/core/(plan|deliver|render|detect|early-warning|status-page)' },
    },
    {
      name: 'core-plan-below-render',
      comment: 'The planner says what to send (a MessageSpec); render/ draws it. The planner never draws.',
      severity: 'error',
      from: { path: '^src/core/(plan|deliver)/' },
      to: { path: '^src/core/render/' },
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

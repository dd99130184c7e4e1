/**
 * The shape of the tree, checked: the core is pure (no clock, timers, randomness, process or node: I/O),
 * and no source file or function grows past the size that keeps it readable, unless it says why in place.
 * The import rules between layers are checked by dependency-cruiser in `npm run lint`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.ES2023, true);
}

/** Code with comments and string contents blanked, so a comment that names Date.now is not a use of it. */
function codeOnly(file: string): string {
  const text = readFileSync(join(root, file), 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.ES2023, false, ts.LanguageVariant.Standard, text);
  let out = '';
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    const token = scanner.getTokenText();
    if (kind === ts.SyntaxKind.SingleLineCommentTrivia || kind === ts.SyntaxKind.MultiLineCommentTrivia)
      continue;
    if (kind === ts.SyntaxKind.StringLiteral && /^['"]node:/.test(token)) out += ` ${token} `;
    else if (kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral)
      out += ' "" ';
    else out += ` ${token} `;
  }
  return out.replace(/\s+/g, ' ');
}

const IMPURE: [RegExp, string][] = [
  [/\bDate \. now\b/, 'Date.now (the clock)'],
  [/\bnew Date \( \)/, 'new Date() (the clock)'],
  [/\bperformance \. now\b/, 'performance.now (the clock)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'a timer'],
  [/\bMath \. random\b/, 'Math.random'],
  [/\bcrypto\b/, 'crypto (randomness)'],
  [/\bprocess\b/, 'process (env, argv, exit)'],
  [/['"]node:/, 'a node: module'],
  [/\brequire \(|\bimport \(/, 'a dynamic import'],
];

describe('the functional core', () => {
  it.each(sources('src/core'))('%s uses no clock, timer, randomness, process or node: module', (file) => {
    const code = codeOnly(file);
    const found = IMPURE.filter(([pattern]) => pattern.test(code)).map(([, what]) => what);
    expect(found).toEqual([]);
  });

  it('the purity check itself catches each impurity', () => {
    const samples = [
      'Date.now()',
      'new Date()',
      'setTimeout(f, 1)',
      'Math.random()',
      'process.env.X',
      "import x from 'node:fs'",
    ];
    for (const sample of samples) {
      const tokens = sample.replace(/([().])/g, ' $1 ').replace(/\s+/g, ' ');
      expect(
        IMPURE.some(([pattern]) => pattern.test(tokens)),
        sample,
      ).toBe(true);
    }
    expect(IMPURE.some(([pattern]) => pattern.test('new Date ( iso )'))).toBe(false);
  });
});

/** A function may be longer when the line before it says why: `// long-function: <reason>`. */
function longFunctions(file: string): string[] {
  const source = parse(file);
  const lines = source.getFullText().split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const excused = /long-function:/.test(lines[start - 1] ?? '');
      if (end - start + 1 > MAX_FUNCTION_LINES && !excused)
        found.push(`line ${start + 1}: ${end - start + 1} lines`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('size', () => {
  const files = sources('src');

  it.each(files)(`%s has at most ${MAX_FILE_LINES} lines, or says why`, (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    const lines = text.split('\n').length;
    if (lines > MAX_FILE_LINES) expect(text, `${file} has ${lines} lines`).toMatch(/size-exception:/);
  });

  it.each(files)(`%s has no function over ${MAX_FUNCTION_LINES} lines, or says why`, (file) => {
    expect(longFunctions(file)).toEqual([]);
  });
});

/** Folder (or top-level file) of src/core a core file belongs to: `plan`, `events`, `tips.ts`. */
function coreUnit(file: string): string {
  return relative(join(root, 'src/core'), join(root, file)).split('/')[0] ?? file;
}

function coreImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources('src/core')) {
    const from = coreUnit(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const match of readFileSync(join(root, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = relative(root, join(root, file, '..', match[1] as string)).replace(/\.js$/, '.ts');
      const to = coreUnit(target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** A cycle in the graph, as the path that closes it, or undefined. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (node: string, path: string[]): string[] | undefined => {
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    if (state.get(node) === 'done') return undefined;
    state.set(node, 'open');
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next, [...path, node]);
      if (cycle) return cycle;
    }
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node, []);
    if (cycle) return cycle;
  }
  return undefined;
}

describe('the core’s stages', () => {
  const graph = coreImports();

  it('import one way: no cycle between any two core folders or top-level files', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('events is the base: it imports nothing else in the core', () => {
    expect([...(graph.get('events') ?? [])].filter((u) => !['errors.ts'].includes(u))).toEqual([]);
  });

  it('the planner never draws: plan imports nothing from render', () => {
    expect(graph.get('plan')?.has('render')).toBe(false);
  });

  it('the cycle check itself finds a cycle', () => {
    const cyclic = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a'])],
    ]);
    expect(findCycle(cyclic)).toEqual(['a', 'b', 'a']);
  });
});

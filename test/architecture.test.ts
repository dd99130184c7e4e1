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

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The feature-level import graph of the server has no cycle (issue 15): feature A may depend on feature B, or
 * B on A, never both (also not through a third feature). The lint rule (eslint.config.js,
 * gisurg/feature-boundaries) keeps the arrows on public entries; this test keeps their directions acyclic.
 */
const FEATURES = path.dirname(fileURLToPath(import.meta.url));

/** oncology, surgery and peritoneal are being merged into one feature (issue 15): one node until then. */
const ALIAS: Record<string, string> = { oncology: 'oncology-record', surgery: 'oncology-record', peritoneal: 'oncology-record' };
const node = (folder: string) => ALIAS[folder] ?? folder;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [p] : [];
  });
}

/** Feature → the features it imports (relative specifiers of import/export … from and import()). */
function featureGraph(root: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of readdirSync(root).filter((f) => statSync(path.join(root, f)).isDirectory())) {
    const from = node(folder);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const file of sourceFiles(path.join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)) {
        const target = path.relative(root, path.resolve(path.dirname(file), m[1]!));
        if (target.startsWith('..')) continue;
        const [first, ...rest] = target.split(path.sep);
        if (rest.length === 0) continue; // features/index.ts, the composition root
        const to = node(first!);
        if (to !== from) edges.add(to);
      }
    }
  }
  return graph;
}

/** One cycle as a path `a → b → … → a`, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, 'done');
    return null;
  };
  for (const n of [...graph.keys()].sort()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

describe('feature import graph', () => {
  it('finds a cycle when there is one', () => {
    const g = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a']);
    expect(
      findCycle(
        new Map([
          ['a', new Set(['b'])],
          ['b', new Set<string>()],
        ]),
      ),
    ).toBeNull();
  });

  it('has no cycle between the server features', () => {
    const graph = featureGraph(FEATURES);
    expect(graph.size).toBeGreaterThan(5);
    expect(graph.get('ward')?.has('patients')).toBe(true); // the graph sees real arrows
    expect(findCycle(graph)).toBeNull();
  });
});

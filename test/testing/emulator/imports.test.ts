import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const testing = join(root, 'src/testing');

/** Every TypeScript file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** The files a module imports or re-exports from (type-only imports too), resolved to paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+'([^']+)'/gms)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

/** A cycle through `start` in the graph, as a list of paths relative to src/testing, or undefined. */
function cycleFrom(start: string, graph: Map<string, string[]>): string[] | undefined {
  const path: string[] = [];
  const done = new Set<string>();
  const visit = (file: string): string[] | undefined => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file].map((step) => relative(testing, step));
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  return visit(start);
}

describe('the testing kit’s modules', () => {
  const files = sourceFiles(testing);
  const graph = new Map(files.map((file) => [file, importsOf(file)]));

  it('import one another without a cycle', () => {
    const cycles = files.map((file) => cycleFrom(file, graph)).filter((cycle) => cycle !== undefined);
    expect(cycles[0]).toBeUndefined();
  });

  it('import nothing outside src/testing but the package root', () => {
    const outside = [...graph].flatMap(([file, imports]) =>
      imports
        .filter((target) => !target.startsWith(testing) && target !== join(root, 'src/index.ts'))
        .map((target) => `${relative(root, file)} → ${relative(root, target)}`),
    );
    expect(outside).toEqual([]);
  });
});

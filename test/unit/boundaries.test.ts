/**
 * The shape issue 14 set: the folders of src/ import each other without a
 * cycle, and PostgreSQL lives in one folder. Computed from the source text
 * (relative imports), not from the code under test.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = resolve(__dirname, "../../src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

const SPECIFIER = /(?:\bfrom|\bimport|\brequire)\s*\(?\s*["'](\.{1,2}\/[^"']*)["']/g;

function relativeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(SPECIFIER)].map((m) => resolve(dirname(file), m[1]!));
}

/** The first path segment under src/ (`dialect` for src/dialect/postgres/x.ts); files at the top are their own folder. */
function folderOf(path: string): string {
  return relative(SRC, path).split(sep)[0]!;
}

function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    for (const target of relativeImports(file)) {
      const to = folderOf(target);
      if (to === from || to.startsWith("..")) continue;
      if (!graph.has(from)) graph.set(from, new Set());
      graph.get(from)!.add(to);
    }
  }
  return graph;
}

/** A cycle as a list of folders, or undefined: depth-first search with colours. */
function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    state.set(node, "open");
    stack.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      if (state.get(next) === "open") return [...stack.slice(stack.indexOf(next)), next];
      if (state.get(next) === undefined) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(node, "done");
    return undefined;
  };
  for (const node of [...graph.keys()].sort()) {
    if (state.get(node) === undefined) {
      const found = visit(node);
      if (found) return found;
    }
  }
  return undefined;
}

describe("the folders of src/", () => {
  it("import each other without a cycle", () => {
    const cycle = findCycle(folderGraph());
    expect(cycle?.join(" -> ")).toBeUndefined();
  });

  it("the cycle finder finds a planted cycle (so the check above can fail)", () => {
    const graph = new Map([["a", new Set(["b"])], ["b", new Set(["c"])], ["c", new Set(["a"])]]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
  });
});

describe("PostgreSQL", () => {
  const POSTGRES = join(SRC, "dialect", "postgres");
  const outside = sourceFiles(SRC).filter((file) => !file.startsWith(POSTGRES + sep));

  it("finds the files it checks", () => {
    expect(outside.length).toBeGreaterThan(150);
  });

  it("is imported by path only by the dialect chooser", () => {
    const importers = outside
      .filter((file) => relativeImports(file).some((target) => target === POSTGRES || target.startsWith(POSTGRES + sep)))
      .map((file) => relative(SRC, file));
    expect(importers).toEqual(["dialect/index.ts"]);
  });

  it("holds every catalog name and SQL statement: none outside its folder (or another database's)", () => {
    // a string opening with a statement keyword, or a catalog name; `SET NULL` and `SET DEFAULT` are referential actions every database has
    const sql = /["'`]\s*(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|BEGIN|COMMIT|ROLLBACK|SET(?! NULL| DEFAULT)|RESET|SAVEPOINT|WITH|DO)\b|\bpg_[a-z_]+|information_schema/;
    // each database's folder holds its own SQL: src/dialect/<db>/
    const DIALECT = join(SRC, "dialect");
    const inADatabaseFolder = (file: string): boolean => relative(DIALECT, file).split(sep).length > 1 && !relative(DIALECT, file).startsWith("..");
    const offenders = outside.filter((file) => !inADatabaseFolder(file)).filter((file) => sql.test(withoutComments(readFileSync(file, "utf8")))).map((file) => relative(SRC, file));
    expect(offenders).toEqual([]);
  });
});

describe("the neutral folders", () => {
  it.each(["model", "ops", "diff"])("src/%s imports nothing of src/dialect (the dialect imports them)", (folder) => {
    const reaching = sourceFiles(join(SRC, folder)).filter((file) => relativeImports(file).some((target) => folderOf(target) === "dialect"));
    expect(reaching.map((file) => relative(SRC, file))).toEqual([]);
  });

  it("src/model imports only itself", () => {
    const reaching = sourceFiles(join(SRC, "model")).filter((file) => relativeImports(file).some((target) => folderOf(target) !== "model"));
    expect(reaching.map((file) => relative(SRC, file))).toEqual([]);
  });
});

/** Comments left out: they may name what the dialect does. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

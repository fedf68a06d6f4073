/**
 * The CLI's V8 code cache, in real child processes: bytecode is reused on the
 * next run, never for a changed source (even one of the same length, which V8
 * alone would accept), and modules behave as under Node's own loader.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { withTempDir } from "../../helpers/tmp";

const CHILD = join(__dirname, "..", "..", "helpers", "code-cache-child.js");

interface ChildResult {
  readonly values: unknown[];
  readonly stats: { enabled: boolean; hits: number; misses: number; resolved: number; file: string | null };
}

function run(dir: string, modules: readonly string[], env: Record<string, string> = {}): ChildResult {
  const child = spawnSync(process.execPath, [CHILD, ...modules], {
    cwd: dir,
    env: { ...process.env, CODE_CACHE_DIR: join(dir, "cache"), MIGRATOR_CODE_CACHE: "", ...env },
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`child exited ${child.status}: ${child.stderr}`);
  return JSON.parse(child.stdout) as ChildResult;
}

function blobs(dir: string): string[] {
  const root = join(dir, "cache");
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((sub) => readdirSync(join(root, sub)).map((name) => join(root, sub, name)));
}

describe.skipIf(typeof (require("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function")("code cache (Node 20 hook)", () => {
  it("compiles from source once, then takes every module's bytecode from the cache", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = [1, 2, 3].map((n) => n * 2).join(',');\n");
      const first = run(dir, [mod]);
      expect(first.values).toEqual(["2,4,6"]);
      expect(first.stats.misses).toBeGreaterThan(0);
      expect(first.stats.hits).toBe(0);
      expect(blobs(dir)).toHaveLength(1);

      const second = run(dir, [mod]);
      expect(second.values).toEqual(["2,4,6"]);
      expect(second.stats.misses).toBe(0);
      expect(second.stats.hits).toBe(first.stats.misses);
    });
  });

  it("with deferFirstWrite (the CLI), the first run only leaves a mark, the second writes, the third reads", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 'deferred';\n");
      const defer = { CODE_CACHE_DEFER: "1" };
      const first = run(dir, [mod], defer);
      expect(first.values).toEqual(["deferred"]);
      expect(first.stats).toMatchObject({ misses: 0, hits: 0 });
      expect(blobs(dir).map((file) => file.endsWith(".seen"))).toEqual([true]);
      const second = run(dir, [mod], defer);
      expect(second.stats.misses).toBeGreaterThan(0);
      expect(blobs(dir).filter((file) => file.endsWith(".bin"))).toHaveLength(1);
      const third = run(dir, [mod], defer);
      expect(third.values).toEqual(["deferred"]);
      expect(third.stats).toMatchObject({ misses: 0, hits: second.stats.misses });
    });
  });

  it("never runs stale bytecode: a same-length edit with the old mtime is compiled afresh", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 'old';\n");
      const { mtime } = statSync(mod);
      run(dir, [mod]);
      expect(run(dir, [mod]).stats.misses).toBe(0);
      writeFileSync(mod, "exports.value = 'new';\n");
      utimesSync(mod, mtime, mtime);
      const edited = run(dir, [mod]);
      expect(edited.values).toEqual(["new"]);
      expect(edited.stats.misses).toBe(1);
    });
  });

  it("gives modules Node's require, this, __dirname and hashbang handling, and leaves import() to Node", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(join(dir, "dep.js"), "exports.n = 41;\n");
      writeFileSync(join(dir, "esm.mjs"), "export const n = 1;\n");
      const mod = join(dir, "probe.js");
      writeFileSync(
        mod,
        [
          "#!/usr/bin/env node",
          "const self = this;",
          "exports.value = async () => [",
          "  require('./dep').n + (await import('./esm.mjs')).n,",
          "  require.resolve('./dep') === __dirname + '/dep.js',",
          "  require.cache[require.resolve('./dep')].exports.n,",
          "  self === module.exports,",
          "  __filename === module.filename,",
          "];",
          "",
        ].join("\n"),
      );
      const plain = join(dir, "plain.js");
      writeFileSync(plain, "#!/usr/bin/env node\nexports.value = [require('./dep').n, require.resolve.paths('x').length > 0, this === module.exports, require.main !== undefined && require.main === process.mainModule];\n");
      const expected = [[42, true, 41, true, true], [41, true, true, true]];
      const first = run(dir, [mod, plain]);
      expect(first.values).toEqual(expected);
      expect(first.stats.misses).toBe(2); // plain.js and dep.js; probe.js (import()) is Node's
      const cached = run(dir, [mod, plain]);
      expect(cached.values).toEqual(expected);
      expect(cached.stats).toMatchObject({ hits: 2, misses: 0 });
    });
  });

  it("leaves a syntax error to Node, which reports it as usual", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "broken.js");
      writeFileSync(mod, "exports.value = ;\n");
      const child = spawnSync(process.execPath, [CHILD, mod], { cwd: dir, env: { ...process.env, CODE_CACHE_DIR: join(dir, "cache") }, encoding: "utf8" });
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain(mod);
      expect(child.stderr).toContain("SyntaxError: Unexpected token ';'");
    });
  });

  it("ignores a corrupt cache file and replaces it", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 7;\n");
      run(dir, [mod]);
      const [blob] = blobs(dir);
      writeFileSync(blob as string, Buffer.from([255, 255, 255, 0, 1, 2, 3]));
      const after = run(dir, [mod]);
      expect(after.values).toEqual([7]);
      expect(after.stats.hits).toBe(0);
      expect(run(dir, [mod]).stats.misses).toBe(0);
    });
  });

  it("reuses how requires inside packages resolved, until a package.json changes", async () => {
    await withTempDir(async (dir) => {
      const modules = join(dir, "node_modules");
      mkdirSync(join(modules, "dual", "lib"), { recursive: true });
      mkdirSync(join(modules, "host"), { recursive: true });
      const dualPackage = (target: string) =>
        writeFileSync(join(modules, "dual", "package.json"), JSON.stringify({ name: "dual", exports: { ".": target } }));
      dualPackage("./lib/one.js");
      writeFileSync(join(modules, "dual", "lib", "one.js"), "exports.value = 'one';\n");
      writeFileSync(join(modules, "dual", "lib", "second.js"), "exports.value = 'two';\n");
      writeFileSync(join(modules, "host", "package.json"), JSON.stringify({ name: "host" }));
      writeFileSync(join(modules, "host", "index.js"), "exports.value = require('dual').value;\n");
      const host = join(modules, "host", "index.js");

      const first = run(dir, [host]);
      expect(first.values).toEqual(["one"]);
      expect(first.stats.resolved).toBe(0);
      const second = run(dir, [host]);
      expect(second.values).toEqual(["one"]);
      expect(second.stats.resolved).toBeGreaterThan(0);

      // an install that points the package elsewhere (both files still there) is seen
      dualPackage("./lib/second.js");
      const after = run(dir, [host]);
      expect(after.values).toEqual(["two"]);
    });
  });

  it("keeps the newest 32 blobs of a folder when it writes one", async () => {
    await withTempDir(async (dir) => {
      const folder = join(dir, "cache", `${process.versions.v8}-${process.arch}`);
      mkdirSync(folder, { recursive: true });
      for (let i = 0; i < 40; i++) {
        const old = join(folder, `old${i}.bin`);
        writeFileSync(old, "x");
        utimesSync(old, 1_000_000 + i, 1_000_000 + i);
      }
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 3;\n");
      const result = run(dir, [mod]);
      const left = readdirSync(folder).sort();
      expect(left).toHaveLength(32);
      expect(left).toContain(basename(result.stats.file as string));
      // the oldest went first
      expect(left).not.toContain("old0.bin");
      expect(left).toContain("old39.bin");
    });
  });

  it("goes without when there is no home to keep it in, rather than write into the working directory", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 5;\n");
      const child = spawnSync(process.execPath, [CHILD, mod], {
        cwd: dir,
        env: { ...process.env, HOME: "", XDG_CACHE_HOME: "", MIGRATOR_CODE_CACHE: "", CODE_CACHE_DIR: "" },
        encoding: "utf8",
      });
      expect(child.status, child.stderr).toBe(0);
      const result = JSON.parse(child.stdout) as ChildResult;
      expect(result.values).toEqual([5]);
      expect(result.stats.enabled).toBe(false);
      expect(existsSync(join(dir, ".cache"))).toBe(false);
    });
  });

  it("is off with MIGRATOR_CODE_CACHE=off and writes nothing", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 1;\n");
      const result = run(dir, [mod], { MIGRATOR_CODE_CACHE: "off" });
      expect(result.values).toEqual([1]);
      expect(result.stats.enabled).toBe(false);
      expect(blobs(dir)).toEqual([]);
    });
  });

  it("is off with MIGRATOR_SPEEDUPS=off and writes nothing", async () => {
    await withTempDir(async (dir) => {
      const mod = join(dir, "value.js");
      writeFileSync(mod, "exports.value = 1;\n");
      const result = run(dir, [mod], { MIGRATOR_SPEEDUPS: "off" });
      expect(result.values).toEqual([1]);
      expect(result.stats.enabled).toBe(false);
      expect(blobs(dir)).toEqual([]);
    });
  });
});

/**
 * A damaged code-cache file changes nothing: V8 runs whatever bytecode it is
 * handed (one flipped bit used to crash runs with SIGSEGV or SIGTRAP, hang
 * them, or change what a module computed), so each run on a damaged file
 * must print exactly what a run without the cache prints. Real child
 * processes (test/helpers/code-cache-child.js), real packages (handlebars,
 * yargs-parser: big bytecode, kept resolutions), deterministic seeds.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DAMAGES, damage } from "../../helpers/corrupt";
import { REPO } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const CHILD = join(__dirname, "..", "..", "helpers", "code-cache-child.js");

interface Outcome {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function spawnChild(dir: string, modules: readonly string[], env: Record<string, string> = {}): Outcome {
  const child = spawnSync(process.execPath, [CHILD, ...modules], {
    cwd: dir,
    env: { ...process.env, CODE_CACHE_DIR: join(dir, "cache"), MIGRATOR_CODE_CACHE: "", ...env },
    encoding: "utf8",
    // a hang is one of the ways damaged bytecode failed: end it (and fail) rather than wait forever
    timeout: 120_000,
  });
  return { status: child.status, signal: child.signal, stdout: child.stdout, stderr: child.stderr };
}

/** What the child printed, its counts aside (they differ with and without the cache). */
function values(outcome: Outcome): unknown {
  return (JSON.parse(outcome.stdout) as { values: unknown }).values;
}

function stats(outcome: Outcome): { hits: number; misses: number; resolved: number } {
  return (JSON.parse(outcome.stdout) as { stats: { hits: number; misses: number; resolved: number } }).stats;
}

function theBlob(dir: string): string {
  const root = join(dir, "cache");
  const files = existsSync(root) ? readdirSync(root).flatMap((sub) => readdirSync(join(root, sub)).map((name) => join(root, sub, name))) : [];
  expect(files).toHaveLength(1);
  return files[0] as string;
}

/** A module whose value depends on real work in our code and in two packages (so most of the blob is bytecode that runs). */
function writeWorkload(dir: string): string {
  const file = join(dir, "workload.js");
  writeFileSync(
    file,
    [
      `const Handlebars = require(${JSON.stringify(join(REPO, "node_modules", "handlebars"))});`,
      `const parse = require(${JSON.stringify(join(REPO, "node_modules", "yargs-parser"))});`,
      "class Shape { constructor(sides) { this.sides = sides; } get name() { return ['none', 'point', 'line', 'triangle', 'square'][this.sides] ?? `${this.sides}-gon`; } }",
      "function primes(n) { const out = []; for (let i = 2; out.length < n; i++) if (out.every((p) => i % p !== 0)) out.push(i); return out; }",
      "exports.value = () => {",
      "  const template = Handlebars.compile('{{#each rows}}{{name}}={{#if key}}PRIMARY KEY{{else}}UNIQUE{{/if}};{{/each}}');",
      "  const sql = template({ rows: [{ name: 'id', key: true }, { name: 'email', key: false }] });",
      "  const args = parse(['upgrade', 'head', '--sql', '--lock-timeout', '250', '-m', 'x y'], { number: ['lock-timeout'], boolean: ['sql'] });",
      "  return [sql, args, primes(25).join(' '), [1, 2, 3, 4, 7].map((n) => new Shape(n).name), JSON.stringify({ a: [1, { b: 'c' }] })];",
      "};",
      "",
    ].join("\n"),
  );
  return file;
}

describe.skipIf(typeof (require("node:module") as { enableCompileCache?: unknown }).enableCompileCache === "function")("a damaged code cache (Node 20 hook)", () => {
  it("every damaged file gives exactly the uncached output, exit 0, nothing on stderr", async () => {
    await withTempDir(async (dir) => {
      const workload = writeWorkload(dir);
      const plain = spawnChild(dir, [workload], { MIGRATOR_CODE_CACHE: "off" });
      expect(plain.status, plain.stderr).toBe(0);
      const expected = values(plain);

      const cold = spawnChild(dir, [workload]);
      expect(values(cold)).toEqual(expected);
      const blob = theBlob(dir);
      const pristine = readFileSync(blob);
      const warm = spawnChild(dir, [workload]);
      expect(stats(warm).misses).toBe(0);
      expect(stats(warm).hits).toBeGreaterThan(20);

      const failures: string[] = [];
      let trials = 0;
      for (const kind of DAMAGES) {
        const seeds = kind === "flip-bit" ? 40 : kind === "empty" ? 1 : 8;
        for (let seed = 1; seed <= seeds; seed++) {
          writeFileSync(blob, damage(pristine, kind, seed));
          const outcome = spawnChild(dir, [workload]);
          trials++;
          let same = false;
          try {
            same = outcome.status === 0 && outcome.stderr === "" && JSON.stringify(values(outcome)) === JSON.stringify(expected);
          } catch {
            same = false;
          }
          if (!same) failures.push(`${kind} seed ${seed}: status ${outcome.status} signal ${outcome.signal} ${outcome.stderr.split("\n")[0] ?? ""}`);
        }
      }
      expect(trials).toBe(40 + 1 + 8 * (DAMAGES.length - 2));
      expect(failures).toEqual([]);
    });
  });

  it("a damaged file is discarded and rewritten: the run after it takes every module from the cache again", async () => {
    await withTempDir(async (dir) => {
      const workload = writeWorkload(dir);
      spawnChild(dir, [workload]);
      const blob = theBlob(dir);
      const pristine = readFileSync(blob);
      // one bit of the last module's bytecode
      const damaged = Buffer.from(pristine);
      damaged[damaged.length - 1] ^= 0x10;
      writeFileSync(blob, damaged);
      const onDamaged = spawnChild(dir, [workload]);
      expect(onDamaged.status, onDamaged.stderr).toBe(0);
      expect(stats(onDamaged).misses).toBeGreaterThan(0);
      expect(readFileSync(blob).equals(damaged)).toBe(false);
      const after = spawnChild(dir, [workload]);
      expect(stats(after)).toMatchObject({ misses: 0 });
      expect(stats(after).hits).toBeGreaterThan(0);
    });
  });

  it("a kept resolution edited to point at another existing file is not trusted", async () => {
    await withTempDir(async (dir) => {
      const modules = join(dir, "node_modules");
      mkdirSync(join(modules, "dual", "lib"), { recursive: true });
      mkdirSync(join(modules, "host"), { recursive: true });
      writeFileSync(join(modules, "dual", "package.json"), JSON.stringify({ name: "dual", exports: { ".": "./lib/one.js" } }));
      writeFileSync(join(modules, "dual", "lib", "one.js"), "exports.value = 'one';\n");
      writeFileSync(join(modules, "dual", "lib", "two.js"), "exports.value = 'two';\n");
      writeFileSync(join(modules, "host", "package.json"), JSON.stringify({ name: "host" }));
      writeFileSync(join(modules, "host", "index.js"), "exports.value = require('dual').value;\n");
      const host = join(modules, "host", "index.js");
      expect(values(spawnChild(dir, [host]))).toEqual(["one"]);
      const warm = spawnChild(dir, [host]);
      expect(values(warm)).toEqual(["one"]);
      expect(stats(warm).resolved).toBeGreaterThan(0);

      // the same number of bytes, naming a file that exists: only a hash of the index can tell
      const blob = theBlob(dir);
      const text = readFileSync(blob).toString("latin1");
      const resolved = join("dual", "lib", "one.js");
      expect(text).toContain(resolved);
      const edited = Buffer.from(text.split(resolved).join(join("dual", "lib", "two.js")), "latin1");
      writeFileSync(blob, edited);
      const outcome = spawnChild(dir, [host]);
      expect(outcome.status, outcome.stderr).toBe(0);
      expect(values(outcome)).toEqual(["one"]);
    });
  });
});

/**
 * The config's compiled text is kept between runs, sealed: the second load
 * compiles nothing, an edit or any damage to the entry means compiling again,
 * and no file in the project's cache or the user's holds the config's password.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config";
import { compileSealed } from "../../../src/config/sealed-cache";
import { DAMAGES, damage } from "../../helpers/corrupt";
import { withTempDir } from "../../helpers/tmp";

const SECRET = "Pw-S3cret-4242";

function filesUnder(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

const holdsSecret = (file: string): boolean => {
  const bytes = readFileSync(file);
  return bytes.includes(Buffer.from(SECRET, "latin1")) || bytes.includes(Buffer.from(SECRET, "utf16le"));
};

/** compileSealed in `dir`, counting the compilations it asks for. */
function sealedIn(dir: string, compilerKey = "k1") {
  const env = { XDG_CACHE_HOME: join(dir, "user-cache") };
  const projectCache = join(dir, ".migrator", "cache");
  let compiled = 0;
  const load = (source: string, file = join(dir, "migrator.config.ts")): string =>
    compileSealed(
      file,
      source,
      () => {
        compiled++;
        return `compiled(${source})`;
      },
      { projectCache, compilerKey, env },
    );
  return { load, compiled: () => compiled, entries: () => filesUnder(join(projectCache, "config")), userFiles: () => filesUnder(env.XDG_CACHE_HOME) };
}

describe("the config's sealed cache", () => {
  it("compiles once, then opens its entry; an edit compiles again and replaces the entry", async () => {
    await withTempDir(async (dir) => {
      const cache = sealedIn(dir);
      const source = `export default { database: { url: "postgres://app:${SECRET}@h/d" } };`;
      expect(cache.load(source)).toBe(`compiled(${source})`);
      expect(cache.load(source)).toBe(`compiled(${source})`);
      expect(cache.compiled()).toBe(1);
      const edited = source.replace("h/d", "h/e");
      expect(cache.load(edited)).toBe(`compiled(${edited})`);
      expect(cache.load(edited)).toBe(`compiled(${edited})`);
      expect(cache.compiled()).toBe(2);
      // one entry per config file, so edits do not pile up
      expect(cache.entries()).toHaveLength(1);
      expect(cache.userFiles().map((f) => f.slice(dir.length))).toEqual(["/user-cache/migrator/sealing-key"]);
    });
  });

  it("holds the password in no file, neither in the project's cache nor in the user's", async () => {
    await withTempDir(async (dir) => {
      const cache = sealedIn(dir);
      cache.load(`export default { password: "${SECRET}" };`);
      const files = [...cache.entries(), ...cache.userFiles()];
      expect(files).toHaveLength(2);
      expect(files.filter(holdsSecret)).toEqual([]);
    });
  });

  it("a damaged entry, a damaged key or another compiler means compiling again, never running what the entry holds", async () => {
    await withTempDir(async (dir) => {
      const source = `export default { entities: ["a/*.ts"] };`;
      const cache = sealedIn(dir);
      cache.load(source);
      const [entry] = cache.entries();
      const pristine = readFileSync(entry as string);
      let expected = 1;
      for (const [i, kind] of DAMAGES.entries()) {
        writeFileSync(entry as string, damage(pristine, kind, i));
        expect(cache.load(source)).toBe(`compiled(${source})`);
        expect(cache.compiled()).toBe(++expected);
      }
      const key = join(dir, "user-cache", "migrator", "sealing-key");
      for (const [i, kind] of DAMAGES.entries()) {
        writeFileSync(key, damage(readFileSync(key), kind, 100 + i));
        expect(cache.load(source)).toBe(`compiled(${source})`);
        expect(cache.compiled()).toBe(++expected);
      }
      const newer = sealedIn(dir, "k2");
      expect(newer.load(source)).toBe(`compiled(${source})`);
      expect(newer.compiled()).toBe(1);
    });
  });

  it("keeps nothing with MIGRATOR_CODE_CACHE=off: no key in the user's folder, so no entry either", async () => {
    await withTempDir(async (dir) => {
      let compiled = 0;
      const env = { XDG_CACHE_HOME: join(dir, "user-cache"), MIGRATOR_CODE_CACHE: "off" };
      for (let i = 0; i < 2; i++) compileSealed(join(dir, "c.ts"), "x", () => `${++compiled}`, { projectCache: join(dir, ".migrator", "cache"), compilerKey: "k", env });
      expect(compiled).toBe(2);
      expect(filesUnder(dir)).toEqual([]);
    });
  });

  it("keeps nothing without a project cache folder (MIGRATOR_NO_CACHE)", async () => {
    await withTempDir(async (dir) => {
      let compiled = 0;
      const env = { XDG_CACHE_HOME: join(dir, "user-cache") };
      for (let i = 0; i < 2; i++) compileSealed(join(dir, "c.ts"), "x", () => `${++compiled}`, { projectCache: null, compilerKey: "k", env });
      expect(compiled).toBe(2);
      expect(filesUnder(dir)).toEqual([]);
    });
  });
});

describe("loadConfig through the sealed cache", () => {
  it("reads an edited config anew, and leaves its password in no cache file", async () => {
    await withTempDir(async (dir) => {
      const saved = process.env.XDG_CACHE_HOME;
      process.env.XDG_CACHE_HOME = join(dir, "user-cache");
      try {
        const write = (db: string): void => writeFileSync(join(dir, "migrator.config.ts"), `const url: string = "postgres://app:${SECRET}@h/${db}";\nexport default { entities: [], database: { url } };\n`);
        write("one");
        expect(loadConfig({ cwd: dir }).database).toEqual({ url: `postgres://app:${SECRET}@h/one` });
        expect(loadConfig({ cwd: dir }).database).toEqual({ url: `postgres://app:${SECRET}@h/one` });
        write("two");
        expect(loadConfig({ cwd: dir }).database).toEqual({ url: `postgres://app:${SECRET}@h/two` });
        const files = [...filesUnder(join(dir, ".migrator")), ...filesUnder(join(dir, "user-cache"))];
        expect(files.some((f) => f.includes(join(".migrator", "cache", "config")))).toBe(true);
        expect(files.filter(holdsSecret)).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env.XDG_CACHE_HOME;
        else process.env.XDG_CACHE_HOME = saved;
      }
    });
  });
});

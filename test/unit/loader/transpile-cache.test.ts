/**
 * A transpile cache entry is used only when the hash it carries matches its
 * code: an emptied, truncated or edited entry is compiled again, never run as
 * the entity (an emptied entity module made autogenerate drop its table).
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PACK_FILE, readPack } from "../../../src/speedups/entity-pack";
import { createCache, DEFAULT_SETTINGS, finishBatch, prepareTranspiled, transpile } from "../../../src/loader/transpile";
import { DAMAGES, damage } from "../../helpers/corrupt";
import { withTempDir } from "../../helpers/tmp";

const SOURCE = `import { Entity, PrimaryColumn } from "typeorm";\n@Entity()\nexport class Item {\n  @PrimaryColumn() id!: number;\n}\n`;

function entries(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith(".js"));
}

const CORRUPTIONS: Record<string, (text: string) => string> = {
  emptied: () => "",
  truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
  "one byte edited": (text) => text.replace("PrimaryColumn", "PrimaryColumm"),
  "header kept, code replaced": (text) => `${text.split("\n")[0]}\n"use strict";\n`,
  "bits flipped": (text) => Buffer.from(Buffer.from(text).map((byte, i) => (i % 97 === 13 ? byte ^ 0x20 : byte))).toString("latin1"),
};

describe("transpile cache", () => {
  it.each(Object.keys(CORRUPTIONS))("an entry %s is compiled again and replaced", async (kind) => {
    await withTempDir(async (dir) => {
      const file = join(dir, "item.ts");
      const writer = createCache(dir);
      const first = transpile(SOURCE, file, writer);
      const [entry] = entries(dir);
      expect(statSync(entry).mode & 0o777).toBe(0o600);
      writeFileSync(entry, CORRUPTIONS[kind](readFileSync(entry, "utf8")));
      const cache = createCache(dir);
      expect(transpile(SOURCE, file, cache)).toBe(first);
      expect(cache).toMatchObject({ hits: 0, misses: 1 });
      // and the replaced entry is good again
      const again = createCache(dir);
      expect(transpile(SOURCE, file, again)).toBe(first);
      expect(again).toMatchObject({ hits: 1, misses: 0 });
    });
  });
});

describe("transpiling ahead", () => {
  const SETTINGS = { settings: DEFAULT_SETTINGS };
  function project(dir: string, count = 12): string[] {
    const files = Array.from({ length: count }, (_, i) => join(dir, `item${i}.ts`));
    files.forEach((file, i) => writeFileSync(file, SOURCE.replace("class Item", `class Item${i}`)));
    return files;
  }
  /** One entity load as loadEntities runs it: ahead, each file through transpile, then the batch's end. */
  async function load(files: readonly string[], cacheDir: string): Promise<{ cache: ReturnType<typeof createCache>; codes: string[] }> {
    const cache = createCache(cacheDir);
    await prepareTranspiled(files.map((file) => ({ file, ...SETTINGS })), cache);
    const codes = files.map((file) => transpile(readFileSync(file, "utf8"), file, cache));
    finishBatch(cache);
    return { cache, codes };
  }

  it("gives the hook exactly what it would compile itself, and keeps the batch in one pack", async () => {
    await withTempDir(async (dir) => {
      const files = project(dir);
      const cacheDir = join(dir, "cache");
      const ahead = createCache(cacheDir);
      await prepareTranspiled(files.map((file) => ({ file, ...SETTINGS })), ahead);
      expect(ahead.ready.size).toBe(12);
      const uncached = createCache(null);
      const expected = files.map((file) => transpile(readFileSync(file, "utf8"), file, uncached));
      expect(files.map((file) => transpile(readFileSync(file, "utf8"), file, ahead))).toEqual(expected);
      expect(ahead.ready.size).toBe(0);
      finishBatch(ahead);
      // one file for the batch, none per module
      expect(readdirSync(cacheDir)).toEqual([PACK_FILE]);
      expect(statSync(join(cacheDir, PACK_FILE)).mode & 0o777).toBe(0o600);
      expect([...readPack(join(cacheDir, PACK_FILE)).values()]).toEqual(expected);
      // warm: nothing is compiled, ahead or by the hook, and the pack is not rewritten
      const before = statSync(join(cacheDir, PACK_FILE)).mtimeMs;
      const warm = await load(files, cacheDir);
      expect(warm.codes).toEqual(expected);
      expect(warm.cache).toMatchObject({ misses: 0, hits: 12 });
      expect(statSync(join(cacheDir, PACK_FILE)).mtimeMs).toBe(before);
    });
  });

  it("an edited file is compiled again and the pack holds the batch as it is now", async () => {
    await withTempDir(async (dir) => {
      const files = project(dir);
      const cacheDir = join(dir, "cache");
      await load(files, cacheDir);
      writeFileSync(files[3] as string, SOURCE.replace("class Item", "class Renamed"));
      const edited = await load(files, cacheDir);
      expect(edited.cache).toMatchObject({ misses: 1, hits: 11 });
      expect(edited.codes[3]).toContain("Renamed");
      const packed = [...readPack(join(cacheDir, PACK_FILE)).values()];
      expect(packed).toHaveLength(12);
      expect(packed.filter((code) => code.includes("class Item3 "))).toEqual([]);
    });
  });

  it.each(DAMAGES)("a pack %s is ignored: every module is compiled again, as without a cache, and the pack rewritten", async (kind) => {
    await withTempDir(async (dir) => {
      const files = project(dir);
      const cacheDir = join(dir, "cache");
      const { codes: expected } = await load(files, cacheDir);
      const pack = join(cacheDir, PACK_FILE);
      const pristine = readFileSync(pack);
      for (let seed = 1; seed <= 8; seed++) {
        writeFileSync(pack, damage(pristine, kind, seed));
        const damaged = await load(files, cacheDir);
        expect(damaged.codes).toEqual(expected);
        expect(damaged.cache.hits).toBe(0);
        expect(readFileSync(pack).equals(pristine)).toBe(true);
      }
    });
  });

  it("a failed load leaves the pack as it was", async () => {
    await withTempDir(async (dir) => {
      const files = project(dir);
      const cacheDir = join(dir, "cache");
      const cache = createCache(cacheDir);
      await prepareTranspiled(files.map((file) => ({ file, ...SETTINGS })), cache);
      transpile(readFileSync(files[0] as string, "utf8"), files[0] as string, cache);
      finishBatch(cache, { failed: true });
      expect(existsSync(join(cacheDir, PACK_FILE))).toBe(false);
    });
  });
});

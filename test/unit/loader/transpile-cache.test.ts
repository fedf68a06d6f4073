/**
 * A transpile cache entry is used only when the hash it carries matches its
 * code: an emptied, truncated or edited entry is compiled again, never run as
 * the entity (an emptied entity module made autogenerate drop its table).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheWritten, createCache, DEFAULT_SETTINGS, prepareTranspiled, transpile } from "../../../src/loader/transpile";
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
      await cacheWritten(writer);
      const [entry] = entries(dir);
      expect(statSync(entry).mode & 0o777).toBe(0o600);
      writeFileSync(entry, CORRUPTIONS[kind](readFileSync(entry, "utf8")));
      const cache = createCache(dir);
      expect(transpile(SOURCE, file, cache)).toBe(first);
      expect(cache).toMatchObject({ hits: 0, misses: 1 });
      await cacheWritten(cache);
      // and the replaced entry is good again
      const again = createCache(dir);
      expect(transpile(SOURCE, file, again)).toBe(first);
      expect(again).toMatchObject({ hits: 1, misses: 0 });
    });
  });
});

describe("transpiling ahead", () => {
  it("gives the hook exactly what it would compile itself, and writes the entries", async () => {
    await withTempDir(async (dir) => {
      const files = Array.from({ length: 12 }, (_, i) => join(dir, `item${i}.ts`));
      files.forEach((file, i) => writeFileSync(file, SOURCE.replace("class Item", `class Item${i}`)));
      const cacheDir = join(dir, "cache");
      const ahead = createCache(cacheDir);
      await prepareTranspiled(files.map((file) => ({ file, settings: DEFAULT_SETTINGS })), ahead);
      expect(ahead.ready.size).toBe(12);
      const uncached = createCache(null);
      for (const file of files) expect(transpile(readFileSync(file, "utf8"), file, ahead)).toBe(transpile(readFileSync(file, "utf8"), file, uncached));
      expect(ahead.ready.size).toBe(0);
      await cacheWritten(ahead);
      expect(entries(cacheDir)).toHaveLength(12);
      // warm: nothing is compiled ahead
      const warm = createCache(cacheDir);
      await prepareTranspiled(files.map((file) => ({ file, settings: DEFAULT_SETTINGS })), warm);
      expect(warm).toMatchObject({ misses: 0 });
      expect(warm.ready.size).toBe(0);
    });
  });
});

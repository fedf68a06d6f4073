/**
 * A transpile cache entry is used only when the hash it carries matches its
 * code: an emptied, truncated or edited entry is compiled again, never run as
 * the entity (an emptied entity module made autogenerate drop its table).
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheWritten, createCache, transpile } from "../../../src/loader/transpile";
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

import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { RevisionError } from "../../../src/errors";
import { headerCacheFileFor } from "../../../src/revisions/header-cache";
import { loadGraph } from "../../../src/revisions/load";
import { scanRevisionFolders } from "../../../src/revisions/scan";
import { MIGRATOR_VERSION } from "../../../src/version";
import { withTempDir } from "../../helpers/tmp";
import { tempProject } from "./config";

const fixtures = path.join(__dirname, "../../fixtures/revisions");
/** Whole seconds, so a restored mtime is the same to the nanosecond. */
const HOUR_AGO = Math.floor(Date.now() / 1000) - 3600;

function revisionText(id: string, down: string | null, message: string): string {
  return `/**\n * ${message}\n */\nexport const revision = "${id}";\nexport const downRevision = ${JSON.stringify(down)};\n`;
}

/** Writes a file and dates it `mtime` (seconds). */
function writeAt(file: string, text: string, mtime: number): void {
  fs.writeFileSync(file, text);
  fs.utimesSync(file, mtime, mtime);
}

/** A migrations folder with the scan fixtures' varied headers plus a.ts, all dated an hour ago. */
function project(dir: string): { migrations: string; cacheFile: string; a: string } {
  const migrations = path.join(dir, "migrations");
  fs.cpSync(path.join(fixtures, "basic"), migrations, { recursive: true });
  fs.cpSync(path.join(fixtures, "branched"), path.join(migrations, "branched"), { recursive: true });
  const a = path.join(migrations, "a.ts");
  fs.writeFileSync(a, revisionText("aaaa", null, "alpha"));
  for (const entry of fs.readdirSync(migrations, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) fs.utimesSync(path.join(entry.parentPath, entry.name), HOUR_AGO, HOUR_AGO);
  }
  return { migrations, cacheFile: headerCacheFileFor(dir), a };
}

const messageOf = (migrations: string, cacheFile: string | undefined, id: string): string | undefined =>
  scanRevisionFolders([migrations], cacheFile === undefined ? {} : { cacheFile }).find((h) => h.revision === id)?.message;

describe("revision header cache", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("returns the same headers as a scan without it, written once and then read", async () => {
    await withTempDir(async (dir) => {
      const { migrations, cacheFile } = project(dir);
      const uncached = scanRevisionFolders([migrations]);
      expect(uncached.length).toBeGreaterThan(5);
      const first = scanRevisionFolders([migrations], { cacheFile });
      expect(fs.existsSync(cacheFile)).toBe(true);
      // nothing changed: the cache is not rewritten (its mtime stays where we put it)
      fs.utimesSync(cacheFile, HOUR_AGO + 60, HOUR_AGO + 60);
      const second = scanRevisionFolders([migrations], { cacheFile });
      expect(fs.statSync(cacheFile).mtimeMs).toBe((HOUR_AGO + 60) * 1000);
      expect(first).toStrictEqual(uncached);
      expect(second).toStrictEqual(uncached);
    });
  });

  it("uses a cached header while size and mtime are unchanged, and re-reads when the mtime moves", async () => {
    await withTempDir(async (dir) => {
      const { migrations, cacheFile, a } = project(dir);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("alpha");
      // same size, same mtime: only the cache can still answer "alpha"
      writeAt(a, revisionText("aaaa", null, "omega"), HOUR_AGO);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("alpha");
      expect(messageOf(migrations, undefined, "aaaa")).toBe("omega");
      fs.utimesSync(a, HOUR_AGO + 1, HOUR_AGO + 1);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("omega");
    });
  });

  it("re-reads a file whose mtime was within 2 s of the cache write, and trusts it once written 2 s after", async () => {
    await withTempDir(async (dir) => {
      const { migrations, cacheFile, a } = project(dir);
      writeAt(a, revisionText("aaaa", null, "alpha"), HOUR_AGO + 100);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("alpha");
      // as if the cache had been written in the same second as the edit
      fs.utimesSync(cacheFile, HOUR_AGO + 101, HOUR_AGO + 101);
      writeAt(a, revisionText("aaaa", null, "omega"), HOUR_AGO + 100);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("omega");
      // the re-read rewrote the cache; written 2 s after the file's mtime, the entry is trusted
      fs.utimesSync(cacheFile, HOUR_AGO + 102, HOUR_AGO + 102);
      writeAt(a, revisionText("aaaa", null, "sigma"), HOUR_AGO + 100);
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("omega");
    });
  });

  it("ignores a corrupt, foreign-version or malformed cache and rewrites it", async () => {
    await withTempDir(async (dir) => {
      const { migrations, cacheFile, a } = project(dir);
      const size = fs.statSync(a).size;
      const mtimeNs = fs.statSync(a, { bigint: true }).mtimeNs.toString();
      const entry = [size, mtimeNs, "aaaa", [], [], [], "forged", null, "forged", null];
      const forged = (migrator: string, stored: unknown[]): string =>
        JSON.stringify({ format: 2, migrator, entries: { [a]: stored } });
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });

      // control: a well-formed entry of this version matching the file's stat is used
      fs.writeFileSync(cacheFile, forged(MIGRATOR_VERSION, entry));
      expect(messageOf(migrations, cacheFile, "aaaa")).toBe("forged");

      for (const text of [
        "{ not json",
        forged("0.0.0-someone-else", entry),
        forged(MIGRATOR_VERSION, entry.map((v, i) => (i === 3 ? "nope" : v))),
        forged(MIGRATOR_VERSION, entry.slice(0, 9)),
      ]) {
        fs.writeFileSync(cacheFile, text);
        expect(messageOf(migrations, cacheFile, "aaaa")).toBe("alpha");
        const rewritten: unknown = JSON.parse(fs.readFileSync(cacheFile, "utf8"));
        expect(rewritten).toMatchObject({ format: 2, migrator: MIGRATOR_VERSION, entries: { [a]: [size, mtimeNs, "aaaa", [], [], [], "alpha", null, "alpha", null] } });
      }
    });
  });

  it("scans normally when the cache cannot be written", async () => {
    await withTempDir(async (dir) => {
      const { migrations } = project(dir);
      const blocker = path.join(dir, "blocker");
      fs.writeFileSync(blocker, "a file where the cache folder would go");
      const cacheFile = path.join(blocker, "cache", "revision-headers.json");
      expect(scanRevisionFolders([migrations], { cacheFile })).toStrictEqual(scanRevisionFolders([migrations]));
      expect(fs.readdirSync(dir).sort()).toEqual(["blocker", "migrations"]);
    });
  });

  it("drops entries of deleted files, and never caches a file that fails to parse", async () => {
    await withTempDir(async (dir) => {
      const { migrations, cacheFile, a } = project(dir);
      scanRevisionFolders([migrations], { cacheFile });
      const keys = (): string[] => Object.keys((JSON.parse(fs.readFileSync(cacheFile, "utf8")) as { entries: object }).entries);
      expect(keys()).toContain(a);
      fs.rmSync(a);
      scanRevisionFolders([migrations], { cacheFile });
      expect(keys()).not.toContain(a);
      expect(keys().length).toBeGreaterThan(5);

      const broken = path.join(migrations, "b.ts");
      writeAt(broken, "export const nothing = 1;\n", HOUR_AGO);
      for (let i = 0; i < 2; i++) {
        expect(() => scanRevisionFolders([migrations], { cacheFile })).toThrow(RevisionError);
        expect(keys()).not.toContain(broken);
      }
    });
  });

  it("loadGraph keeps the cache under the project root unless MIGRATOR_NO_CACHE is set", () => {
    const withoutCache = tempProject();
    fs.mkdirSync(withoutCache.migrations[0] as string);
    fs.writeFileSync(path.join(withoutCache.migrations[0] as string, "a.ts"), revisionText("aaaa", null, "alpha"));
    vi.stubEnv("MIGRATOR_NO_CACHE", "1");
    expect(loadGraph(withoutCache).heads).toEqual(["aaaa"]);
    expect(fs.existsSync(headerCacheFileFor(withoutCache.root))).toBe(false);

    vi.stubEnv("MIGRATOR_NO_CACHE", "");
    expect(loadGraph(withoutCache).heads).toEqual(["aaaa"]);
    expect(fs.existsSync(path.join(withoutCache.root, ".migrator", "cache", "revision-headers.json"))).toBe(true);
    fs.rmSync(withoutCache.root, { recursive: true, force: true });
  });
});

/**
 * The pieces of DDL lock retries that need no database: the pause between
 * tries, which timeout a step runs under, PostgreSQL's lock conflict table
 * (holders are looked for by it), and where the settings are read
 * (config, revision export, .sql header).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../../src/config/load";
import { validateConfig } from "../../../src/config/validate";
import { conflictingModes } from "../../../src/dialect/postgres/runtime/lock-holders";
import { ConfigError, RevisionError } from "../../../src/errors";
import { parseSqlRevisionHeader } from "../../../src/revisions/sql-header";
import { postgres } from "../../../src/dialect";
import { MAX_RETRY_DELAY_MS, retryDelay, stepLockTimeout } from "../../../src/runtime/lock-retry";
import { loadRevisionModule } from "../../../src/runtime/revision-module";
import { withTempDir } from "../../helpers/tmp";

const MODES = [
  "AccessShareLock",
  "RowShareLock",
  "RowExclusiveLock",
  "ShareUpdateExclusiveLock",
  "ShareLock",
  "ShareRowExclusiveLock",
  "ExclusiveLock",
  "AccessExclusiveLock",
];

describe("the pause between tries", () => {
  it("doubles from the base, stays in the upper half of its step and never passes the cap", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (base, attempt, r) => {
        const full = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** (attempt - 1));
        const delay = retryDelay({ retryDelayMs: base, random: () => r }, attempt);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(full / 2));
        expect(delay).toBeLessThanOrEqual(Math.ceil(full));
        expect(delay).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      }),
    );
    expect([1, 2, 3].map((attempt) => retryDelay({ retryDelayMs: 100, random: () => 0 }, attempt))).toEqual([50, 100, 200]);
  });
});

describe("the lock_timeout of a step", () => {
  it("is the revision's own when it has one (null: none), else the project's", () => {
    const policy = { timeoutMs: 2000, retries: 5, retryDelayMs: 500 };
    expect(stepLockTimeout({}, policy)).toBe(2000);
    expect(stepLockTimeout({ ddlLockTimeout: 300 }, policy)).toBe(300);
    expect(stepLockTimeout({ ddlLockTimeout: null }, policy)).toBeNull();
    expect(stepLockTimeout({ ddlLockTimeout: 300 }, undefined)).toBe(300);
    expect(stepLockTimeout({}, undefined)).toBeNull();
  });
});

describe("PostgreSQL's lock conflict table", () => {
  it("is symmetric, and reads lint's spelling of a mode as pg_locks' one", () => {
    for (const a of MODES) {
      for (const b of MODES) expect(conflictingModes(a).includes(b), `${a} / ${b}`).toBe(conflictingModes(b).includes(a));
    }
    expect(conflictingModes("ACCESS EXCLUSIVE")).toEqual(MODES);
    expect(conflictingModes("AccessShareLock")).toEqual(["AccessExclusiveLock"]);
    // CREATE INDEX CONCURRENTLY and VALIDATE CONSTRAINT wait for each other, not for reads and writes
    expect(conflictingModes("SHARE UPDATE EXCLUSIVE")).toEqual(["ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"]);
  });
});

describe("where the settings are read", () => {
  it("config: ddlLockTimeout (0 is none), online's 2 s default, retries and delay with their defaults", () => {
    const resolve = (user: object) => resolveConfig({ entities: [], ...user }, null);
    expect([resolve({}).ddlLockTimeout, resolve({ online: true }).ddlLockTimeout, resolve({ online: true, ddlLockTimeout: 0 }).ddlLockTimeout]).toEqual([null, 2000, null]);
    expect(resolve({ ddlLockTimeout: 750 })).toMatchObject({ ddlLockTimeout: 750, ddlLockRetries: 5, ddlLockRetryDelay: 500 });
    expect(resolve({ ddlLockRetries: 0, ddlLockRetryDelay: 10 })).toMatchObject({ ddlLockRetries: 0, ddlLockRetryDelay: 10 });
    expect(() => validateConfig({ entities: [], ddlLockRetries: 2.5 }, "migrator.config.ts")).toThrow(
      new ConfigError('"ddlLockRetries" in migrator.config.ts must be a non-negative whole number, got number 2.5'),
    );
    expect(() => validateConfig({ entities: [], ddlLockTimeout: "2s" }, "migrator.config.ts")).toThrow(/"ddlLockTimeout" .* must be a non-negative number/);
  });

  it(".sql header: `-- ddl_lock_timeout:` in ms, 0 or none for none, anything else refused with its line", () => {
    const header = (value: string) => parseSqlRevisionHeader(`-- revision: 3f2a9c1b7d4e\n-- down_revision: none\n-- ddl_lock_timeout: ${value}\n\nSELECT 1;\n`, "r.sql");
    expect([header("5000").ddlLockTimeout, header("0").ddlLockTimeout, header("none").ddlLockTimeout]).toEqual([5000, null, null]);
    expect(parseSqlRevisionHeader("-- revision: 3f2a9c1b7d4e\n-- down_revision: none\n", "r.sql").ddlLockTimeout).toBeUndefined();
    expect(() => header("2s")).toThrow(RevisionError);
    expect(() => header("2s")).toThrow('r.sql:3: `ddl_lock_timeout` must be a whole number of milliseconds or none, not "2s"');
  });

  it(".ts revision: `export const ddlLockTimeout` in ms, 0 or null for none, anything else refused naming the file", async () => {
    await withTempDir(async (dir) => {
      mkdirSync(join(dir, "migrations"));
      const load = (id: string, value: string) => {
        const file = join(dir, "migrations", `${id}_r.ts`);
        writeFileSync(file, `export const revision = "${id}";\n${value}\nexport async function upgrade() {}\nexport async function downgrade() {}\n`);
        return loadRevisionModule(id, file, dir, postgres);
      };
      expect(load("e10000000001", "export const ddlLockTimeout = 5000;").ddlLockTimeout).toBe(5000);
      expect(load("e10000000002", "export const ddlLockTimeout = 0;").ddlLockTimeout).toBeNull();
      expect(load("e10000000003", "export const ddlLockTimeout = null;").ddlLockTimeout).toBeNull();
      expect("ddlLockTimeout" in load("e10000000004", "")).toBe(false);
      expect(() => load("e10000000005", 'export const ddlLockTimeout = "2s";')).toThrow(
        'revision e10000000005 (migrations/e10000000005_r.ts) exports ddlLockTimeout = "2s": it must be a number of milliseconds, or 0 / null for none',
      );
    });
  });
});

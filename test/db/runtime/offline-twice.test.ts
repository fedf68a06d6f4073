/**
 * An offline script run twice: every step starts with a guard, so the second
 * run stops at its first step with a clear message and changes nothing
 * (it used to insert a data-only revision's rows twice and log twice, both
 * runs exiting 0). Run with psql as a user would; the server only (PGlite
 * has no psql). Run once, the script gives what `upgrade` gives.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { current } from "../../../src/commands/current";
import { downgrade } from "../../../src/commands/downgrade";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { dumpSchema } from "../guarantees/catalog";
import { makeProject } from "./project";

interface PsqlResult {
  readonly code: number;
  readonly stderr: string;
}

/** `psql -v ON_ERROR_STOP=1 -f script`, as the docs tell users to run a script. */
async function psql(url: string, sql: string, dir: string): Promise<PsqlResult> {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.sql`);
  writeFileSync(file, sql);
  try {
    // notices (CREATE TABLE IF NOT EXISTS ... skipping) left out: only errors matter here
    const env = { ...process.env, PGOPTIONS: "-c client_min_messages=warning" };
    const { stderr } = await promisify(execFile)("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-f", file], { env });
    return { code: 0, stderr };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stderr: failed.stderr ?? "" };
  }
}

/** Everything a rerun could change: schema, version rows, log rows, data. */
async function state(executor: Executor, url: string, data: string | null): Promise<string> {
  const rows = async (sql: string): Promise<string> => JSON.stringify((await executor.query(sql)).rows);
  return [
    await dumpSchema(url),
    await rows("SELECT version_num FROM migrator_version ORDER BY 1"),
    await rows("SELECT revision, direction FROM migrator_log ORDER BY id"),
    data === null ? "" : await rows(data),
  ].join("\n");
}

const server = serverUrl();

describe.runIf(server !== null)("offline scripts run twice with psql", () => {
  const backend = { name: "server" as const, adminUrl: server as string };

  it("a data-only step does not run again: the second run fails at its guard and changes nothing", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const project = makeProject("offline-data", { embedded: "unused" });
      await upgrade(project.config, { target: "3a0100000000", executor });
      const script = await upgrade(project.config, { target: "3a0100000000:head", sql: true });
      if (script.mode !== "offline") throw new Error("expected a script");
      const data = "SELECT v FROM t_data ORDER BY v";

      expect(await psql(url as string, script.sql, project.dir)).toEqual({ code: 0, stderr: "" });
      const once = await state(executor, url as string, data);
      expect(once).toContain('[{"v":"one"},{"v":"three"},{"v":"two"}]');

      const twice = await psql(url as string, script.sql, project.dir);
      expect(twice.code).toBe(3);
      expect(twice.stderr).toContain(
        "ERROR:  migrator: the upgrade of revision 3b0200000000 expects the version table at 3a0100000000, but it is at 3c0300000000",
      );
      expect(twice.stderr).toContain("HINT:  this script has already run here, or the database is at another revision");
      expect(await state(executor, url as string, data)).toBe(once);

      // the downgrade script too, its non-transactional step first
      const down = await downgrade(project.config, { target: "head:3a0100000000", sql: true });
      if (down.mode !== "offline") throw new Error("expected a script");
      expect((await psql(url as string, down.sql, project.dir)).code).toBe(0);
      const downOnce = await state(executor, url as string, data);
      expect(downOnce).toContain('"version_num":"3a0100000000"');
      const downTwice = await psql(url as string, down.sql, project.dir);
      expect(downTwice.code).toBe(3);
      expect(downTwice.stderr).toContain("the downgrade of revision 3c0300000000 expects the version table at 3c0300000000, but it is at 3a0100000000");
      expect(await state(executor, url as string, data)).toBe(downOnce);
    });
  });

  it("a script stopped inside a non-transactional step leaves the trace current reports", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const project = makeProject("interrupted", { embedded: "unused" });
      const script = await upgrade(project.config, { target: "head", sql: true });
      if (script.mode !== "offline") throw new Error("expected a script");
      const run = await psql(url as string, script.sql, project.dir);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain("could not create unique index");
      const now = await current(project.config, { executor });
      expect(now.revisions).toEqual(["2a0100000000"]);
      expect(now.interrupted.map((s) => [s.revision, s.invalidIndexes])).toEqual([["2b0200000000", ["public.big_v_idx"]]]);
    });
  });

  it("from base through branches and a merge: once gives what upgrade gives, twice stops at the first step", async () => {
    await withDatabase(backend, async (offline) => {
      await withDatabase(backend, async (online) => {
        const project = makeProject("graph", { embedded: "unused" });
        const script = await upgrade(project.config, { target: "heads", sql: true });
        if (script.mode !== "offline") throw new Error("expected a script");
        expect(await psql(offline.url as string, script.sql, project.dir)).toEqual({ code: 0, stderr: "" });
        await upgrade(project.config, { target: "heads", executor: online.executor });
        const versions = "SELECT version_num FROM migrator_version ORDER BY 1";
        expect((await offline.executor.query(versions)).rows).toEqual((await online.executor.query(versions)).rows);
        expect(await dumpSchema(offline.url as string)).toBe(await dumpSchema(online.url as string));

        const once = await state(offline.executor, offline.url as string, null);
        const twice = await psql(offline.url as string, script.sql, project.dir);
        expect(twice.code).toBe(3);
        expect(twice.stderr).toMatch(/ERROR: {2}migrator: the upgrade of revision aaa100000000 expects the version table at base, but it is at abc700000000, eee500000000/);
        expect(await state(offline.executor, offline.url as string, null)).toBe(once);
      });
    });
  });
});

describe.each(backendsUnderTest())("an offline script run twice in one session on $name", (backend) => {
  // one message of many statements is one implicit transaction: the transactional fixture only
  it("the second run raises at the guard of its first step and changes nothing", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const script = await upgrade(project.config, { target: "heads", sql: true });
      if (script.mode !== "offline") throw new Error("expected a script");
      await executor.exec(script.sql);
      const counts = "SELECT (SELECT count(*) FROM migrator_log)::int AS log, (SELECT string_agg(version_num, ',' ORDER BY version_num) FROM migrator_version) AS rows";
      const once = (await executor.query(counts)).rows;
      expect(once).toEqual([{ log: 7, rows: "abc700000000,eee500000000" }]);
      await expect(executor.exec(script.sql)).rejects.toThrow(
        "migrator: the upgrade of revision aaa100000000 expects the version table at base, but it is at abc700000000, eee500000000",
      );
      await executor.exec("ROLLBACK").catch(() => undefined);
      expect((await executor.query(counts)).rows).toEqual(once);
    });
  });
});

/**
 * A non-transactional revision that stops half-way (here: CREATE UNIQUE
 * INDEX CONCURRENTLY failing on duplicates, which leaves the index INVALID;
 * on the server also a run killed with SIGKILL while the index build waits)
 * is recorded when it starts, so `current`, `status` and the next `upgrade`
 * say what happened, what may be half-done and the ways out; the generated
 * CREATE INDEX CONCURRENTLY is re-runnable once the cause is gone.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { formatCurrent } from "../../../src/cli/format/current";
import { formatStatus } from "../../../src/cli/format/status";
import { current } from "../../../src/commands/current";
import { status } from "../../../src/commands/status";
import { upgrade } from "../../../src/commands/upgrade";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import { runtimeTables } from "../../../src/runtime/tables";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest, serverUrl, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

async function indexValidity(executor: Executor, name: string): Promise<boolean | null> {
  const result = await executor.query<{ valid: boolean }>(
    "SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = $1",
    [name],
  );
  return result.rows[0]?.valid ?? null;
}

async function failure(run: Promise<unknown>): Promise<MigratorError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigratorError);
  return error as MigratorError;
}

describe.each(backendsUnderTest())("an interrupted non-transactional revision on $name", (backend) => {
  it("is reported by current, status and the next upgrade, and the rerun repairs what it left", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("interrupted", { embedded: "unused" });
      const tables = runtimeTables(project.config);
      const first = await failure(upgrade(project.config, { target: "head", executor }));
      expect(first.message).toMatch(/upgrade of revision 2b0200000000 .* failed: .*SQLSTATE 23505/);
      expect(first.hint).toMatch(/not transactional.*migrator stamp 2b0200000000/);
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["2a0100000000"]);
      const invalid = await indexValidity(executor, "big_v_idx");

      // the log row of its start stays without a finish
      const log = await executor.query<{ revision: string; finished: boolean }>(
        "SELECT revision, finished_at IS NOT NULL AS finished FROM migrator_log ORDER BY id",
      );
      expect(log.rows).toEqual([
        { revision: "2a0100000000", finished: true },
        { revision: "2b0200000000", finished: false },
      ]);

      const now = await current(project.config, { executor });
      expect(now.interrupted.map((s) => [s.revision, s.direction, s.stamp])).toEqual([["2b0200000000", "up", "migrator stamp 2b0200000000"]]);
      const indexLine = invalid === false ? "INVALID index found: public.big_v_idx" : "no INVALID index found";
      const printed = formatCurrent(now).split("\n");
      expect(printed[0]).toMatch(/^2a0100000000/);
      expect(printed[1]).toMatch(
        new RegExp(`^interrupted: the upgrade of revision 2b0200000000 \\(not transactional\\) started at \\d{4}-.*Z and did not finish: ${indexLine}$`),
      );
      expect(printed[2]).toBe("  if it did finish its work, `migrator stamp 2b0200000000`; otherwise drop what it left (e.g. an INVALID index) and rerun");
      expect(formatStatus(await status(project.config, { executor }))).toContain(`interrupted: the upgrade of revision 2b0200000000`);

      // the rerun fails again (the duplicates are still there): the error names the interruption
      const notes: string[] = [];
      const again = await failure(upgrade(project.config, { target: "head", executor, notify: (line) => notes.push(line) }));
      expect(notes[0]).toMatch(/^warning: the upgrade of revision 2b0200000000 \(not transactional\) started at .* and did not finish/);
      expect(again.message).toMatch(/SQLSTATE 23505.*\(after an interrupted run: the upgrade of revision 2b0200000000/);
      expect(again.hint).toContain("`migrator stamp 2b0200000000`");

      // the cause gone, the rerun drops the INVALID index, builds it and finishes
      await executor.exec("UPDATE t_big SET v = id");
      await upgrade(project.config, { target: "head", executor });
      expect(await indexValidity(executor, "big_v_idx")).toBe(true);
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["2b0200000000"]);
      const after = await current(project.config, { executor });
      expect(after.interrupted).toEqual([]);
      expect(formatCurrent(after)).not.toContain("interrupted");
    });
  });

  it("is settled by `stamp` when the work was done", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("interrupted", { embedded: "unused" });
      await failure(upgrade(project.config, { target: "head", executor }));
      expect((await current(project.config, { executor })).interrupted).toHaveLength(1);
      const { stamp } = await import("../../../src/commands/stamp");
      await stamp(project.config, { targets: ["2b0200000000"], executor });
      expect((await current(project.config, { executor })).interrupted).toEqual([]);
    });
  });

  it("keeps a log table made before unfinished rows existed working (NOT NULL finished_at, rows kept)", async () => {
    await withDatabase(backend, async ({ executor }) => {
      await executor.exec(
        "CREATE TABLE migrator_version (version_num varchar(64) NOT NULL PRIMARY KEY); " +
          "CREATE TABLE migrator_log (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, revision varchar(64) NOT NULL, " +
          "direction varchar(4) NOT NULL, started_at timestamptz NOT NULL, finished_at timestamptz NOT NULL, duration_ms integer NOT NULL, " +
          "checksum varchar(64), db_user text NOT NULL DEFAULT current_user, client_host text, client_app text, migrator_version text); " +
          "INSERT INTO migrator_log (revision, direction, started_at, finished_at, duration_ms) VALUES ('old', 'up', now(), now(), 1)",
      );
      const project = makeProject("nontx", { embedded: "unused" });
      // read-only commands read it as it is
      expect((await current(project.config, { executor })).interrupted).toEqual([]);
      await upgrade(project.config, { target: "head", executor });
      const log = await executor.query<{ revision: string }>("SELECT revision FROM migrator_log WHERE finished_at IS NOT NULL ORDER BY id");
      expect(log.rows.map((r) => r.revision)).toEqual(["old", "1a0100000000", "1b0200000000"]);
      const nullable = await executor.query<{ column_name: string; is_nullable: string }>(
        "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = 'migrator_log' AND column_name IN ('finished_at', 'duration_ms') ORDER BY 1",
      );
      expect(nullable.rows).toEqual([
        { column_name: "duration_ms", is_nullable: "YES" },
        { column_name: "finished_at", is_nullable: "YES" },
      ]);
    });
  });
});

const ENTRY = join(__dirname, "..", "..", "helpers", "cli-from-src.js");

describe.runIf(serverUrl() !== null)("a non-transactional revision killed with SIGKILL on the server", () => {
  it("leaves a record the next commands report, and the rerun builds the index", async () => {
    await withDatabase({ name: "server", adminUrl: serverUrl() as string }, async ({ executor, url }) => {
      const project = makeProject("nontx", { url: url as string });
      expect((await runCli(["upgrade", "1a0100000000"], project.dir)).code).toBe(0);
      // a writer the index build must wait for once it has created the (still INVALID) index
      const blocker = await connectServer(url as string, "migrator-tests-blocker");
      let child: ChildProcess | undefined;
      try {
        await blocker.exec("BEGIN; INSERT INTO t_items (id) VALUES (1)");
        child = spawn(process.execPath, [ENTRY, "upgrade", "head"], {
          cwd: project.dir,
          env: { ...process.env, MIGRATOR_CODE_CACHE: join(tmpdir(), "migrator-test-code-cache") },
          stdio: "ignore",
        });
        const exited = new Promise<void>((resolve) => child?.on("exit", () => resolve()));
        // deterministic point: the build waits for the blocker's transaction
        let pid: number | undefined;
        while (pid === undefined) {
          const waiting = await executor.query<{ pid: number }>(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'CREATE INDEX CONCURRENTLY%' AND wait_event_type = 'Lock'",
          );
          pid = waiting.rows[0]?.pid;
          if (pid === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // while it runs, `current` says so rather than call it interrupted
        const during = await runCli(["current"], project.dir);
        expect(during.stdout).toMatch(/revision 1b0200000000 \(not transactional\) started at .* and has not finished; a migration holds the lock, so it may still be running/);
        child.kill("SIGKILL");
        await exited;
        // the server side of the kill: its backend goes too (it would only notice the lost client later)
        await executor.query("SELECT pg_terminate_backend($1)", [pid]);
        await blocker.exec("ROLLBACK");
      } finally {
        child?.kill("SIGKILL");
        await blocker.close();
      }
      expect(await indexValidity(executor, "ix_items_id")).toBe(false);

      let result = await runCli(["current"], project.dir);
      expect(result.stdout.split("\n").slice(0, 3)).toEqual([
        expect.stringMatching(/^1a0100000000/),
        expect.stringMatching(
          /^interrupted: the upgrade of revision 1b0200000000 \(not transactional\) started at .* and did not finish: INVALID index found: public\.ix_items_id$/,
        ),
        "  if it did finish its work, `migrator stamp 1b0200000000`; otherwise drop what it left (e.g. an INVALID index) and rerun",
      ]);
      result = await runCli(["status"], project.dir);
      expect(result.stdout).toContain("interrupted: the upgrade of revision 1b0200000000");

      result = await runCli(["upgrade", "head"], project.dir);
      expect(withoutDatabaseLine(result.stderr)).toMatch(/^warning: the upgrade of revision 1b0200000000 .* did not finish/);
      expect(result.code).toBe(0);
      expect(await indexValidity(executor, "ix_items_id")).toBe(true);
      result = await runCli(["current"], project.dir);
      expect(result.stdout).not.toContain("interrupted");
    });
  });
});

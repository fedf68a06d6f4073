/**
 * A revision failing in the middle of a plan: the ones before it stay, it
 * leaves nothing (schema, version row, log row), and the error is one line
 * naming revision, file, statement and SQLSTATE. Broken modules and
 * non-transactional revisions.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { downgrade } from "../../../src/commands/downgrade";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import { runtimeTables } from "../../../src/runtime/tables";
import { reportError } from "../../../src/cli/errors";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

async function publicTables(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name LIKE 't\\_%' ORDER BY 1",
  );
  return result.rows.map((r) => r.name);
}

async function logRows(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ revision: string; direction: string }>("SELECT revision, direction FROM migrator_log ORDER BY id");
  return result.rows.map((r) => `${r.direction} ${r.revision}`);
}

describe.each(backendsUnderTest())("runner failures on $name", (backend) => {
  it("keeps the steps before a failing revision and nothing of it, with a clean one-line error", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("failing", { embedded: "unused" });
      const error = await upgrade(project.config, { target: "head", executor }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigratorError);
      const message = (error as MigratorError).message;
      expect(message).toContain("revision 0b0200000000");
      expect(message).toContain(join("migrations", "0b0200000000_t_bad2.ts"));
      expect(message).toContain("statement: INSERT INTO no_such_table (id) SELECT id FROM t_bad2");
      expect(message).toContain("SQLSTATE 42P01");
      expect(message).toMatch(/no_such_table.*does not exist/);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(project.config))).toEqual(["0a0100000000"]);
      expect(await publicTables(executor)).toEqual(["t_ok1"]);
      expect(await logRows(executor)).toEqual(["up 0a0100000000"]);
      // as the CLI prints it: one error line, one hint line, no stack
      let printed = "";
      expect(reportError(error, false, (t) => void (printed += t))).toBe(1);
      expect(printed.trimEnd().split("\n")).toHaveLength(2);
      expect(printed).toMatch(/^error: upgrade of revision 0b0200000000 .*\nhint: nothing of this revision was kept; the revisions before it stay applied\n$/);
      // rerun: the failing revision is now the run's first, with no revision of this run before it
      const again = await upgrade(project.config, { target: "head", executor }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((again as MigratorError).hint).toBe("nothing of this revision was kept");
    });
  });

  it("rolls back the whole plan with transactionMode all", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("failing", { embedded: "unused" }, { transactionMode: "all" });
      await expect(upgrade(project.config, { target: "head", executor })).rejects.toThrow(/0b0200000000.*42P01/);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(project.config))).toEqual([]);
      expect(await publicTables(executor)).toEqual([]);
      // the same plan without the failing statement runs in one transaction
      const bad = join(project.migrations, "0b0200000000_t_bad2.ts");
      writeFileSync(bad, readFileSync(bad, "utf8").replace(/\n.*no_such_table.*\n/, "\n"));
      const fixed = makeProject("failing", { embedded: "unused" }, { transactionMode: "all" });
      writeFileSync(join(fixed.migrations, "0b0200000000_t_bad2.ts"), readFileSync(bad, "utf8"));
      await upgrade(fixed.config, { target: "head", executor });
      expect(await publicTables(executor)).toEqual(["t_after3", "t_bad2", "t_ok1"]);
    });
  });

  it("names the file of a revision module that does not load or lacks upgrade", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("failing", { embedded: "unused" });
      const file = join(project.migrations, "0a0100000000_t_ok1.ts");
      writeFileSync(file, readFileSync(file, "utf8").replace("export async function upgrade(op: Operations): Promise<void> {", "export async function upgrade(op: Operations): Promise<void> {{ ] ("));
      await expect(upgrade(project.config, { target: "head", executor })).rejects.toThrow(
        /syntax error in revision 0a0100000000 migrations\/0a0100000000_t_ok1\.ts:\d+:\d+: /,
      );
      const other = makeProject("failing", { embedded: "unused" });
      const second = join(other.migrations, "0a0100000000_t_ok1.ts");
      writeFileSync(second, readFileSync(second, "utf8").replace("export async function upgrade(", "export async function notUpgrade("));
      await expect(upgrade(other.config, { target: "head", executor })).rejects.toThrow(
        /revision 0a0100000000 \(migrations\/0a0100000000_t_ok1\.ts\) has no exported `upgrade\(op\)` function/,
      );
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(other.config))).toEqual([]);
    });
  });

  it("runs a non-transactional revision (CREATE INDEX CONCURRENTLY) outside a transaction", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("nontx", { embedded: "unused" });
      const result = await upgrade(project.config, { target: "head", executor });
      expect(result.mode === "online" && result.steps.map((s) => s.revision)).toEqual(["1a0100000000", "1b0200000000"]);
      const index = await executor.query("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_items_id'");
      expect(index.rowCount).toBe(1);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(project.config))).toEqual(["1b0200000000"]);
      await downgrade(project.config, { target: "base", executor });
      expect((await executor.query("SELECT 1 FROM pg_indexes WHERE indexname = 'ix_items_id'")).rowCount).toBe(0);

      // the same statement in a transactional revision: a clear error before PostgreSQL's
      const file = join(project.migrations, "1b0200000000_concurrent_index.ts");
      writeFileSync(file, readFileSync(file, "utf8").replace("export const transactional = false;\n", ""));
      const again = makeProject("nontx", { embedded: "unused" });
      writeFileSync(join(again.migrations, "1b0200000000_concurrent_index.ts"), readFileSync(file, "utf8"));
      await expect(upgrade(again.config, { target: "head", executor })).rejects.toThrow(/cannot run inside a transaction/);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(again.config))).toEqual(["1a0100000000"]);
    });
  });
});

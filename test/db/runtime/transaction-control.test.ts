/**
 * op.execute("COMMIT") inside a transactional revision would keep what ran
 * before it while the failure report says nothing was kept: every
 * transaction-control statement is refused there (online, dry run and
 * offline), with a hint to `transactional = false`, where it is allowed.
 */
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import { findTransactionControl } from "../../../src/dialect/postgres";
import { MigratorError } from "../../../src/errors";
import { runtimeTables } from "../../../src/runtime/tables";
import { reportError } from "../../../src/cli/errors";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject, type RuntimeProject } from "./project";

const REFUSED: readonly [string, string][] = [
  ["COMMIT", "COMMIT"],
  ["commit;", "COMMIT"],
  ["/* first */ -- a comment\n  Commit Work", "COMMIT"],
  ["SELECT 1; END", "END"],
  ["SELECT 'x;'; ROLLBACK", "ROLLBACK"],
  ["ROLLBACK TO SAVEPOINT s", "ROLLBACK"],
  ["ABORT", "ABORT"],
  ["BEGIN", "BEGIN"],
  ["START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "START TRANSACTION"],
  ["SAVEPOINT s", "SAVEPOINT"],
  ["RELEASE SAVEPOINT s", "RELEASE"],
  ["SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "SET TRANSACTION"],
  ["PREPARE TRANSACTION 'x'", "PREPARE TRANSACTION"],
  ["COMMIT PREPARED 'x'", "COMMIT"],
  ["SELECT $$;$$; COMMIT", "COMMIT"],
];

/** Statements that only mention the words, in literals, names, comments and bodies. */
const ALLOWED = [
  "SELECT 'COMMIT; ROLLBACK'",
  "SELECT E'\\'; COMMIT; --'",
  'SELECT 1 AS "commit"; SELECT 2 AS "x;commit"',
  "SELECT $$ ; COMMIT $$, $t$ ; END $t$",
  "-- COMMIT\nSELECT 1 /* ; ROLLBACK */",
  "DO $$ BEGIN PERFORM 1; END $$",
  "CREATE FUNCTION t_atomic(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END; SELECT a; END",
  "PREPARE t_plan AS SELECT 1; DEALLOCATE t_plan",
];

describe("findTransactionControl", () => {
  it.each(REFUSED)("%j runs %s", (sql, control) => {
    expect(findTransactionControl(sql)).toBe(control);
  });
  it.each(ALLOWED)("%j runs none", (sql) => {
    expect(findTransactionControl(sql)).toBeUndefined();
  });
});

function revisionFile(sql: string, transactional: boolean): string {
  return `export const revision = "0a0100000000";
export const downRevision = null;
${transactional ? "" : "export const transactional = false;\n"}
export async function upgrade(op: any): Promise<void> {
  await op.createTable("t_before", { columns: [{ name: "id", type: "integer", primaryKey: true }] });
  await op.execute(${JSON.stringify(sql)});
}
export async function downgrade(): Promise<void> {}
`;
}

function project(sql: string, transactional: boolean, executorless = false): RuntimeProject {
  const made = makeProject("failing", { embedded: executorless ? ".migrator/db" : "unused" });
  for (const file of readdirSync(made.migrations)) rmSync(join(made.migrations, file));
  writeFileSync(join(made.migrations, "0a0100000000_tx.ts"), revisionFile(sql, transactional));
  return made;
}

async function tables(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>("SELECT relname AS name FROM pg_class WHERE relname LIKE 't\\_%' AND relkind = 'r' ORDER BY 1");
  return result.rows.map((r) => r.name);
}

describe.each(backendsUnderTest())("transaction control in op.execute on $name", (backend) => {
  it("is refused in a transactional revision, before it runs: nothing of the revision stays", async () => {
    await withDatabase(backend, async ({ executor }) => {
      for (const [sql, control] of REFUSED) {
        const made = project(sql, true);
        const error = await upgrade(made.config, { target: "head", executor }).then(() => undefined, (e: unknown) => e);
        expect(error, sql).toBeInstanceOf(MigratorError);
        expect((error as MigratorError).message).toContain(`runs ${control} inside the revision's transaction`);
        let printed = "";
        reportError(error, false, (t) => void (printed += t));
        expect(printed.trimEnd().split("\n")).toHaveLength(2);
        expect(printed).toContain("export const transactional = false");
        expect(await tables(executor), sql).toEqual([]);
        expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(made.config))).toEqual([]);
        // the dry run and the offline script refuse it too
        // (the dry run reports a failing step in its result)
        const dry = await upgrade(made.config, { target: "head", executor, dryRun: true });
        expect(JSON.stringify(dry)).toContain(`runs ${control} inside the revision's transaction`);
        await expect(upgrade(made.config, { target: "head", sql: true })).rejects.toThrow(`runs ${control} inside`);
      }
    });
  });

  it("lets literals, names, comments and bodies mention the words", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const made = project(ALLOWED.join(";\n"), true);
      await upgrade(made.config, { target: "head", executor });
      expect(await tables(executor)).toEqual(["t_before"]);
    });
  });

  it("is allowed in a revision with transactional = false", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const made = project("BEGIN; CREATE TABLE t_inside (id int); COMMIT", false);
      await upgrade(made.config, { target: "head", executor });
      expect(await tables(executor)).toEqual(["t_before", "t_inside"]);
      expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(made.config))).toEqual(["0a0100000000"]);
    });
  });
});

/**
 * Offline `--sql` (no connection; the script, run later, does what the
 * online run does) and `--dry-run` (runs, reports, rolls back: the catalog
 * is the same before and after).
 */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { downgrade } from "../../../src/commands/downgrade";
import { stamp } from "../../../src/commands/stamp";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import { runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

/** Nothing listens here: any attempt to connect fails. */
const NOWHERE = { url: "postgres://nobody@127.0.0.1:9/nowhere" };

/** Relations, columns, indexes, types and version rows outside the system schemas. */
async function catalog(executor: Executor): Promise<string> {
  const result = await executor.query<{ line: string }>(
    `SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text || ':' ||
            coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)
                        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') AS line
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
      UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'
      UNION ALL SELECT 'type ' || typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND t.typtype = 'e'
      ORDER BY 1`,
  );
  const hasVersion = (await executor.query("SELECT to_regclass('public.migrator_version') IS NOT NULL AS v")).rows[0]?.v === true;
  const rows = hasVersion ? (await executor.query("SELECT version_num FROM migrator_version ORDER BY 1")).rows.map((r) => r.version_num) : [];
  return `${result.rows.map((r) => r.line).join("\n")}\nrows: ${rows.join(",")}`;
}

describe("offline SQL, without a connection", () => {
  it("prints BEGIN/COMMIT per revision, the DDL and the version-table statements for a range", async () => {
    const project = makeProject("graph", NOWHERE);
    const result = await upgrade(project.config, { target: "aaa1:eee5", sql: true });
    if (result.mode !== "offline") throw new Error("expected offline output");
    const sql = result.sql;
    expect(sql.indexOf("CREATE TABLE IF NOT EXISTS \"public\".\"migrator_version\"")).toBeLessThan(sql.indexOf("BEGIN;"));
    expect(sql.match(/^BEGIN;$/gm)).toHaveLength(4); // b, c, d, e
    expect(sql.match(/^COMMIT;$/gm)).toHaveLength(4);
    expect(sql).not.toContain("t_aaa1\" (");
    expect(sql).toContain(`UPDATE "public"."migrator_version" SET version_num = 'ddd400000000' WHERE version_num = 'ccc300000000';`);
    expect(sql).toContain(`DELETE FROM "public"."migrator_version" WHERE version_num = 'bbb200000000';`);
    expect(result.from).toEqual(["aaa100000000"]);
    expect(result.to).toEqual(["eee500000000"]);
  });

  it("requires a range for downgrade, and refuses op.query()", async () => {
    const graph = makeProject("graph", NOWHERE);
    await expect(downgrade(graph.config, { target: "base", sql: true })).rejects.toThrow(/downgrade --sql needs a range FROM:TO/);
    const odd = makeProject("identifiers", NOWHERE);
    await expect(upgrade(odd.config, { target: "head", sql: true })).rejects.toThrow(/op\.query\(\) needs a database connection/);
  });
});

describe.each(backendsUnderTest())("offline SQL and dry run on $name", (backend) => {
  it("an offline script run later does what the online run would", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", NOWHERE);
      const tables = runtimeTables(project.config);
      const up = await upgrade(project.config, { target: "base:heads", sql: true });
      if (up.mode !== "offline") throw new Error("expected offline output");
      await executor.exec(up.sql);
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["abc700000000", "eee500000000"]);
      const logged = await executor.query("SELECT checksum FROM migrator_log WHERE direction = 'up'");
      expect(logged.rowCount).toBe(7);
      const down = await downgrade(project.config, { target: "heads:ccc3", sql: true });
      if (down.mode !== "offline") throw new Error("expected offline output");
      await executor.exec(down.sql);
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["abc700000000", "ccc300000000"]); // g depends on b, not on c: it stays
      const stamped = await stamp(project.config, { targets: ["base:eee5"], sql: true, purge: true });
      await executor.exec(stamped.sql ?? "");
      expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual(["eee500000000"]);
    });
  });

  it("a dry run reports the statements and leaves the catalog untouched", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("graph", { embedded: "unused" });
      const first = await catalog(executor);
      const fresh = await upgrade(project.config, { target: "aaa1", dryRun: true, executor });
      expect(await catalog(executor)).toBe(first); // not even the version table was left behind
      expect(fresh.mode === "dry-run" && fresh.steps[0]?.statements.join("\n")).toContain('CREATE TABLE "public"."t_aaa1"');

      await upgrade(project.config, { target: "ddd4", executor });
      const before = await catalog(executor);
      const result = await upgrade(project.config, { target: "heads", dryRun: true, executor });
      expect(await catalog(executor)).toBe(before);
      if (result.mode !== "dry-run") throw new Error("expected a dry run");
      expect(result.error).toBeUndefined();
      expect(result.steps.map((s) => s.revision)).toEqual(["eee500000000", "fff600000000", "abc700000000"]);
      expect(result.steps.every((s) => s.ran)).toBe(true);
      const back = await downgrade(project.config, { target: "base", dryRun: true, executor });
      expect(await catalog(executor)).toBe(before);
      expect(back.mode === "dry-run" && back.steps.flatMap((s) => s.statements)).toContain('DROP TABLE "public"."t_aaa1"');
    });
  });

  it("a dry run reports the failing step and lists non-transactional steps without running them", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const failing = makeProject("failing", { embedded: "unused" });
      const before = await catalog(executor);
      const result = await upgrade(failing.config, { target: "head", dryRun: true, executor });
      expect(await catalog(executor)).toBe(before);
      if (result.mode !== "dry-run") throw new Error("expected a dry run");
      expect(result.error).toMatch(/0b0200000000.*42P01/);
      expect(result.steps.map((s) => [s.revision, s.ran, s.error !== undefined])).toEqual([
        ["0a0100000000", true, false],
        ["0b0200000000", true, true],
        ["0c0300000000", false, false],
      ]);
      const nontx = makeProject("nontx", { embedded: "unused" });
      const listed = await upgrade(nontx.config, { target: "head", dryRun: true, executor });
      expect(await catalog(executor)).toBe(before);
      if (listed.mode !== "dry-run") throw new Error("expected a dry run");
      expect(listed.steps[1]).toMatchObject({ revision: "1b0200000000", transactional: false, ran: false });
      expect(listed.steps[1]?.statements.join("")).toContain("CREATE INDEX CONCURRENTLY");
    });
  });

  it("identifiers with quotes, dots, spaces and upper case go through the ops and back", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("identifiers", { embedded: "unused" });
      const before = await catalog(executor);
      await upgrade(project.config, { target: "head", executor });
      const after = await catalog(executor);
      expect(after).toContain('Odd "Schema".v1 x.Child.Table Renamed:r:ID integer,Parent.Id integer,Mood Col "Odd ""Schema"".v1 x"."Mood ""Enum""",Renamed "Col" character varying(20)');
      expect(after).toContain('Odd "Schema".v1 x.ix Child.Mood:i');
      const rows = await executor.query<{ v: string }>(`SELECT "Renamed ""Col""" AS v FROM "Odd ""Schema"".v1 x"."Child.Table Renamed"`);
      expect(rows.rows).toEqual([{ v: 'with "quotes"' }]);
      await downgrade(project.config, { target: "base", executor });
      const withoutOurTables = (text: string): string[] => text.split("\n").filter((l) => l !== "" && !l.startsWith("public.migrator_"));
      expect(withoutOurTables(await catalog(executor))).toEqual(withoutOurTables(before));
    });
  });
});

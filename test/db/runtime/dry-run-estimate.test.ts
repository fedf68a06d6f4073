/**
 * upgrade --dry-run's estimates (issue 13): per statement the lock it takes,
 * whether it scans or rewrites the table, and the table's size, which must
 * be what the catalog says (read here by a query of the test's own), as
 * they were before the plan ran and was rolled back. lint --sizes adds the
 * same sizes to its findings.
 */
import { describe, expect, it } from "vitest";
import { formatMigrate } from "../../../src/cli/format/upgrade";
import { formatLint } from "../../../src/cli/format/lint";
import { sizeText } from "../../../src/cli/format/estimate";
import { downgrade } from "../../../src/commands/downgrade";
import { lint } from "../../../src/commands/lint";
import { upgrade } from "../../../src/commands/upgrade";
import type { Executor } from "../../../src/db/types";
import type { TableEffect, TableSize } from "../../../src/lint/types";
import type { DryRunStep } from "../../../src/runtime/dry-run";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

/** The catalog's own word on a table's size. */
async function catalogSize(executor: Executor, table: string): Promise<TableSize> {
  const { rows } = await executor.query<{ reltuples: number; bytes: number }>(
    `SELECT c.reltuples::float8 AS reltuples, pg_total_relation_size(c.oid)::float8 AS bytes
       FROM pg_class c WHERE c.oid = to_regclass($1)`,
    [`public.${table}`],
  );
  const row = rows[0];
  if (row === undefined) throw new Error(`no table ${table}`);
  return { bytes: Number(row.bytes), rows: Number(row.reltuples) };
}

/** What the op-th operation of a step does to a table (first statement of the op unless told). */
function effect(step: DryRunStep | undefined, op: number, table: string, statement = 0): TableEffect | undefined {
  const ofOp = (step?.estimates ?? []).filter((estimate) => "op" in estimate.at && estimate.at.op === op);
  return ofOp[statement]?.tables.find((candidate) => candidate.table.name === table);
}

describe.each(backendsUnderTest())("dry-run estimates on $name", (backend) => {
  it("say the lock, the scan or rewrite and the catalog's size of each statement's tables", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("estimate", { embedded: "unused" });
      await upgrade(project.config, { target: "2a01", executor });
      await executor.exec(`INSERT INTO customers SELECT i FROM generate_series(1, 100) AS i;
        INSERT INTO orders SELECT i, 1 + i % 100, i, 'note ' || i FROM generate_series(1, 3000) AS i;
        ANALYZE customers; ANALYZE orders`);
      const orders = await catalogSize(executor, "orders");
      const customers = await catalogSize(executor, "customers");
      expect(orders.rows).toBe(3000);

      const result = await upgrade(project.config, { target: "head", dryRun: true, executor });
      if (result.mode !== "dry-run") throw new Error("expected a dry run");
      expect(result.error).toBeUndefined();
      const [busy, concurrent] = result.steps;
      const sized = { size: orders, certain: true };
      expect(effect(busy, 1, "orders")).toMatchObject({ lock: { mode: "SHARE", blocks: "writes" }, work: "scan", ...sized });
      expect(effect(busy, 2, "orders")).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "rewrite", ...sized });
      expect(effect(busy, 3, "orders")).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "rewrite", because: ['type of "amount" integer -> bigint'], ...sized });
      expect(effect(busy, 4, "orders")).toMatchObject({ lock: { mode: "SHARE ROW EXCLUSIVE" }, work: "scan", ...sized });
      expect(effect(busy, 4, "customers")).toMatchObject({ lock: { mode: "SHARE ROW EXCLUSIVE" }, work: "none", size: customers });
      expect(effect(busy, 5, "orders")).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "scan", ...sized });
      // op.execute: each statement of its SQL on its own; a constant default and a NOT VALID check touch no row
      expect(effect(busy, 6, "orders", 0)).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "none" });
      expect(effect(busy, 6, "orders", 1)).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "none" });
      // a data change: only schema changes wait for its lock, and it writes every row
      expect(effect(busy, 9, "orders")).toMatchObject({ lock: { mode: "ROW EXCLUSIVE", blocks: "schema-changes" }, work: "scan", ...sized });
      // a table created in the revision holds no rows: nothing said of it
      expect(busy?.estimates?.filter((estimate) => estimate.tables.some((t) => t.table.name === "audit"))).toEqual([]);
      // listed, not run, and estimated all the same
      expect(concurrent).toMatchObject({ transactional: false, ran: false });
      expect(effect(concurrent, 1, "orders")).toMatchObject({ lock: { mode: "SHARE UPDATE EXCLUSIVE", blocks: "schema-changes" }, work: "scan", ...sized });
      expect(effect(concurrent, 2, "orders")).toMatchObject({ lock: { mode: "SHARE UPDATE EXCLUSIVE" }, work: "scan", ...sized });
      // created by the step before: the catalog has no size for it yet
      expect(effect(concurrent, 3, "audit")).toMatchObject({ work: "scan", size: null });

      const text = formatMigrate(result);
      expect(text).toContain(
        `ALTER TABLE "public"."orders" ALTER COLUMN "amount" TYPE bigint;\n--   rewrites "orders" (${sizeText(orders)}) under ACCESS EXCLUSIVE (reads and writes wait): type of "amount" integer -> bigint`,
      );
      expect(text).toContain(`--   scans "audit" (not in the database before this run) under SHARE UPDATE EXCLUSIVE`);
      expect(text).toContain(`--   locks "customers" (${sizeText(customers)}) under SHARE ROW EXCLUSIVE (writes wait), no scan, no rewrite`);
      expect(text).toMatch(/--   ALTER TABLE orders ADD COLUMN flag boolean DEFAULT false: locks "orders" \(.*\) under ACCESS EXCLUSIVE/);
      // rewrites: ops 2 and 3; scans: ops 1, 4, 5 and the UPDATE, then the three statements of the listed step
      expect(text.split("\n").pop()).toBe(`-- in all: 2 statements rewrite a table and 7 scan one; the largest they read: "orders" (${sizeText(orders)})`);

      // the way back is estimated too: dropping the column locks, rewrites nothing
      await upgrade(project.config, { target: "2b02", executor });
      const back = await downgrade(project.config, { target: "2a01", dryRun: true, executor });
      if (back.mode !== "dry-run") throw new Error("expected a dry run");
      expect(effect(back.steps[0], 6, "orders")).toMatchObject({ lock: { mode: "ACCESS EXCLUSIVE" }, work: "none", size: await catalogSize(executor, "orders") });

      const linted = await lint(project.config, { range: "2b02", sizes: true, executor });
      const m005 = linted.revisions[0]?.findings.find((found) => found.code === "M005");
      expect(m005).toMatchObject({ table: { name: "orders" }, size: await catalogSize(executor, "orders") });
      const people = formatLint(linted, project.dir);
      // once per statement with findings on "orders" (ops 1 to 5; op 2 has two findings)
      expect(people.split(`size: "orders" ${sizeText(await catalogSize(executor, "orders"))}`)).toHaveLength(6);
    });
  });
});

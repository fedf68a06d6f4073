/**
 * op.backfill through `upgrade`: 10 500 rows in batches of 1000, every row
 * updated once (a `touched + 1` counter column shows a batch applied twice);
 * no lock held between batches (the session holds none on the table, and
 * on the server a second connection locks rows of done and coming batches
 * NOWAIT); a batch made to fail at one key stops the run after the batches
 * before it, and the rerun carries on from there, counted by a statement
 * trigger; the progress of a finished application is not reused.
 */
import { describe, expect, it } from "vitest";
import { lint } from "../../../src/commands/lint";
import { downgrade } from "../../../src/commands/downgrade";
import { upgrade } from "../../../src/commands/upgrade";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import type { BackfillProgress } from "../../../src/runtime/backfill";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "../runtime/project";

const ROWS = 10_500;

async function failure(run: Promise<unknown>): Promise<MigratorError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigratorError);
  return error as MigratorError;
}

async function one<T>(executor: Executor, sql: string): Promise<T> {
  return (await executor.query(sql)).rows[0] as T;
}

/** Update statements that ran on orders (committed ones: a failed batch rolls its count back), and a failure at one key when asked. */
async function instrument(executor: Executor): Promise<void> {
  await executor.exec(`
    CREATE TABLE update_statements (n integer);
    CREATE TABLE fail_at (id integer);
    CREATE FUNCTION count_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO update_statements VALUES (1); RETURN NULL; END $$;
    CREATE TRIGGER count_update AFTER UPDATE ON orders FOR EACH STATEMENT EXECUTE FUNCTION count_update();
    CREATE FUNCTION fail_at_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id IN (SELECT id FROM fail_at) THEN RAISE EXCEPTION 'refused row %', NEW.id; END IF; RETURN NEW; END $$;
    CREATE TRIGGER fail_at_key BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION fail_at_key();
  `);
}

describe.each(backendsUnderTest())("op.backfill on $name", (backend) => {
  it("updates every row once in batches, holds no lock between them, and a rerun after an interruption carries on", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const project = makeProject("backfill", { embedded: "unused" });
      await upgrade(project.config, { target: "3c0100000000", executor });
      await instrument(executor);
      await executor.exec("INSERT INTO fail_at VALUES (5500)");
      const second = url === null ? undefined : await connectServer(url, "second-client");
      let clientUpdates = 0;
      try {
        const seen: BackfillProgress[] = [];
        const between = async (progress: BackfillProgress): Promise<void> => {
          seen.push(progress);
          // no transaction is left open between batches: this session holds no lock on the table
          expect(await one(executor, "SELECT count(*)::int AS n FROM pg_locks WHERE pid = pg_backend_pid() AND relation = 'orders'::regclass")).toEqual({ n: 0 });
          if (second !== undefined && !progress.finished) {
            // another session writes rows of the batch just done and of the next one, without waiting
            const last = seen.length * 1000;
            const done = await second.query("UPDATE orders SET note = 'client' WHERE id IN (SELECT id FROM orders WHERE id = ANY($1::int[]) FOR UPDATE NOWAIT)", [
              [last, last + 1],
            ]);
            expect(done.rowCount).toBe(2);
            clientUpdates += 1;
          }
        };
        const first = await failure(upgrade(project.config, { target: "head", executor, onBackfill: between }));
        expect(first.message).toMatch(/upgrade of revision 3c0200000000 .*refused row 5500/);
        // five batches committed, the sixth (ids 5001-6000) rolled back whole
        expect(seen.map((p) => [p.rowsDone, p.rowsTotal, p.finished])).toEqual([1, 2, 3, 4, 5].map((k) => [k * 1000, ROWS, false]));
        expect(await one(executor, "SELECT count(*)::int AS n FROM update_statements")).toEqual({ n: 5 + clientUpdates });
        expect(await one(executor, "SELECT count(*) FILTER (WHERE touched = 1)::int AS once, max(id) FILTER (WHERE touched = 1) AS last, max(touched) AS most FROM orders")).toEqual({
          once: 5000,
          last: 5000,
          most: 1,
        });
        expect(await one(executor, "SELECT last_key, rows_done::int, batches, finished_at IS NULL AS open FROM migrator_backfill")).toEqual({
          last_key: ["5000"],
          rows_done: 5000,
          batches: 5,
          open: true,
        });

        await executor.exec("DELETE FROM fail_at");
        const statementsBefore = clientUpdates;
        const lines: string[] = [];
        seen.length = 5;
        await upgrade(project.config, { target: "head", executor, onBackfill: between, notify: (line) => lines.push(line) });
        // the rerun did batches 6..11 (the 11th holds the last 500 rows), each row exactly once
        expect(await one(executor, "SELECT count(*)::int AS n FROM update_statements")).toEqual({ n: 11 + clientUpdates });
        expect(clientUpdates - statementsBefore).toBe(second === undefined ? 0 : 5);
        expect(await one(executor, "SELECT min(touched) AS least, max(touched) AS most, count(*) FILTER (WHERE status = 'new')::int AS new FROM orders")).toEqual({
          least: 1,
          most: 1,
          new: ROWS,
        });
        expect(lines.find((l) => l.startsWith("backfill orders:"))).toBe("backfill orders: 6000/10500 rows (carried on after 5000 rows done by an interrupted run)");
        expect(lines.at(-1)).toBe("backfill orders: 10500/10500 rows, done in 11 batches");
        if (second !== undefined) expect(await one(executor, "SELECT count(*)::int AS n FROM orders WHERE note = 'client'")).toEqual({ n: 2 * clientUpdates });

        // applied again after a downgrade, the backfill starts over: that progress was of a finished application
        await downgrade(project.config, { target: "3c0100000000", executor });
        expect(await one(executor, "SELECT count(*)::int AS n FROM orders WHERE status IS NOT NULL")).toEqual({ n: 0 });
        await upgrade(project.config, { target: "head", executor });
        expect(await one(executor, "SELECT min(touched) AS least, max(touched) AS most FROM orders")).toEqual({ least: 2, most: 2 });
      } finally {
        await second?.close();
      }
    });
  });

  it("the README's add-nullable, backfill, set-NOT-NULL revisions run, lint clean but for M009, and go back down", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("backfill-pattern", { embedded: "unused" });
      const lines: string[] = [];
      await upgrade(project.config, { target: "head", executor, notify: (line) => lines.push(line) });
      expect(lines.filter((l) => l.startsWith("backfill")).at(-1)).toBe("backfill customer: 3000/3000 rows, done in 6 batches");
      expect(
        await one(
          executor,
          "SELECT count(*) FILTER (WHERE email_lower = lower(email))::int AS filled, " +
            "(SELECT attnotnull FROM pg_attribute WHERE attrelid = 'customer'::regclass AND attname = 'email_lower') AS not_null, " +
            "(SELECT count(*)::int FROM pg_constraint WHERE conrelid = 'customer'::regclass AND contype = 'c') AS checks FROM customer",
        ),
      ).toEqual({ filled: 3000, not_null: true, checks: 0 });
      const linted = await lint(project.config);
      // M009: the ACCESS EXCLUSIVE of addColumn and of the NOT VALID add, brief but with no lock_timeout set
      expect(linted.revisions.map((r) => r.findings.map((f) => f.code))).toEqual([[], ["M009"], ["M009"]]);
      await downgrade(project.config, { target: "base", executor });
      expect(await one(executor, "SELECT to_regclass('customer') IS NULL AS gone")).toEqual({ gone: true });
    });
  });

  it("is refused in a transactional revision, in --sql output, and listed by --dry-run; lint flags only the transactional one", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const refused = makeProject("backfill-refused", { embedded: "unused" });
      const error = await failure(upgrade(refused.config, { target: "head", executor }));
      expect(error.message).toMatch(/op\.backfill of items cannot run in a transactional revision: it commits each batch on its own/);
      expect(error.hint).toMatch(/export const transactional = false/);
      expect(await one(executor, "SELECT to_regclass('items') IS NULL AS gone")).toEqual({ gone: true });
      const refusedLint = await lint(refused.config);
      expect(refusedLint.revisions[0]?.findings.map((f) => f.code)).toEqual(["M011"]);

      const project = makeProject("backfill", { embedded: "unused" });
      const offline = await failure(upgrade(project.config, { target: "head", sql: true }));
      expect(offline.message).toMatch(/op\.backfill of "public"\."orders" cannot be written as an SQL script/);
      await upgrade(project.config, { target: "3c0100000000", executor });
      const dry = await upgrade(project.config, { target: "head", executor, dryRun: true });
      expect(dry.mode === "dry-run" && dry.steps.map((s) => [s.revision, s.ran, s.statements])).toEqual([
        ["3c0200000000", false, [`-- backfill "public"."orders" in batches of 1000: set "status", "touched", each batch committed on its own`]],
      ]);
      const linted = await lint(project.config);
      expect(linted.revisions.map((r) => [r.revision, r.findings.map((f) => f.code)])).toEqual([
        ["3c0100000000", []],
        ["3c0200000000", []],
      ]);
    });
  });
});

/**
 * The backfill walk as a property, on random tables: keys with gaps, a key
 * of one column or of two (an integer and a text with quotes, commas and
 * braces, which must come back from the recorded last key unchanged), a
 * condition selecting some rows, any batch size, and an interruption at a
 * random row followed by a rerun. Always: every row the condition selects
 * is updated exactly once, no other row is touched, and the recorded
 * progress adds up. Also the key checks: no primary key, a nullable key and
 * a key no unique index covers are refused before anything runs.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import type { Executor } from "../../../src/db/types";
import { MigratorError } from "../../../src/errors";
import { collectOperations } from "../../../src/ops/operations";
import type { BackfillOp } from "../../../src/ops/types";
import { BackfillRunner } from "../../../src/runtime/backfill";
import { StatementFailure } from "../../../src/runtime/statement-failure";
import { ensureTables, runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase, type Backend } from "../../helpers/databases";

const tables = runtimeTables({ versionSchema: "public", versionTable: "migrator_version", logTable: "migrator_log" });

async function backfillOp(build: Parameters<typeof collectOperations>[0]): Promise<BackfillOp> {
  const [op] = await collectOperations(build, postgres.types);
  if (op?.kind !== "backfill") throw new Error("expected one backfill");
  return op;
}

/** A run of the step as the runner starts one: its own unfinished log row. */
async function stepRun(executor: Executor, revision: string): Promise<BackfillRunner> {
  const sql = postgres.runtime.startStepSql(tables, { revision, direction: "up", startedAt: new Date(), checksum: null });
  const id = (await executor.query<{ id: string }>(sql)).rows[0]!.id;
  return new BackfillRunner(postgres, executor, tables, { revision, direction: "up", logId: id });
}

/** A database shared by the cases of one backend (each case has tables of its own). */
function sharedDatabase(backend: Backend): () => Executor {
  let executor: Executor | undefined;
  let release: (() => void) | undefined;
  let done: Promise<unknown> | undefined;
  beforeAll(async () => {
    await new Promise<void>((ready) => {
      done = withDatabase(backend, async (db) => {
        executor = db.executor;
        await ensureTables(postgres, db.executor, tables);
        ready();
        await new Promise<void>((resolve) => (release = resolve));
      });
    });
  });
  afterAll(async () => {
    release?.();
    await done;
  });
  return () => executor!;
}

const keyText = fc.string({ unit: fc.constantFrom("a", "B", "'", '"', ",", "{", "}", " ", "\\", "é"), maxLength: 4 });

describe.each(backendsUnderTest())("the backfill walk on $name", (backend) => {
  const db = sharedDatabase(backend);
  let caseNumber = 0;

  it("updates every selected row exactly once, through an interruption and a rerun", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          composite: fc.boolean(),
          keys: fc.uniqueArray(fc.tuple(fc.integer({ min: -50, max: 400 }), keyText), { maxLength: 120, selector: ([a, b]) => `${a}|${b}` }),
          modulus: fc.integer({ min: 1, max: 4 }),
          batchSize: fc.integer({ min: 1, max: 40 }),
          failAt: fc.option(fc.nat({ max: 119 }), { nil: undefined }),
        }),
        async ({ composite, keys, modulus, batchSize, failAt }) => {
          const executor = db();
          caseNumber += 1;
          const table = `walk_${caseNumber}`;
          // single-column keys must be unique on their own
          const rows = composite ? keys : [...new Map(keys.map((k) => [k[0], k])).values()];
          await executor.exec(
            `CREATE TABLE ${table} (a integer NOT NULL, b text NOT NULL, v integer NOT NULL, touched integer NOT NULL DEFAULT 0, label text, ` +
              `PRIMARY KEY (${composite ? "a, b" : "a"}))`,
          );
          for (const [i, [a, b]] of rows.entries()) await executor.query(`INSERT INTO ${table} (a, b, v) VALUES ($1, $2, $3)`, [a, b, i]);
          const failing = failAt === undefined ? undefined : rows[failAt];
          if (failing !== undefined) {
            await executor.exec(
              `CREATE FUNCTION ${table}_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ` +
                `IF NEW.a = ${failing[0]} AND NEW.b = ${postgresLiteral(failing[1])} AND current_setting('test.fail', true) = 'on' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; ` +
                `CREATE TRIGGER fail BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_fail()`,
            );
          }
          const op = await backfillOp((o) =>
            o.backfill(table, { set: { touched: o.sql`touched + 1`, label: "it's {x}" }, where: o.sql`v % ${modulus} = 0`, batchSize }),
          );
          const selected = rows.filter((_, i) => i % modulus === 0).length;
          const revision = table;
          await executor.exec("SET test.fail = 'on'");
          const first = await (await stepRun(executor, revision)).run(op).then(
            () => undefined,
            (e: unknown) => e,
          );
          await executor.exec("SET test.fail = 'off'");
          const stopped = first !== undefined;
          if (stopped) expect(first).toBeInstanceOf(StatementFailure);
          // a failure comes only from a selected row
          expect(stopped).toBe(failing !== undefined && failAt! % modulus === 0);
          if (stopped) await (await stepRun(executor, revision)).run(op);
          const result = await executor.query<{ once: number; other: number; labels: number }>(
            `SELECT count(*) FILTER (WHERE touched = 1 AND v % ${modulus} = 0)::int AS once, count(*) FILTER (WHERE touched <> 0 AND NOT (touched = 1 AND v % ${modulus} = 0))::int AS other, ` +
              `count(*) FILTER (WHERE label = 'it''s {x}')::int AS labels FROM ${table}`,
          );
          expect(result.rows[0]).toEqual({ once: selected, other: 0, labels: selected });
          const state = await executor.query<{ rows_done: number; batches: number; finished: boolean }>(
            "SELECT rows_done::int, batches, finished_at IS NOT NULL AS finished FROM migrator_backfill WHERE revision = $1",
            [revision],
          );
          // full batches, then a last short one (an empty one is not counted) that ends the walk
          expect(state.rows[0]).toEqual({ rows_done: selected, batches: Math.ceil(selected / batchSize), finished: true });
          await executor.exec(`DROP TABLE ${table}`);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("carries progress over several interrupted runs, and drops it once the revision ran the other way", async () => {
    const executor = db();
    await executor.exec(
      "CREATE TABLE resumed (id integer PRIMARY KEY, touched integer NOT NULL DEFAULT 0); INSERT INTO resumed (id) SELECT g FROM generate_series(1, 100) g; " +
        "CREATE FUNCTION resumed_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
        "IF NEW.id = current_setting('test.fail_at', true)::int THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$; " +
        "CREATE TRIGGER fail BEFORE UPDATE ON resumed FOR EACH ROW EXECUTE FUNCTION resumed_fail()",
    );
    const op = await backfillOp((o) => o.backfill("resumed", { set: { touched: o.sql`touched + 1` }, batchSize: 10 }));
    const attempt = async (failAt: number | null): Promise<boolean> => {
      await executor.exec(`SET test.fail_at = '${failAt ?? 0}'`);
      return (await stepRun(executor, "resumed")).run(op).then(
        () => true,
        () => false,
      );
    };
    const touched = async (): Promise<unknown> => (await executor.query("SELECT count(*) FILTER (WHERE touched = 1)::int AS once, max(touched) AS most FROM resumed")).rows[0];
    expect(await attempt(25)).toBe(false); // batches 1-2 done
    expect(await attempt(25)).toBe(false); // fails in its first batch: nothing of its own
    expect(await attempt(55)).toBe(false); // carries on: batches 3-5
    expect(await touched()).toEqual({ once: 50, most: 1 });
    expect(await attempt(null)).toBe(true);
    expect(await touched()).toEqual({ once: 100, most: 1 });
    // interrupted again in a later application, then the revision is run down: the next upgrade starts over
    await executor.exec("UPDATE resumed SET touched = 0; DELETE FROM migrator_backfill WHERE revision = 'resumed'");
    expect(await attempt(35)).toBe(false);
    await executor.exec("INSERT INTO migrator_log (revision, direction, started_at, finished_at) VALUES ('resumed', 'down', now(), now())");
    await executor.exec("SET test.fail_at = '0'; UPDATE resumed SET touched = 0");
    expect(await attempt(null)).toBe(true);
    expect(await touched()).toEqual({ once: 100, most: 1 });
  });

  it("refuses a table without a primary key, a nullable key and a key that is not unique", async () => {
    const executor = db();
    await executor.exec("CREATE TABLE no_pk (a integer NOT NULL, n integer, u integer NOT NULL UNIQUE)");
    const run = async (options: { key?: string[] }): Promise<string> => {
      const op = await backfillOp((o) => o.backfill("no_pk", { set: { n: 1 }, ...options }));
      const error = await (await stepRun(executor, "refusals"))
        .run(op)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(MigratorError);
      return (error as MigratorError).message;
    };
    expect(await run({})).toBe('backfill: table "public"."no_pk" has no primary key to walk in batches');
    expect(await run({ key: ["n"] })).toMatch(/key column "n" of "public"."no_pk" allows NULL/);
    expect(await run({ key: ["a"] })).toMatch(/key \("a"\) of "public"."no_pk" is not unique/);
    expect(await run({ key: ["nope"] })).toMatch(/has no column "nope"/);
    // a unique NOT NULL column is a key
    const op = await backfillOp((o) => o.backfill("no_pk", { set: { n: 1 }, key: "u" }));
    await executor.exec("INSERT INTO no_pk SELECT g, NULL, g FROM generate_series(1, 5) g");
    await (await stepRun(executor, "unique key")).run(op);
    expect((await executor.query("SELECT count(*)::int AS n FROM no_pk WHERE n = 1")).rows[0]).toEqual({ n: 5 });
  });
});

function postgresLiteral(text: string): string {
  return `E'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

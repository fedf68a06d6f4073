/**
 * The lock each online form takes, asked of PostgreSQL itself rather than
 * assumed (server only: PGlite has one connection, so nothing can be watched
 * from a second one).
 *
 * - Which lock: a second session holds ACCESS EXCLUSIVE on the table, the
 *   step's statement queues behind it, and pg_locks shows the mode it asks for.
 * - Whether writers wait: a session holds a write (ROW EXCLUSIVE, as every
 *   application transaction that writes does); the step runs; if it waits,
 *   a new INSERT from a third session either goes through or queues behind
 *   the step, which pg_stat_activity shows. The plain forms queue writers,
 *   the online ones do not.
 * - No scan where the form promises none: NOT VALID adds succeed over rows
 *   that break them, and SET NOT NULL reports (DEBUG1) that the check proves it.
 *
 * The SQL is migrator's: ops through the differ's online split, then the dialect.
 */
import { Client } from "pg";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { toSql } from "../../../src/dialect/postgres";
import { onlinePhases } from "../../../src/diff";
import { collectOperations, type Operations } from "../../../src/ops/operations";
import type { Operation } from "../../../src/ops/types";
import { serverUrl, withDatabase } from "../../helpers/databases";

const admin = serverUrl();

const SCHEMA = [
  "CREATE TABLE account (id serial PRIMARY KEY, email varchar(100))",
  "CREATE TABLE purchase (id serial PRIMARY KEY, account_id integer, amount integer, code varchar(20), note text)",
  "INSERT INTO account (email) SELECT 'a' || g FROM generate_series(1, 100) g",
  "INSERT INTO purchase (account_id, amount, code) SELECT g, g, 'c' || g FROM generate_series(1, 100) g",
];

async function opsOf(build: (op: Operations) => Promise<void>): Promise<Operation[]> {
  return collectOperations(build, postgres.types);
}

/** The statements of the online form of `ops` (tables exist: the online phase holds them all). */
function onlineSql(ops: readonly Operation[]): string[] {
  const phases = onlinePhases(ops, { online: true, concurrentIndexes: new Set() }, postgres.types);
  expect(phases.locking).toEqual([]);
  return phases.online.flatMap((op) => toSql(op)).map((s) => s.sql);
}

function plainSql(ops: readonly Operation[]): string[] {
  return ops.flatMap((op) => toSql(op)).map((s) => s.sql);
}

async function connect(url: string): Promise<Client & { pid: number }> {
  const client = new Client({ connectionString: url, application_name: "migrator-lock-tests" });
  await client.connect();
  const pid = (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid ?? 0;
  return Object.assign(client, { pid });
}

/** Polls `probe` until it returns a value (the test's timeout bounds it; no time is asserted). */
async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function waitingOnLock(observer: Client, pid: number): Promise<boolean> {
  const row = (await observer.query<{ wait_event_type: string | null }>("SELECT wait_event_type FROM pg_stat_activity WHERE pid = $1", [pid])).rows[0];
  return row?.wait_event_type === "Lock";
}

/** The lock mode each statement asks for on `table` (run one by one, each queued behind ACCESS EXCLUSIVE); null when it asks none. */
async function requestedModes(url: string, table: string, statements: readonly string[]): Promise<(string | null)[]> {
  const [holder, runner, observer] = [await connect(url), await connect(url), await connect(url)];
  const modes: (string | null)[] = [];
  try {
    for (const sql of statements) {
      await holder.query("BEGIN");
      await holder.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
      let done = false;
      const running = runner.query(sql).finally(() => (done = true));
      const mode = await until(async () => {
        const row = (await observer.query<{ mode: string }>(
          "SELECT mode FROM pg_locks WHERE pid = $1 AND relation = $2::regclass AND NOT granted",
          [runner.pid, table],
        )).rows[0];
        if (row !== undefined) return row.mode;
        return done ? null : undefined;
      });
      modes.push(mode);
      await holder.query("ROLLBACK");
      await running;
    }
  } finally {
    await Promise.all([holder.end(), runner.end(), observer.end()]);
  }
  return modes;
}

type WriterOutcome = "step did not wait" | "writers go on" | "writers queue behind the step";

/**
 * `setup` runs first; then a session holds a write on purchase, `step` runs,
 * and if it waits, a new INSERT shows whether writers queue behind it.
 */
async function writersDuring(url: string, step: string): Promise<WriterOutcome> {
  const [app, runner, writer, observer] = [await connect(url), await connect(url), await connect(url), await connect(url)];
  try {
    await app.query("BEGIN");
    await app.query("UPDATE purchase SET note = 'held' WHERE id = 1");
    let stepDone = false;
    const stepRun = runner.query(step).finally(() => (stepDone = true));
    const stepWaits = await until(async () => ((await waitingOnLock(observer, runner.pid)) ? true : stepDone ? false : undefined));
    if (!stepWaits) {
      await app.query("ROLLBACK");
      await stepRun;
      return "step did not wait";
    }
    let writeDone = false;
    const write = writer.query("INSERT INTO purchase (amount) VALUES (1)").finally(() => (writeDone = true));
    const outcome = await until<WriterOutcome>(async () =>
      writeDone ? "writers go on" : (await waitingOnLock(observer, writer.pid)) ? "writers queue behind the step" : undefined,
    );
    await app.query("ROLLBACK");
    await Promise.all([stepRun, write]);
    return outcome;
  } finally {
    await Promise.all([app.end(), runner.end(), writer.end(), observer.end()]);
  }
}

async function runOnce(url: string, sql: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function withTables<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (admin === null) throw new Error("server only");
  return withDatabase({ name: "server", adminUrl: admin }, async (db) => {
    for (const sql of SCHEMA) await db.executor.query(sql);
    return fn(db.url ?? "");
  });
}

const index = (): Promise<Operation[]> => opsOf((op) => op.createIndex("purchase", "purchase_code_idx", ["code"]));
const foreignKey = (): Promise<Operation[]> => opsOf((op) => op.createForeignKey("purchase", "purchase_account_fkey", ["account_id"], "account", ["id"]));
const check = (): Promise<Operation[]> => opsOf((op) => op.createCheckConstraint("purchase", "purchase_amount_check", "amount >= 0"));
const unique = (): Promise<Operation[]> => opsOf((op) => op.createUniqueConstraint("purchase", "purchase_code_key", ["code"]));
const notNull = (): Promise<Operation[]> => opsOf((op) => op.alterColumn("purchase", "amount", { nullable: false, existingNullable: true }));

describe.skipIf(admin === null)("online forms' locks, observed on the server", () => {
  it("each statement of each form asks PostgreSQL for the lock it should", async () => {
    await withTables(async (url) => {
      const modes = async (ops: Operation[]): Promise<(string | null)[]> => requestedModes(url, "purchase", onlineSql(ops));
      // the DO block that clears an interrupted build's INVALID index asks for nothing when there is none
      expect(await modes(await index())).toEqual([null, "ShareUpdateExclusiveLock"]);
      await runOnce(url, "DROP INDEX purchase_code_idx");
      expect(await requestedModes(url, "purchase", plainSql(await index()))).toEqual(["ShareLock"]);
      expect(await modes(await foreignKey())).toEqual(["ShareRowExclusiveLock", "ShareUpdateExclusiveLock"]);
      // ADD CHECK asks ACCESS EXCLUSIVE even NOT VALID, held only for the catalog change (the rows are read by VALIDATE)
      expect(await modes(await check())).toEqual(["AccessExclusiveLock", "ShareUpdateExclusiveLock"]);
      // attaching the built index is a catalog change under ACCESS EXCLUSIVE, held only for it: nothing is built or read
      expect(await modes(await unique())).toEqual([null, "ShareUpdateExclusiveLock", "AccessExclusiveLock"]);
      expect(await modes(await notNull())).toEqual(["AccessExclusiveLock", "ShareUpdateExclusiveLock", "AccessExclusiveLock", "AccessExclusiveLock"]);
    });
  });

  it("the long steps (index build, validation) let writers go on; their plain forms queue them", async () => {
    await withTables(async (url) => {
      const run = (sql: string): Promise<void> => runOnce(url, sql);
      const [, build] = onlineSql(await index());
      expect(await writersDuring(url, build ?? "")).toBe("writers go on");
      await run("DROP INDEX purchase_code_idx");
      expect(await writersDuring(url, plainSql(await index())[0] ?? "")).toBe("writers queue behind the step");

      expect(await writersDuring(url, plainSql(await foreignKey())[0] ?? "")).toBe("writers queue behind the step");
      await run("ALTER TABLE purchase DROP CONSTRAINT purchase_account_fkey");
      const [addFk, validateFk] = onlineSql(await foreignKey());
      await run(addFk ?? "");
      expect(await writersDuring(url, validateFk ?? "")).toBe("step did not wait");

      const [addCheck, validateCheck] = onlineSql(await check());
      await run(addCheck ?? "");
      expect(await writersDuring(url, validateCheck ?? "")).toBe("step did not wait");

      const [, buildUnique, attach] = onlineSql(await unique());
      expect(await writersDuring(url, buildUnique ?? "")).toBe("writers go on");
      expect(attach).toMatch(/UNIQUE USING INDEX/);
      await run(attach ?? "");
    });
  });

  it("NOT VALID adds do not read the rows; SET NOT NULL is proven by the validated check, not by a scan", async () => {
    await withTables(async (url) => {
      const client = await connect(url);
      try {
        await client.query("INSERT INTO purchase (account_id, amount) VALUES (9999, -1)");
        const [addFk, validateFk] = onlineSql(await foreignKey());
        const [addCheck, validateCheck] = onlineSql(await check());
        await client.query(addFk ?? "");
        await client.query(addCheck ?? "");
        await expect(client.query(validateFk ?? "")).rejects.toThrow(/violates foreign key constraint/);
        await expect(client.query(validateCheck ?? "")).rejects.toThrow(/violated by some row/);
        await client.query("DELETE FROM purchase WHERE account_id = 9999");
        await client.query(validateFk ?? "");
        await client.query(validateCheck ?? "");

        const debug: string[] = [];
        client.on("notice", (notice) => debug.push(notice.message ?? ""));
        await client.query("SET client_min_messages = debug1");
        for (const sql of onlineSql(await notNull())) await client.query(sql);
        await client.query("RESET client_min_messages");
        expect(debug.some((message) => /sufficient to prove that it does not contain nulls/.test(message))).toBe(true);
        const row = (await client.query<{ attnotnull: boolean }>("SELECT attnotnull FROM pg_attribute WHERE attrelid = 'purchase'::regclass AND attname = 'amount'")).rows[0];
        expect(row?.attnotnull).toBe(true);
        const left = await client.query("SELECT 1 FROM pg_constraint WHERE conrelid = 'purchase'::regclass AND conname LIKE '%not_null'");
        expect(left.rowCount).toBe(0);
      } finally {
        await client.end();
      }
    });
  });
});

/**
 * DDL lock timeouts (issue 13): every step runs under the lock_timeout of
 * its revision or the project (SET LOCAL in its transaction, the session's
 * setting around a non-transactional one, reset afterwards); a statement
 * that gives up waiting for its lock rolls its step back and the step is
 * tried again, each try naming who held the lock; after the last try the
 * step fails with a LockTimeoutError and nothing of it is kept.
 *
 * The blocking part needs a second session holding a lock: server only
 * (PGlite is one session). Nothing here is timed: the tests wait for states
 * (pg_locks, pg_stat_activity) and act from the retry hook.
 */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import type { Executor } from "../../../src/db/types";
import { upgrade } from "../../../src/commands/upgrade";
import type { UserConfig } from "../../../src/config/types";
import { LockTimeoutError, type LockRetry } from "../../../src/runtime/lock-retry";
import { runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, serverUrl, withDatabase, type Backend } from "../../helpers/databases";
import { makeProject } from "./project";

const ACCOUNT = "3a0100000000";
const PHONE = "3b0200000000";

function project(extra: Partial<UserConfig>) {
  return makeProject("lock-retry", { embedded: "unused" }, { ddlLockRetryDelay: 1, ...extra });
}

async function seen(executor: Executor): Promise<string[][]> {
  const result = await executor.query<{ revision: string; value: string }>("SELECT revision, value FROM seen_lock_timeout ORDER BY revision");
  return result.rows.map((row) => [row.revision, row.value]);
}

async function columns(executor: Executor): Promise<string[]> {
  const result = await executor.query<{ name: string }>(
    "SELECT attname AS name FROM pg_attribute WHERE attrelid = 'account'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
  );
  return result.rows.map((row) => row.name);
}

/** Polls (no time limit but the test's) until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe.each(backendsUnderTest())("DDL lock timeouts on $name", (backend) => {
  it.each(["per-revision", "all"] as const)("each step runs under its revision's or the project's lock_timeout, reset afterwards (transactionMode %s)", async (mode) => {
    await withDatabase(backend, async ({ executor }) => {
      const p = project({ ddlLockTimeout: 1000, transactionMode: mode });
      await upgrade(p.config, { target: "head", executor });
      expect(await seen(executor)).toEqual([
        [ACCOUNT, "1s"], // the project's
        [PHONE, "1s"],
        ["3c0300000000", "1500ms"], // the revision's own, outside a transaction
        ["3d0400000000", "0"], // `-- ddl_lock_timeout: none`
      ]);
      expect((await executor.query<{ v: string }>("SELECT current_setting('lock_timeout') AS v")).rows[0]?.v).toBe("0");
    });
  });

  it("online: true brings a 2 s default; without it and without ddlLockTimeout there is none", async () => {
    await withDatabase(backend, async ({ executor }) => {
      await upgrade(project({ online: true }).config, { target: PHONE, executor });
      expect(await seen(executor)).toEqual([
        [ACCOUNT, "2s"],
        [PHONE, "2s"],
      ]);
    });
    await withDatabase(backend, async ({ executor }) => {
      await upgrade(project({}).config, { target: PHONE, executor });
      expect(await seen(executor)).toEqual([
        [ACCOUNT, "0"],
        [PHONE, "0"],
      ]);
    });
  });
});

const server = serverUrl();

describe.skipIf(server === null)("a lock held by another session (server: PGlite is one session)", () => {
  const backend: Backend = { name: "server", adminUrl: server ?? "" };

  /** A session holding ACCESS SHARE on account in an open transaction (a long report, say). */
  async function holder(url: string): Promise<{ session: Executor; pid: number }> {
    const session = await connectServer(url, "lock-holder");
    const pid = Number((await session.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid);
    await session.exec("BEGIN");
    await session.exec("LOCK TABLE account IN ACCESS SHARE MODE");
    return { session, pid };
  }

  /** migrator's session waits for its ACCESS EXCLUSIVE lock on account. */
  const waitingForAccessExclusive = (monitor: Executor) => async () =>
    (await monitor.query("SELECT 1 FROM pg_locks WHERE relation = 'account'::regclass AND mode = 'AccessExclusiveLock' AND NOT granted")).rows.length > 0;

  it.each(["per-revision", "all"] as const)("a step that gives up on its lock is rolled back and retried, names the holder, and succeeds once the holder is gone; readers do not queue behind it (transactionMode %s)", async (mode) => {
    await withDatabase(backend, async ({ executor, url }) => {
      // all: the retry goes back to a savepoint at the step's start instead of rolling the transaction back
      const p = project({ ddlLockTimeout: 1000, ddlLockRetries: 5, transactionMode: mode });
      await upgrade(p.config, { target: ACCOUNT, executor });
      const { session: blocker, pid } = await holder(url as string);
      const monitor = await connectServer(url as string, "lock-monitor");
      const reader = await connectServer(url as string, "lock-reader");
      const readerPid = Number((await reader.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid);
      try {
        const notes: string[] = [];
        const retries: LockRetry[] = [];
        let readerQueued = false;
        let read: Promise<unknown> | undefined;
        const run = upgrade(p.config, {
          target: PHONE,
          executor,
          notify: (line) => notes.push(line),
          onLockRetry: async (retry) => {
            retries.push(retry);
            if (retries.length > 1) return;
            // between two tries migrator waits for nothing: the reader that queued behind its ALTER got through,
            // while the holder still holds its lock (a plain ALTER would keep the reader until the holder ends)
            await read;
            const waiting = await monitor.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'", [readerPid]);
            expect(waiting.rows).toEqual([]);
            expect((await monitor.query("SELECT 1 FROM pg_locks WHERE relation = 'account'::regclass AND NOT granted")).rows).toEqual([]);
            await blocker.exec("COMMIT");
          },
        });
        // a reader arriving while the ALTER waits queues behind it
        await until(waitingForAccessExclusive(monitor));
        read = reader.query("SELECT count(*) FROM account");
        await until(async () => {
          const state = await monitor.query<{ lock: boolean }>("SELECT wait_event_type = 'Lock' AS lock FROM pg_stat_activity WHERE pid = $1", [readerPid]);
          readerQueued ||= state.rows[0]?.lock === true;
          return readerQueued || retries.length > 0;
        });
        const result = await run;
        expect(result.mode === "online" && result.steps.map((s) => s.revision)).toEqual([PHONE]);
        expect(retries.length).toBe(1);
        const first = retries[0] as LockRetry;
        expect(first).toMatchObject({ revision: PHONE, attempt: 1, attempts: 6, lockTimeoutMs: 1000, tables: [{ schema: "public", name: "account" }] });
        expect(first.holders.map((h) => [h.pid, h.application, h.state, h.mode, h.granted])).toEqual([[pid, "lock-holder", "idle in transaction", "AccessShareLock", true]]);
        expect(first.holders[0]?.query).toBe("LOCK TABLE account IN ACCESS SHARE MODE");
        expect(notes.filter((line) => line.includes("lock timeout"))).toEqual([
          expect.stringMatching(
            new RegExp(
              `^warning: lock timeout: the upgrade of revision ${PHONE} waited 1000 ms for a lock on "account" \\(ALTER TABLE .*\\), ` +
                `held by pid ${pid} \\(application "lock-holder", idle in transaction, query started .*: LOCK TABLE account IN ACCESS SHARE MODE\\) ` +
                'holding AccessShareLock on "account"; rolled back, try 2 of 6 in \\d+ ms$',
            ),
          ),
        ]);
        expect(await columns(executor)).toEqual(["id", "email", "phone"]);
        expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(p.config))).toEqual([PHONE]);
        // the first try left nothing: one row of what the step saw, from the try that went through
        expect((await seen(executor)).filter(([revision]) => revision === PHONE)).toEqual([[PHONE, "1s"]]);
        // the point of the test: the reader did queue behind the waiting ALTER (else it proved nothing)
        expect(readerQueued).toBe(true);
      } finally {
        await Promise.all([blocker, monitor, reader].map((s) => s.close().catch(() => undefined)));
      }
    });
  });

  it("after the last try the step fails with the table and the holder named, and nothing of it is kept", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const p = project({ ddlLockTimeout: 100, ddlLockRetries: 2 });
      await upgrade(p.config, { target: ACCOUNT, executor });
      const tables = runtimeTables(p.config);
      const logRows = async () => (await executor.query("SELECT revision FROM migrator_log ORDER BY id")).rows;
      const before = { columns: await columns(executor), log: await logRows() };
      const { session: blocker, pid } = await holder(url as string);
      try {
        const retries: LockRetry[] = [];
        const error = await upgrade(p.config, { target: "head", executor, onLockRetry: (retry) => void retries.push(retry) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(LockTimeoutError);
        const failure = error as LockTimeoutError;
        expect(failure.message).toMatch(
          new RegExp(
            `^upgrade of revision ${PHONE} \\(migrations/3b0200000000_add_phone.ts\\) failed: it waited for a lock on "account" for 100 ms, 3 times, ` +
              `held by pid ${pid} \\(application "lock-holder", .*\\) holding AccessShareLock on "account": statement: ALTER TABLE "public"."account" ADD COLUMN "phone"`,
          ),
        );
        expect(failure.hint).toMatch(/^nothing of this revision was kept/);
        expect(failure.revision).toBe(PHONE);
        expect(failure.holders.map((h) => h.pid)).toEqual([pid]);
        expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
        expect(await postgres.runtime.selectVersionRows(executor, tables)).toEqual([ACCOUNT]);
        expect({ columns: await columns(executor), log: await logRows() }).toEqual(before);
        expect((await seen(executor)).map(([revision]) => revision)).toEqual([ACCOUNT]);
      } finally {
        await blocker.close().catch(() => undefined);
      }
    });
  });

  const INDEX = "3c0300000000";

  async function indexValid(executor: Executor): Promise<boolean | null> {
    const result = await executor.query<{ valid: boolean }>("SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = to_regclass('account_email_idx')");
    return result.rows[0]?.valid ?? null;
  }

  it("a non-transactional step whose CREATE INDEX CONCURRENTLY gave up before building anything tries that statement again", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const p = project({ ddlLockTimeout: 100, ddlLockRetries: 3 });
      await upgrade(p.config, { target: PHONE, executor });
      const blocker = await connectServer(url as string, "lock-holder");
      try {
        // a lock CONCURRENTLY's own SHARE UPDATE EXCLUSIVE waits for (another index build, a VACUUM...)
        await blocker.exec("BEGIN");
        await blocker.exec("LOCK TABLE account IN SHARE UPDATE EXCLUSIVE MODE");
        const retries: LockRetry[] = [];
        await upgrade(p.config, {
          target: INDEX,
          executor,
          onLockRetry: async (retry) => {
            retries.push(retry);
            // nothing was left behind by the try that gave up
            expect(await indexValid(executor)).toBeNull();
            if (retries.length === 1) await blocker.exec("COMMIT");
          },
        });
        expect(retries.map((r) => [r.attempt, r.lockTimeoutMs, r.holders.map((h) => h.mode)])).toEqual([[1, 1500, ["ShareUpdateExclusiveLock"]]]);
        expect(await indexValid(executor)).toBe(true);
        expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(p.config))).toEqual([INDEX]);
      } finally {
        await blocker.close().catch(() => undefined);
      }
    });
  });

  it("one that gave up after creating its index (waiting for an old transaction) is not tried again: the error names the INVALID index and the transaction", async () => {
    await withDatabase(backend, async ({ executor, url }) => {
      const p = project({ ddlLockTimeout: 100, ddlLockRetries: 3 });
      await upgrade(p.config, { target: PHONE, executor });
      const old = await connectServer(url as string, "old-report");
      const pid = Number((await old.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid);
      try {
        // a snapshot older than the index: CONCURRENTLY waits for it after the index is in the catalog
        await old.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        await old.exec("SELECT count(*) FROM seen_lock_timeout");
        const retries: LockRetry[] = [];
        const error = await upgrade(p.config, { target: INDEX, executor, onLockRetry: (retry) => void retries.push(retry) }).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(LockTimeoutError);
        const failure = error as LockTimeoutError;
        expect(retries).toEqual([]);
        expect(failure.message).toMatch(
          new RegExp(`waited for a lock on "account" for 1500 ms, once, no lock on "account" held by another session was found; the oldest open transactions: pid ${pid} \\(application "old-report"`),
        );
        expect(failure.hint).toMatch(/^not tried again: it left the INVALID index public\.account_email_idx \(a rerun of op\.createIndex\(.*\) drops it first; else drop it before the rerun\); this revision is not transactional/);
        expect(await indexValid(executor)).toBe(false);
        expect(await postgres.runtime.selectVersionRows(executor, runtimeTables(p.config))).toEqual([PHONE]);
        // once the transaction is gone the rerun goes through: op.createIndex drops the INVALID index it left first
        await old.exec("COMMIT");
        await upgrade(p.config, { target: INDEX, executor });
        expect(await indexValid(executor)).toBe(true);
      } finally {
        await old.close().catch(() => undefined);
      }
    });
  });
});

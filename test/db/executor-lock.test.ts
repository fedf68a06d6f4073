/**
 * A session waiting for the advisory lock must not stop the holder from
 * running CREATE INDEX CONCURRENTLY: that statement waits for every snapshot
 * open in the database, and a waiter blocked inside pg_advisory_lock holds
 * one (a deadlock, or PostgreSQL's deadlock error). The executor polls, so
 * the waiter is idle between tries.
 */
import { describe, expect, it } from "vitest";
import { connectServer } from "../../src/dialect/postgres/connection/server";
import { serverUrl, withDatabase } from "../helpers/databases";

const admin = serverUrl();

describe("advisory lock waiter and CREATE INDEX CONCURRENTLY in the holder", () => {
  it.skipIf(!admin)("the holder's concurrent index build finishes while another session waits; the waiter gets the lock after", async () => {
    await withDatabase({ name: "server", adminUrl: admin ?? "" }, async ({ url }) => {
      const holder = await connectServer(url ?? "", "lock-holder");
      const waiter = await connectServer(url ?? "", "lock-waiter");
      try {
        await holder.exec("CREATE TABLE t (id int)");
        const events: string[] = [];
        let started!: () => void;
        const waiterAsked = new Promise<void>((done) => (started = done));
        let waiting: Promise<unknown> = Promise.resolve();
        await holder.withAdvisoryLock(11n, async () => {
          waiting = waiter.withAdvisoryLock(11n, async () => events.push("waiter has the lock"), { onWait: () => started() });
          await waiterAsked;
          // the waiter has found the lock taken and keeps trying; the build must not wait for it
          await holder.exec("CREATE INDEX CONCURRENTLY t_id ON t (id)");
          events.push("index built");
        });
        await waiting;
        expect(events).toEqual(["index built", "waiter has the lock"]);
        const index = await holder.query<{ valid: boolean }>("SELECT indisvalid AS valid FROM pg_index WHERE indexrelid = 't_id'::regclass");
        expect(index.rows).toEqual([{ valid: true }]);
      } finally {
        await holder.close();
        await waiter.close();
      }
    });
  }, 60_000);
});

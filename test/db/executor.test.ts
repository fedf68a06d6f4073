import { describe, expect, it } from "vitest";
import { connectServer } from "../../src/dialect/postgres/connection/server";
import { backendsUnderTest, serverUrl, withDatabase } from "../helpers/databases";

describe.each(backendsUnderTest())("executor on $name", (backend) => {
  it("runs parameterised queries and multi-statement exec", async () => {
    await withDatabase(backend, async ({ executor }) => {
      await executor.exec(`CREATE TABLE "Odd ""name"" t" (id int primary key, label text); INSERT INTO "Odd ""name"" t" VALUES (1, 'a')`);
      const result = await executor.query<{ label: string }>(`SELECT label FROM "Odd ""name"" t" WHERE id = $1`, [1]);
      expect(result.rows).toEqual([{ label: "a" }]);
      const text = await executor.query<{ v: string }>("SELECT $1::text AS v", ["it's; DROP TABLE x"]);
      expect(text.rows[0]?.v).toBe("it's; DROP TABLE x");
    });
  });

  it("commits a transaction that succeeds and rolls back one that throws", async () => {
    await withDatabase(backend, async ({ executor }) => {
      await executor.exec("CREATE TABLE t (id int)");
      await executor.transaction(async () => {
        await executor.query("INSERT INTO t VALUES (1)");
      });
      await expect(
        executor.transaction(async () => {
          await executor.query("INSERT INTO t VALUES (2)");
          await executor.query("SELECT 1/0");
        }),
      ).rejects.toThrow(/division by zero/);
      const rows = await executor.query<{ id: number }>("SELECT id FROM t ORDER BY id");
      expect(rows.rows.map((r) => r.id)).toEqual([1]);
      // the session is usable after the rollback
      await executor.transaction(async () => executor.query("INSERT INTO t VALUES (3)"));
      expect((await executor.query("SELECT id FROM t")).rowCount).toBe(2);
    });
  });

  it("holds an advisory lock while the callback runs and releases it after", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const held = await executor.withAdvisoryLock(42n, async () => {
        // this session's locks only: other test files run beside this one on the same server
        const locks = await executor.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid()");
        return locks.rows[0]?.n;
      });
      expect(held).toBe("1");
      const after = await executor.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
      expect(after.rows[0]?.n).toBe("0");
    });
  });
});

describe("advisory lock between two server sessions", () => {
  const admin = serverUrl();
  it.skipIf(!admin)("a second session waits, names the holder, and times out when asked", async () => {
    await withDatabase({ name: "server", adminUrl: admin ?? "" }, async ({ url }) => {
      const first = await connectServer(url ?? "", "first-runner");
      const second = await connectServer(url ?? "", "second-runner");
      try {
        let release!: () => void;
        const holding = first.withAdvisoryLock(7n, () => new Promise<void>((done) => (release = done)));
        await new Promise((r) => setTimeout(r, 50));
        const waits: string[] = [];
        await expect(second.withAdvisoryLock(7n, async () => "got it", { timeoutMs: 200, onWait: (h) => waits.push(h) })).rejects.toThrow(
          /timed out after 200 ms waiting for the migration lock/,
        );
        expect(waits).toHaveLength(1);
        expect(waits[0]).toMatch(/first-runner/);
        const waiting = second.withAdvisoryLock(7n, async () => "got it");
        release();
        await holding;
        await expect(waiting).resolves.toBe("got it");
      } finally {
        await first.close();
        await second.close();
      }
    });
  });
});

describe("connection errors", () => {
  it("names host, port and database, never the password", async () => {
    const error = await connectServer("postgres://alice:s3cret@127.0.0.1:1/shop").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain("postgres://alice@127.0.0.1:1/shop");
    expect(message).not.toContain("s3cret");
    expect(message.split("\n")).toHaveLength(1);
  });
});

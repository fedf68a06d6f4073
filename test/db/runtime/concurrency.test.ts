/**
 * Four `migrator upgrade head` processes at once against one server
 * database: all exit 0, every revision is applied exactly once (log table),
 * and the ones that waited said so. The test holds the migration lock itself
 * until all four wait, so the race is certain, not a matter of timing.
 */
import { describe, expect, it } from "vitest";
import { connectServer } from "../../../src/dialect/postgres/connection/server";
import { lockKey } from "../../../src/runtime/lock";
import { runtimeTables } from "../../../src/runtime/tables";
import { runCliProcess } from "../../helpers/cli";
import { serverUrl, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

const admin = serverUrl();

describe("concurrent runners on the server", () => {
  it.skipIf(!admin)("four upgrade head processes: all succeed, each step applied once", async () => {
    await withDatabase({ name: "server", adminUrl: admin ?? "" }, async ({ executor, url }) => {
      // a transactional and a non-transactional (CREATE INDEX CONCURRENTLY) revision
      const project = makeProject("nontx", { url: url ?? "" });

      const holder = await connectServer(url ?? "", "test-holder");
      let release!: () => void;
      const held = holder.withAdvisoryLock(lockKey(runtimeTables(project.config).version), () => new Promise<void>((done) => (release = done)));
      try {
        const runs = [0, 1, 2, 3].map(() => runCliProcess(["upgrade", "head"], project.dir));
        // wait (bounded) until all four have found the lock taken (they poll for it, idle in between)
        for (let i = 0; i < 1500; i++) {
          const waiting = await executor.query<{ n: number }>(
            "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'migrator' AND query LIKE '%pg_try_advisory_lock%'",
          );
          if (waiting.rows[0]?.n === 4) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        release();
        await held;
        const results = await Promise.all(runs);
        for (const result of results) {
          expect(result.stderr).toContain("waiting for the migration lock on \"public\".\"migrator_version\", held by pid");
          expect(result.code, result.stderr).toBe(0);
        }
        expect(results.filter((r) => r.stdout.startsWith("nothing to upgrade"))).toHaveLength(3);
      } finally {
        await holder.close();
      }
      const log = await executor.query<{ revision: string; n: number }>("SELECT revision, count(*)::int AS n FROM migrator_log GROUP BY revision ORDER BY revision");
      expect(log.rows).toEqual([
        { revision: "1a0100000000", n: 1 },
        { revision: "1b0200000000", n: 1 },
      ]);
      const rows = await executor.query("SELECT version_num FROM migrator_version");
      expect(rows.rows).toEqual([{ version_num: "1b0200000000" }]);
    });
  }, 240_000);
});

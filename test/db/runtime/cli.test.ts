/**
 * The commands as a user runs them (in-process CLI, the database from the
 * project's config): output, exit codes, status, current, history
 * --indicate-current, validate after editing an applied file.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../../../src/db/types";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { type Backend, backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

/** A database the CLI reaches through the config: the server's test database, or a PGlite folder nobody else holds. */
async function withCliDatabase(backend: Backend, fn: (database: DatabaseConfig) => Promise<void>): Promise<void> {
  if (backend.name === "pglite") return fn({ embedded: join(mkdtempSync(join(tmpdir(), "migrator-cli-pglite-")), "db") });
  await withDatabase(backend, async ({ url }) => fn({ url: url ?? "" }));
}

describe.each(backendsUnderTest())("runner commands through the CLI on $name", (backend) => {
  it("status, upgrade, current, history --indicate-current, validate, stamp", async () => {
    await withCliDatabase(backend, async (database) => {
      const { dir, migrations } = makeProject("graph", database);

      let result = await runCli(["status", "--json"], dir);
      expect(result.code).toBe(0);
      const before = JSON.parse(result.stdout) as { state: string; pending: { revision: string }[]; current: string[] };
      expect(before.state).toBe("behind");
      expect(before.current).toEqual([]);
      expect(before.pending.map((p) => p.revision)).toHaveLength(7);
      expect(before.pending[0]?.revision).toBe("aaa100000000");

      result = await runCli(["upgrade", "heads"], dir);
      expect(result.code).toBe(0);
      expect(withoutDatabaseLine(result.stderr).trimEnd().split("\n").map((l) => l.replace(/ \(.*\)$/, ""))).toEqual(
        before.pending.map((p, i) => `[${i + 1}/7] upgrade ${p.revision}`),
      );
      expect(result.stdout).toContain("now at abc700000000, eee500000000 (was base)");

      result = await runCli(["current"], dir);
      expect(result.stdout.trimEnd().split("\n")).toEqual(["abc700000000 (other) (head) (current)", "eee500000000 (left, right) (head) (current)"]);

      result = await runCli(["history", "--indicate-current"], dir);
      expect(result.stdout.match(/\(current\)/g)).toHaveLength(2);
      expect(result.stdout).toMatch(/-> eee500000000 \(left, right\) \(head\) \(current\)/);

      result = await runCli(["status"], dir);
      expect(result.stdout).toContain("up to date");

      result = await runCli(["validate"], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("ok: 7 applied revisions unchanged");

      // line endings and trailing whitespace are not changes (a formatter, core.autocrlf)
      const ddd4 = join(migrations, "ddd400000000_t_ddd4.ts");
      writeFileSync(ddd4, `${readFileSync(ddd4, "utf8").replace(/\n/g, "  \r\n")}\r\n\r\n`);
      result = await runCli(["validate"], dir);
      expect(result.stdout).toContain("ok: 7 applied revisions unchanged");

      appendFileSync(ddd4, "\n// edited after it ran\n");
      result = await runCli(["validate"], dir);
      expect(result.code).toBe(1);
      expect(result.stdout.trimEnd().split("\n")).toEqual([
        expect.stringMatching(/^changed: ddd400000000 migrations\/ddd400000000_t_ddd4\.ts \(applied .*\): the file differs/),
      ]);
      // a deliberate edit, accepted: recorded in the log with who accepted it
      result = await runCli(["validate", "--accept", "ddd4"], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^accepted ddd400000000: /);
      result = await runCli(["validate"], dir);
      expect(result.code).toBe(0);
      result = await runCli(["log", "-n", "1", "--json"], dir);
      expect(JSON.parse(result.stdout)).toMatchObject({ steps: [{ revision: "ddd400000000", application: "migrator validate --accept" }] });
      expect((await runCli(["validate", "--accept", "zzzz9"], dir)).code).toBe(1);

      result = await runCli(["downgrade", "-1"], dir);
      expect(result.code).toBe(1);
      expect(withoutDatabaseLine(result.stderr)).toMatch(/^error: downgrade -1 is ambiguous: .*several revisions \(abc700000000, eee500000000\)\nhint: /);

      result = await runCli(["downgrade", "eee5"], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe("nothing to downgrade: the database is at abc700000000, eee500000000\n");
      result = await runCli(["downgrade", "ddd4"], dir);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^downgrade eee500000000 \(\d+ ms\), after the merge\nnow at abc700000000, ddd400000000/);

      result = await runCli(["stamp", "base", "--purge"], dir);
      expect(result.code).toBe(0);
      result = await runCli(["current"], dir);
      // at base: a word, not an empty line
      expect(result.stdout).toBe("base\n");

      result = await runCli(["upgrade", "zzzz9"], dir);
      expect(result.code).toBe(1);
      expect(withoutDatabaseLine(result.stderr)).toMatch(/^error: no revision or branch label "zzzz9"\n/);
    });
  });
});

/**
 * SQL revision files in a graph with .ts ones (fixture `mixed`):
 * aaa1 (ts) -> bbb2 (sql: every kind of quoting) -> ccc3 (ts) -> eee5 (sql merge) -> fff6 (ts),
 * and aaa1 -> ddd4 (sql, not transactional: CREATE INDEX CONCURRENTLY) -> eee5.
 * Upgraded and downgraded step by step with the catalog and the data checked
 * at each state; offline --sql, dry run, log checksums and validate alike.
 */
import { appendFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { downgrade } from "../../../src/commands/downgrade";
import { history } from "../../../src/commands/history";
import { show } from "../../../src/commands/show";
import { upgrade } from "../../../src/commands/upgrade";
import { validate } from "../../../src/commands/validate";
import type { Executor } from "../../../src/db/types";
import { splitStatements } from "../../../src/dialect/postgres/split-statements";
import { MigratorError } from "../../../src/errors";
import { runtimeTables } from "../../../src/runtime/tables";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject, type RuntimeProject } from "./project";

const A = "aaa100000000";
const B = "bbb200000000";
const C = "ccc300000000";
const D = "ddd400000000";
const E = "eee500000000";
const F = "fff600000000";

/** Nothing listens here: any attempt to connect fails. */
const NOWHERE = { url: "postgres://nobody@127.0.0.1:9/nowhere" };

/** Relations (with columns and index validity), functions and the rows of every t_ table, migrator's own tables aside. */
async function catalog(executor: Executor): Promise<string> {
  const relations = await executor.query<{ line: string }>(
    `SELECT c.relname || ':' || c.relkind::text || ':' ||
            coalesce((SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)
                        FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '') ||
            coalesce((SELECT CASE WHEN i.indisvalid THEN ' valid' ELSE ' INVALID' END FROM pg_index i WHERE i.indexrelid = c.oid), '') AS line
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname NOT LIKE 'migrator\\_%'
      UNION ALL
     SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
      ORDER BY 1`,
  );
  const lines = relations.rows.map((r) => r.line);
  const tables = await executor.query<{ name: string }>(
    "SELECT relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND relkind = 'r' AND relname LIKE 't\\_%' ORDER BY 1",
  );
  for (const { name } of tables.rows) {
    const data = await executor.query<{ rows: unknown }>(`SELECT coalesce(json_agg(t ORDER BY t.id), '[]') AS rows FROM "${name}" t`);
    lines.push(`${name} rows ${JSON.stringify(data.rows[0]?.rows)}`);
  }
  return lines.join("\n");
}

async function rows(executor: Executor, project: RuntimeProject): Promise<string> {
  return (await postgres.runtime.selectVersionRows(executor, runtimeTables(project.config))).join(",");
}

describe.each(backendsUnderTest())("SQL revisions in a mixed graph on $name", (backend) => {
  it("upgrade and downgrade step by step: every state's catalog and data, each the same on the way down", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("mixed", { embedded: "unused" });
      const seen = new Map<string, string>([["", await catalog(executor)]]);
      for (const target of [A, B, C, D, E, F]) {
        await upgrade(project.config, { target, executor });
        seen.set(await rows(executor, project), await catalog(executor));
      }
      expect([...seen.keys()]).toEqual(["", A, B, C, [C, D].join(","), E, F]);

      const head = seen.get(F) as string;
      expect(head).toContain("t_bbb2:r:id integer,odd;name text,extra integer");
      expect(head).toContain("i_ddd4_v:i:v text valid");
      expect(head).toContain("v_eee5:v:id integer,extra integer,v text");
      expect(head).toContain("function f_bbb2(x integer)");
      expect(head).toContain(`t_bbb2 rows [{"id":1,"odd;name":"it's; fine","extra":null},{"id":2,"odd;name":"back\\\\slash's; too","extra":null}]`);
      expect(head).toContain(`t_aaa1 rows [{"id":1,"note":"from the sql revision; with $ signs"}]`);
      expect(head).toContain(`t_ddd4 rows [{"id":1,"v":"from ts"}]`);
      const calls = await executor.query<{ f: number; g: string }>("SELECT f_bbb2(41) AS f, g_bbb2() AS g");
      expect(calls.rows).toEqual([{ f: 42, g: "a $$ ; b" }]);

      for (const [target, expected] of [["-1", E], ["-1", `${C},${D}`], ["side@base", C], ["-1", B], ["-1", A], ["base", ""]] as const) {
        await downgrade(project.config, { target, executor });
        expect(await rows(executor, project)).toBe(expected);
        expect(await catalog(executor)).toBe(seen.get(expected));
      }
    });
  });

  it("logs checksums that validate compares: an edited .sql file is reported", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("mixed", { embedded: "unused" });
      await upgrade(project.config, { target: "heads", executor });
      const logged = await executor.query<{ revision: string; checksum: string }>("SELECT revision, checksum FROM migrator_log WHERE direction = 'up' ORDER BY revision");
      expect(logged.rows.map((r) => r.revision)).toEqual([A, B, C, D, E, F]);
      expect(logged.rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
      expect((await validate(project.config, { executor })).problems).toEqual([]);
      appendFileSync(join(project.migrations, "ddd400000000_side_sql.sql"), "-- an afterthought\n");
      const { problems } = await validate(project.config, { executor });
      expect(problems.map((p) => [p.revision, p.kind])).toEqual([[D, "changed"]]);
    });
  });

  it("an offline script of the graph, run statement by statement, gives the online run's catalog", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const online = makeProject("mixed", { embedded: "unused" });
      await upgrade(online.config, { target: "heads", executor });
      const expected = await catalog(executor);
      await downgrade(online.config, { target: "base", executor });

      const offline = makeProject("mixed", NOWHERE);
      const up = await upgrade(offline.config, { target: "base:heads", sql: true });
      if (up.mode !== "offline") throw new Error("expected offline output");
      expect(up.sql).toContain("-- upgrade bbb200000000: an .sql revision with every kind of quoting");
      expect(up.sql).toContain("$$\nBEGIN\n  RETURN x + 1; -- a ; inside the body\nEND;\n$$;");
      expect(up.sql).toContain("INSERT INTO t_aaa1 (id, note) VALUES (1, $n$from the sql revision; with $ signs$n$);");
      const side = up.sql.slice(up.sql.indexOf(`-- upgrade ${D}`), up.sql.indexOf(`-- upgrade ${E}`));
      expect(side).toContain("-- not transactional: runs outside a transaction");
      expect(side).not.toContain("BEGIN;");
      expect(side).toContain('CREATE TABLE t_ddd4 (id integer PRIMARY KEY, v text);\nCREATE INDEX CONCURRENTLY i_ddd4_v ON t_ddd4 (v);\nINSERT INTO "public"."migrator_version"');
      expect(up.sql).not.toContain("@UNDO");
      expect(up.sql).not.toContain("DROP TABLE t_bbb2");
      // psql would run it; here each statement goes alone, as CREATE INDEX CONCURRENTLY needs
      for (const { sql } of splitStatements(up.sql).statements) await executor.exec(sql);
      expect(await catalog(executor)).toBe(expected);
      expect(await rows(executor, offline)).toBe(F);

      const down = await downgrade(offline.config, { target: `${F}:${A}`, sql: true });
      if (down.mode !== "offline") throw new Error("expected offline output");
      expect(down.sql).toContain("DROP FUNCTION g_bbb2();");
      for (const { sql } of splitStatements(down.sql).statements) await executor.exec(sql);
      expect(await rows(executor, offline)).toBe(A);
    });
  });

  it("a dry run runs the .sql statements and rolls them back", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("mixed", { embedded: "unused" });
      await upgrade(project.config, { target: A, executor });
      const before = await catalog(executor);
      const result = await upgrade(project.config, { target: C, dryRun: true, executor });
      if (result.mode !== "dry-run") throw new Error("expected a dry run");
      expect(result.error).toBeUndefined();
      expect(result.steps[0]?.statements.slice(0, 2)).toEqual([
        'CREATE TABLE t_bbb2 (\n  id integer PRIMARY KEY, -- the key; not the end of the statement\n  "odd;name" text /* a ; in /* a nested */ comment */\n)',
        "INSERT INTO t_bbb2 (id, \"odd;name\") VALUES (1, 'it''s; fine'), (2, E'back\\\\slash\\'s; too')",
      ]);
      expect(await catalog(executor)).toBe(before);
    });
  });
});

/** A project of the mixed fixture's base and one .sql revision written here. */
function withSqlRevision(text: string, database: { embedded: string } | { url: string } = { embedded: "unused" }): RuntimeProject {
  const project = makeProject("mixed", database);
  for (const file of readdirSync(project.migrations)) if (!file.startsWith("aaa1")) rmSync(join(project.migrations, file));
  writeFileSync(join(project.migrations, "0b0b00000000_one.sql"), text);
  return project;
}

async function failureOf(promise: Promise<unknown>): Promise<MigratorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigratorError);
  return error as MigratorError;
}

describe.each(backendsUnderTest())("SQL revisions that cannot run as written on $name", (backend) => {
  it("without -- @UNDO: the downgrade refuses before anything runs", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = withSqlRevision(`-- revision: 0b0b00000000\n-- down_revision: ${A}\nCREATE TABLE t_one (id int);\n`);
      await upgrade(project.config, { target: "head", executor });
      const before = await catalog(executor);
      const error = await failureOf(downgrade(project.config, { target: "base", executor }));
      expect(error.message).toBe("revision 0b0b00000000 (migrations/0b0b00000000_one.sql) cannot be downgraded: the file has no `-- @UNDO` line and no downgrade SQL");
      expect(await catalog(executor)).toBe(before);
      expect(await rows(executor, project)).toBe("0b0b00000000");
      const offline = await failureOf(downgrade(project.config, { target: `0b0b00000000:${A}`, sql: true }));
      expect(offline.message).toMatch(/cannot be downgraded/);
    });
  });

  it("transaction control in a transactional .sql revision is refused with file:line, allowed with transactional: false", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const body = "CREATE TABLE t_one (id int);\nSELECT 'COMMIT;';\nCOMMIT;\nCREATE TABLE t_two (id int);\n-- @UNDO\nDROP TABLE t_two;\nDROP TABLE t_one;\n";
      const refused = withSqlRevision(`-- revision: 0b0b00000000\n-- down_revision: ${A}\n${body}`);
      const before = await catalog(executor);
      const error = await failureOf(upgrade(refused.config, { target: "head", executor }));
      expect(error.message).toBe("migrations/0b0b00000000_one.sql:5: COMMIT inside the revision's transaction would break its atomicity");
      expect(error.hint).toBe("add `-- transactional: false` to the file's header to manage transactions yourself");
      expect(await catalog(executor)).toBe(before); // refused when loading: not even the base ran
      await expect(upgrade(refused.config, { target: "head", sql: true })).rejects.toThrow(/:5: COMMIT inside/);

      const allowed = withSqlRevision(`-- revision: 0b0b00000000\n-- down_revision: ${A}\n-- transactional: false\n${body}`);
      await upgrade(allowed.config, { target: "head", executor });
      expect(await catalog(executor)).toContain("t_two:r:id integer");
      await downgrade(allowed.config, { target: "base", executor });
      expect(await catalog(executor)).toBe(before);
    });
  });

  it("a failing statement names the revision, the file and the statement; nothing of it is kept", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = withSqlRevision(`-- revision: 0b0b00000000\n-- down_revision: ${A}\nCREATE TABLE t_one (id int);\nINSERT INTO t_nowhere VALUES (1);\n-- @UNDO\n`);
      const error = await failureOf(upgrade(project.config, { target: "head", executor }));
      expect(error.message).toMatch(/^upgrade of revision 0b0b00000000 \(migrations\/0b0b00000000_one\.sql\) failed: .*t_nowhere.* \[SQLSTATE 42P01\]: statement: INSERT INTO t_nowhere VALUES \(1\)$/);
      expect(await rows(executor, project)).toBe(A);
      expect(await catalog(executor)).not.toContain("t_one");
    });
  });

  it("an unterminated string and a second -- @UNDO are named by file:line when loading", async () => {
    const header = `-- revision: 0b0b00000000\n-- down_revision: ${A}\n`;
    const open = withSqlRevision(`${header}SELECT 1;\n\nSELECT $x$ never closed;\n-- @UNDO\n`, NOWHERE);
    await expect(upgrade(open.config, { target: "head", sql: true })).rejects.toThrow("migrations/0b0b00000000_one.sql:5: unterminated dollar-quoted string");
    const twice = withSqlRevision(`${header}SELECT 1;\n-- @UNDO\nSELECT 2;\n  -- @UNDO\n`, NOWHERE);
    await expect(upgrade(twice.config, { target: "head", sql: true })).rejects.toThrow(
      "migrations/0b0b00000000_one.sql:6: a second `-- @UNDO` line (the first is line 4)",
    );
    // in a body or a block comment it is no marker
    const quoted = withSqlRevision(`${header}DO $$ BEGIN\n-- @UNDO\nEND $$;\n/*\n-- @UNDO\n*/\n-- @UNDO\nSELECT 2;\n`, NOWHERE);
    const script = await upgrade(quoted.config, { target: "head", sql: true });
    expect(script.mode === "offline" && script.sql).toContain("DO $$ BEGIN\n-- @UNDO\nEND $$;");
  });
});

describe("history and show of .sql revisions", () => {
  it("list them with the .ts ones, message, labels and merge", () => {
    const project = makeProject("mixed", NOWHERE);
    const listed = history(project.config, { verbose: true });
    expect(listed.revisions.map((r) => [r.revision, r.message])).toEqual([
      [F, "a .ts revision after the .sql merge"],
      [E, "an .sql merge"],
      [C, "a .ts revision after an .sql one"],
      [B, "an .sql revision with every kind of quoting"],
      [D, "a branch off the base, not transactional"],
      [A, "a .ts base"],
    ]);
    const merge = listed.revisions.find((r) => r.revision === E);
    expect(merge).toMatchObject({ isMergePoint: true, downRevisions: [C, D] });
    expect(listed.revisions.find((r) => r.revision === D)?.branchLabels).toEqual(["side"]);
    expect(listed.revisions.find((r) => r.revision === B)?.docstring).toBe(
      "an .sql revision with every kind of quoting\nStatements below hold ; in strings, names, bodies and comments.\n\nRevision ID: bbb200000000\nRevises: aaa100000000\nCreate Date: 2026-01-02 00:00:00 UTC",
    );
    const shown = show(project.config, "eee5").revisions[0];
    expect(shown?.path.endsWith("eee500000000_merge_sql.sql")).toBe(true);
    expect(shown?.body).toContain("CREATE VIEW v_eee5");
  });
});

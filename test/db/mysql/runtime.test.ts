/**
 * The MySQL runtime on MariaDB: the executor over mysql2, the migration
 * lock between two sessions, and revisions run end to end (through the
 * MySQL dialect the config's mysql:// URL chooses, op.execute only): every
 * step runs outside a transaction (MySQL's DDL commits at once), its
 * statements counted in its log row, its version row written only once it
 * has run whole, so a failure half-way is told exactly and changes no
 * version row. What the tests read back they read with SQL of their own.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { formatMigrate } from "../../../src/cli/format/upgrade";
import { current } from "../../../src/commands/current";
import { downgrade } from "../../../src/commands/downgrade";
import { stamp } from "../../../src/commands/stamp";
import { upgrade } from "../../../src/commands/upgrade";
import { resolveConfig } from "../../../src/config/load";
import type { ResolvedConfig } from "../../../src/config/types";
import type { Executor } from "../../../src/db/types";
import { connectServer } from "../../../src/dialect/mysql/connection/server";
import { mysqlRuntime } from "../../../src/dialect/mysql/runtime-part";
import { quoteLiteral } from "../../../src/dialect/mysql/runtime/quote";
import { MigratorError } from "../../../src/errors";
import { runtimeTables } from "../../../src/runtime/tables";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";

const runtime = mysqlRuntime;

async function rows<T>(connection: Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await connection.query(sql, params);
  return result as T[];
}

async function tableNames(connection: Connection): Promise<string[]> {
  const found = await rows<{ name: string }>(connection, "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  return found.map((row) => row.name);
}

async function withExecutor<T>(url: string, fn: (executor: Executor) => Promise<T>): Promise<T> {
  const executor = await connectServer(url);
  try {
    return await fn(executor);
  } finally {
    await executor.close();
  }
}

async function rejection(run: Promise<unknown>): Promise<MigratorError> {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MigratorError);
  return error as MigratorError;
}

/** A revision file of op.execute calls. */
function revision(id: string, down: string | null, upgrade: readonly string[], downgrade: readonly string[]): string {
  const execute = (list: readonly string[]): string[] => list.map((sql) => `op.execute(${JSON.stringify(sql)})`);
  return revisionOf(id, down, execute(upgrade), execute(downgrade));
}

/** A revision file of `op` calls given as code (`op.renameColumn("t", "a", "b")`). */
function revisionOf(id: string, down: string | null, upgrade: readonly string[], downgrade: readonly string[]): string {
  const calls = (list: readonly string[]): string => list.map((call) => `  await ${call};`).join("\n");
  return [
    `/**\n * ${id}\n *\n * Revision ID: ${id}\n * Revises: ${down ?? ""}\n * Create Date: 2026-12-06 12:00:00 UTC\n */`,
    'import type { Operations } from "migrator";',
    `export const revision = "${id}";`,
    `export const downRevision: string | string[] | null = ${down === null ? "null" : `"${down}"`};`,
    "export const branchLabels: string[] = [];",
    "export const dependsOn: string[] = [];",
    `export async function upgrade(op: Operations): Promise<void> {\n${calls(upgrade)}\n}`,
    `export async function downgrade(op: Operations): Promise<void> {\n${calls(downgrade)}\n}`,
    "",
  ].join("\n");
}

/** A project of revisions `files` (name -> text) whose config points at `url` (so the MySQL dialect). */
function project(url: string, files: Record<string, string>): ResolvedConfig {
  const dir = mkdtempSync(join(tmpdir(), "migrator-mysql-runtime-"));
  const migrations = join(dir, "migrations");
  require("node:fs").mkdirSync(migrations);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(migrations, name), text);
  const config = resolveConfig({ entities: [], migrations: "migrations", database: { url } }, join(dir, "migrator.config.ts"));
  expect(config.dialect.name).toBe("mysql");
  return config;
}

const CHAIN = {
  "a10000000000_a.ts": revision("a10000000000", null, ["CREATE TABLE a (id int PRIMARY KEY)", "CREATE TABLE a2 (id int PRIMARY KEY)"], ["DROP TABLE a2", "DROP TABLE a"]),
  "b20000000000_b.ts": revision("b20000000000", "a10000000000", ["CREATE TABLE b (id int PRIMARY KEY)", "INSERT INTO b VALUES (1), (2)"], ["DROP TABLE b"]),
  "c30000000000_c.ts": revision("c30000000000", "b20000000000", ["ALTER TABLE b ADD COLUMN note varchar(20)"], ["ALTER TABLE b DROP COLUMN note"]),
};

describe.skipIf(!mariadbUrl())("the MySQL runtime on MariaDB", () => {
  it("executor: ? parameters bound by the server, several statements per text, transactions committed and rolled back", async () => {
    await withMariaDb(async ({ url, connection }) => {
      await withExecutor(url, async (executor) => {
        expect(executor.description).toMatch(/^mysql:\/\/root@127\.0\.0\.1:3306\/migrator_test_/);
        const hostile = "it's a \\ back'slash\" `tick`";
        const bound = await executor.query<{ v: string; n: unknown }>("SELECT ? AS v, ? AS n", [hostile, null]);
        expect(bound.rows).toEqual([{ v: hostile, n: null }]);
        await executor.exec("CREATE TABLE t (id bigint AUTO_INCREMENT PRIMARY KEY, v varchar(10)); INSERT INTO t (v) VALUES ('x')");
        const again = await executor.exec("CREATE TABLE t (id int)").then(() => undefined, (e: unknown) => e);
        expect([runtime.alreadyExists(again), runtime.errorCode(again)]).toEqual([true, "42S01"]);
        const last = await executor.query<{ id: string }>("INSERT INTO t (v) VALUES ('y'); SELECT CAST(LAST_INSERT_ID() AS CHAR) AS id");
        expect(last.rows).toEqual([{ id: "2" }]);
        expect((await executor.query("UPDATE t SET v = 'z'")).rowCount).toBe(2);
        await executor.transaction(async () => executor.exec("INSERT INTO t (v) VALUES ('kept')"));
        await expect(executor.transaction(async () => {
          await executor.exec("INSERT INTO t (v) VALUES ('gone')");
          throw new Error("stop");
        })).rejects.toThrow("stop");
        expect(await rows(connection, "SELECT v FROM t ORDER BY id")).toEqual([{ v: "z" }, { v: "z" }, { v: "kept" }]);
        // the runtime's literals mean the same whether backslashes escape or not
        const values = ["plain", "it's", "back\\slash\\", "\\'; DROP TABLE t; --", "日本語 ☃ 🎉", "`tick` \"dq\"", "tab\tnew\nline", ""];
        for (const mode of ["", "NO_BACKSLASH_ESCAPES"]) {
          await executor.exec(`SET SESSION sql_mode = '${mode}'`);
          const read = await executor.query<Record<string, string>>(`SELECT ${values.map((v, i) => `${quoteLiteral(v)} AS v${i}`).join(", ")}`);
          expect(Object.values(read.rows[0]!)).toEqual(values);
        }
        await executor.exec("SET SESSION sql_mode = DEFAULT");
        // a statement timeout: MariaDB's max_statement_time, and lock waits bounded (whole seconds) on both servers
        const timeouts = "SELECT @@max_statement_time AS statement, @@lock_wait_timeout AS metadata, @@innodb_lock_wait_timeout AS row_lock";
        const before = (await executor.query(timeouts)).rows[0];
        await executor.exec(runtime.transactions.begin(1500));
        expect((await executor.query(timeouts)).rows[0]).toEqual({ statement: 1.5, metadata: "2", row_lock: "2" });
        await executor.exec(runtime.transactions.chain(runtime.transactions.rollback, runtime.transactions.resetSessionTimeout));
        expect((await executor.query(timeouts)).rows[0]).toEqual(before);
      });
    });
  });

  it("the migration lock: a second session waits, is told the holder, times out; gets it once released; status sees it held", async () => {
    await withMariaDb(async ({ url }) => {
      await withExecutor(url, (first) =>
        withExecutor(url, async (second) => {
          const key = 0x1234_5678_9abc_def0n;
          let release!: () => void;
          const released = new Promise<void>((resolve) => (release = resolve));
          let entered!: () => void;
          const holding = new Promise<void>((resolve) => (entered = resolve));
          const held = first.withAdvisoryLock(key, async () => {
            entered();
            await released;
          });
          await holding;
          expect(await runtime.migrationLockHeld(second, key)).toBe(true);
          expect(await runtime.migrationLockHeld(second, key + 1n)).toBe(false);
          const told: string[] = [];
          const timedOut = await rejection(second.withAdvisoryLock(key, async () => "never", { timeoutMs: 200, onWait: (holder) => told.push(holder) }));
          expect(timedOut.message).toBe("timed out after 200 ms waiting for the migration lock");
          expect(told).toEqual([expect.stringMatching(/^connection \d+ root from 127\.0\.0\.1:\d+$/)]);
          // another key is free meanwhile
          expect(await second.withAdvisoryLock(key + 1n, async () => "other")).toBe("other");
          const waiting = second.withAdvisoryLock(key, async () => "got it");
          release();
          await held;
          expect(await waiting).toBe("got it");
          expect(await runtime.migrationLockHeld(first, key)).toBe(false);
        }),
      );
    });
  });

  it("a chain upgrades (tables created, versions and log recorded, each statement counted), then downgrades to base", async () => {
    await withMariaDb(async ({ url, connection }) => {
      const config = project(url, CHAIN);
      const notes: string[] = [];
      const up = await upgrade(config, { target: "head", notify: (line) => notes.push(line) });
      expect(up.mode === "online" && up.steps.map((s) => s.revision)).toEqual(["a10000000000", "b20000000000", "c30000000000"]);
      // said once per run: DDL cannot be rolled back here
      expect(notes.filter((line) => line.startsWith("note: this database commits each DDL statement at once"))).toHaveLength(1);
      expect(await tableNames(connection)).toEqual(["a", "a2", "b", "migrator_log", "migrator_version"]);
      expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "c30000000000" }]);
      const log = await rows<Record<string, unknown>>(
        connection,
        "SELECT revision, direction, finished_at IS NOT NULL AS finished, duration_ms >= 0 AS timed, statements_done, db_user, migrator_version IS NOT NULL AS versioned FROM migrator_log ORDER BY id",
      );
      expect(log).toEqual([
        { revision: "a10000000000", direction: "up", finished: 1, timed: 1, statements_done: 2, db_user: "root@127.0.0.1", versioned: 1 },
        { revision: "b20000000000", direction: "up", finished: 1, timed: 1, statements_done: 2, db_user: "root@127.0.0.1", versioned: 1 },
        { revision: "c30000000000", direction: "up", finished: 1, timed: 1, statements_done: 1, db_user: "root@127.0.0.1", versioned: 1 },
      ]);
      expect((await current(config)).revisions).toEqual(["c30000000000"]);
      const { steps, latest } = await withExecutor(url, async (executor) => ({
        steps: await runtime.readLog(executor, runtimeTables(config), 2),
        latest: await runtime.readLatestLog(executor, runtimeTables(config)),
      }));
      expect(steps.map((s) => [s.revision, s.finishedAt !== null])).toEqual([["c30000000000", true], ["b20000000000", true]]);
      expect(latest.map((row) => [row.revision, row.direction, row.checksum?.length])).toEqual([
        ["a10000000000", "up", 64],
        ["b20000000000", "up", 64],
        ["c30000000000", "up", 64],
      ]);


      await downgrade(config, { target: "-1" });
      expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "b20000000000" }]);
      await downgrade(config, { target: "base" });
      expect(await tableNames(connection)).toEqual(["migrator_log", "migrator_version"]);
      expect(await rows(connection, "SELECT COUNT(*) AS n FROM migrator_version")).toEqual([{ n: 0 }]);
      expect(await rows(connection, "SELECT COUNT(*) AS n FROM migrator_log WHERE finished_at IS NULL")).toEqual([{ n: 0 }]);
    });
  });

  it("a statement failing in the middle: the error tells the statements done and not done, the version row stays, the next run and current report it", async () => {
    await withMariaDb(async ({ url, connection }) => {
      const config = project(url, {
        "a10000000000_a.ts": CHAIN["a10000000000_a.ts"],
        "b20000000000_b.ts": revision(
          "b20000000000",
          "a10000000000",
          ["CREATE TABLE first_done (id int)", "CREATE TABLE second_done (id int)", "INSERT INTO no_such_table VALUES (1)", "CREATE TABLE never (id int)"],
          ["DROP TABLE never", "DROP TABLE second_done", "DROP TABLE first_done"],
        ),
      });
      const error = await rejection(upgrade(config, { target: "head" }));
      expect(error.message).toMatch(/^upgrade of revision b20000000000 \(migrations\/b20000000000_b\.ts\) failed: Table '.*\.no_such_table' doesn't exist \[SQLSTATE 42S02\]: statement: INSERT INTO no_such_table VALUES \(1\)$/);
      expect(error.hint).toBe(
        "this database cannot roll DDL back, so the revision ran without a transaction: the statements it ran before the failure stay " +
          "(of its statements, 2 statements ran (CREATE TABLE first_done (id int); CREATE TABLE second_done (id int)); " +
          "1 failed (INSERT INTO no_such_table VALUES (1)); 1 statement not run (CREATE TABLE never (id int))), and its version row was not written " +
          "(`migrator status` lists what it may have left; `migrator stamp b20000000000` if its work is done, else undo it and rerun)",
      );
      expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "a10000000000" }]);
      expect(await tableNames(connection)).toEqual(["a", "a2", "first_done", "migrator_log", "migrator_version", "second_done"]);
      expect(await rows(connection, "SELECT revision, finished_at, statements_done FROM migrator_log ORDER BY id")).toEqual([
        { revision: "a10000000000", finished_at: expect.any(Date), statements_done: 2 },
        { revision: "b20000000000", finished_at: null, statements_done: 2 },
      ]);
      const state = await current(config);
      expect(state.interrupted.map((step) => step.statementsDone)).toEqual([2]);
      const notes: string[] = [];
      const rerun = await rejection(upgrade(config, { target: "head", notify: (line) => notes.push(line) }));
      expect(rerun.hint).toBe("if it did finish its work, `migrator stamp b20000000000`; otherwise undo the 2 statements it ran and rerun, or run the rest of it by hand and then `migrator stamp b20000000000`");
      expect(notes[0]).toMatch(
        /^warning: the upgrade of revision b20000000000 \(not transactional\) started at \S+ and did not finish: its first 2 statements ran and stay; statement 3, if any, was running or failed, and those after it did not run$/,
      );
    });
  });

  it("a step's bookkeeping changes no version row unless every change finds the table as planned", async () => {
    await withMariaDb(async ({ url, connection }) => {
      await withExecutor(url, async (executor) => {
        const tables = runtimeTables({ versionSchema: "public", versionTable: "migrator_version", logTable: "migrator_log" });
        for (const sql of runtime.createTablesSql(tables)) await executor.exec(sql);
        await executor.exec("INSERT INTO migrator_version VALUES ('m1'), ('m2')");
        const entry = { revision: "m3", direction: "up" as const, startedAt: new Date(), clientMs: 1.5, checksum: null };
        // a merge: m1 deleted, m2 -> m3; m1 is there, m2 is not (another tool moved it)
        await executor.exec("UPDATE migrator_version SET version_num = 'elsewhere' WHERE version_num = 'm2'");
        const changes = [
          { kind: "delete", revision: "m1" },
          { kind: "update", from: "m2", to: "m3" },
        ] as const;
        const refused = await executor.exec(runtime.recordStepSql(tables, changes, entry)).then(() => undefined, (e: unknown) => e);
        expect(runtime.versionCheckFailure(refused, changes)).toEqual([changes[1]]);
        // nothing changed, no transaction left open
        expect(await rows(connection, "SELECT version_num FROM migrator_version ORDER BY version_num")).toEqual([{ version_num: "elsewhere" }, { version_num: "m1" }]);
        expect(await rows(connection, "SELECT COUNT(*) AS n FROM migrator_log")).toEqual([{ n: 0 }]);
        expect(Number((await executor.query<{ open: unknown }>("SELECT @@in_transaction AS open")).rows[0]?.open)).toBe(0);
        // as planned: applied, with its log row
        await executor.exec("UPDATE migrator_version SET version_num = 'm2' WHERE version_num = 'elsewhere'");
        await executor.exec(runtime.recordStepSql(tables, changes, entry));
        expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "m3" }]);
        expect(await rows(connection, "SELECT revision, duration_ms FROM migrator_log")).toEqual([{ revision: "m3", duration_ms: 2 }]);
        // an insert needs its row absent
        const twice = await executor.exec(runtime.recordStepSql(tables, [{ kind: "insert", revision: "m3" }], entry)).then(() => undefined, (e: unknown) => e);
        expect(runtime.versionCheckFailure(twice, [{ kind: "insert", revision: "m3" }])).toEqual([{ kind: "insert", revision: "m3" }]);
      });
    });
  });

  it("a refused privilege is one line naming the user, what was refused and the grant that allows it", async () => {
    await withMariaDb(async ({ url, connection, database }) => {
      const user = `migrator_ro_${database.slice(-8)}`;
      await connection.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'Pw-1234'`);
      try {
        await connection.query(`GRANT SELECT ON \`${database}\`.* TO '${user}'@'%'`);
        const reader = new URL(url);
        reader.username = user;
        reader.password = "Pw-1234";
        const config = project(reader.toString(), CHAIN);
        const refused = await rejection(upgrade(config, { target: "head" }));
        const table = `\`${database}\`.\`migrator_version\``;
        expect(refused.message).toBe(`permission denied: user '${user}'@'127.0.0.1' may not create on table ${table}`);
        expect(refused.hint).toBe(`GRANT CREATE ON ${table} TO the account of '${user}'@'127.0.0.1' (SELECT CURRENT_USER() names it), or run migrator as a user that has it`);
        expect(runtime.isPrivilegeFailure(refused.cause)).toBe(true);
        expect(runtime.alreadyExists(refused.cause)).toBe(false);
      } finally {
        await connection.query(`DROP USER '${user}'@'%'`);
      }
    });
  });

  it("stamp writes and purges version rows; a tenant's session moves to its database and back", async () => {
    await withMariaDb(async ({ url, connection, database }) => {
      const config = project(url, CHAIN);
      await stamp(config, { targets: ["b20000000000"] });
      expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "b20000000000" }]);
      await stamp(config, { targets: ["base"], purge: true });
      expect(await rows(connection, "SELECT COUNT(*) AS n FROM migrator_version")).toEqual([{ n: 0 }]);
      await withMariaDb(async (tenant) => {
        await withExecutor(url, async (executor) => {
          const at = async (): Promise<unknown> => (await executor.query<{ db: unknown }>("SELECT DATABASE() AS db")).rows[0]?.db;
          await runtime.useSchema(executor, tenant.database);
          expect(await at()).toBe(tenant.database);
          await runtime.useSchema(executor, null);
          expect(await at()).toBe(database);
        });
      });
    });
  });

  it("a batch pins its failure on the statement that failed, syntax errors too", async () => {
    await withMariaDb(async ({ url }) => {
      await withExecutor(url, async (executor) => {
        await executor.exec("CREATE TABLE t (id int PRIMARY KEY)");
        const ok = ["INSERT INTO t VALUES (1);", "INSERT INTO t VALUES (2) -- trailing comment"];
        expect(await runtime.sendBatch(executor, ok)).toBeUndefined();
        expect((await runtime.sendBatch(executor, [...ok.slice(0, 0), "INSERT INTO t VALUES (3)", "INSERT INTO t VALUES (1)", "INSERT INTO t VALUES (4)"]))?.at).toBe(1);
        expect((await runtime.sendBatch(executor, ["INSERT INTO t VALUES (5)", "INSERT INTO t VALUES (6)", "INSRT INTO t VALUES (7)"]))?.at).toBe(2);
        expect((await executor.query<{ id: number }>("SELECT id FROM t ORDER BY id")).rows.map((r) => r.id)).toEqual([1, 2, 3, 5, 6]);
      });
    });
  });

  it("--dry-run runs nothing and says why; --sql prints a script that runs once and stops when run again", async () => {
    await withMariaDb(async ({ url, connection }) => {
      const config = project(url, CHAIN);
      const dry = await upgrade(config, { target: "head", dryRun: true });
      const text = formatMigrate(dry);
      expect(text).toMatch(/^-- dry run of upgrade from base to c30000000000: listed, nothing changed\n-- this database commits each DDL statement at once, so a dry run cannot run the plan and roll it back/);
      expect(text).toContain("CREATE TABLE a2 (id int PRIMARY KEY);");
      expect(text).toContain("UPDATE `migrator_version` SET version_num = 'c30000000000' WHERE version_num = 'b20000000000';");
      expect(await tableNames(connection)).toEqual([]);

      const offline = await upgrade(config, { target: "head", sql: true });
      const script = offline.mode === "offline" ? offline.sql : "";
      expect(script).not.toMatch(/START TRANSACTION|BEGIN/);
      await connection.query(script);
      expect(await tableNames(connection)).toEqual(["a", "a2", "b", "migrator_log", "migrator_version"]);
      expect(await rows(connection, "SELECT version_num FROM migrator_version")).toEqual([{ version_num: "c30000000000" }]);
      expect(await rows(connection, "SELECT revision, finished_at IS NOT NULL AS finished FROM migrator_log ORDER BY id")).toEqual([
        { revision: "a10000000000", finished: 1 },
        { revision: "b20000000000", finished: 1 },
        { revision: "c30000000000", finished: 1 },
      ]);
      // run again: the first guard stops it before anything
      await expect(connection.query(script)).rejects.toThrow("Duplicate entry '~at c30000000000' for key 'PRIMARY'");
      expect(await rows(connection, "SELECT COUNT(*) AS n FROM migrator_log")).toEqual([{ n: 3 }]);
    });
  });
});

describe.skipIf(!mariadbUrl())("a DDL lock timeout on MariaDB", () => {
  it("is told from other failures, and names the open transaction in the way", async () => {
    await withMariaDb(async ({ connection, url }) => {
      await connection.query("CREATE TABLE t (id int PRIMARY KEY) ENGINE=InnoDB");
      // another session reads the table in a transaction left open: it keeps the table's metadata lock
      await connection.query("START TRANSACTION");
      await connection.query("SELECT * FROM t");
      const [ids] = await connection.query("SELECT CONNECTION_ID() AS id");
      const holder = Number((ids as { id: number }[])[0]?.id);
      const executor = await connectServer(url);
      try {
        await executor.exec(mysqlRuntime.transactions.sessionLockTimeout(1000));
        const failure = await executor.exec("ALTER TABLE t ADD COLUMN x int").then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(mysqlRuntime.isLockTimeout(failure)).toBe(true);
        const other = await executor.exec("SELECT * FROM no_such_table").then(
          () => undefined,
          (error: unknown) => error,
        );
        expect(mysqlRuntime.isLockTimeout(other)).toBe(false);
        const holders = await mysqlRuntime.lockHolders(executor, [{ table: { schema: "public", name: "t" }, mode: "exclusive" }]);
        expect(holders.map((h) => h.pid)).toContain(holder);
        expect(holders.find((h) => h.pid === holder)?.state).toBe("idle in transaction");
        await executor.exec(mysqlRuntime.transactions.resetSessionLockTimeout);
      } finally {
        await connection.query("ROLLBACK");
        await executor.close();
      }
    });
  });

  it("a revision's statements fit the server connected to: RENAME COLUMN where it has it, CHANGE COLUMN where VERSION() says MariaDB 10.4", async () => {
    await withMariaDb(async ({ url, connection }) => {
      await connection.query("CREATE TABLE t (a varchar(10) NOT NULL DEFAULT 'x' COMMENT 'kept')");
      const config = project(url, { "d40000000000_rename.ts": revisionOf("d40000000000", null, ['op.renameColumn("t", "a", "b")'], ['op.renameColumn("t", "b", "a")']) });
      const column = async (): Promise<unknown[]> => rows(connection, "SELECT COLUMN_NAME AS name, COLUMN_DEFAULT AS d, COLUMN_COMMENT AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 't'");
      for (const [version, form] of [[null, /RENAME COLUMN/], ["10.4.30-MariaDB-log", /CHANGE COLUMN/]] as const) {
        await withExecutor(url, async (real) => {
          const sent: string[] = [];
          const executor: Executor = {
            ...real,
            query: (sql, params) => {
              sent.push(sql);
              if (version !== null && /^SELECT VERSION\(\) AS version$/.test(sql)) return Promise.resolve({ rows: [{ version }] as never[], rowCount: 1 });
              return real.query(sql, params);
            },
            exec: (sql) => {
              sent.push(sql);
              return real.exec(sql);
            },
          };
          await upgrade(config, { target: "head", executor });
          expect(await column()).toEqual([{ name: "b", d: "'x'", c: "kept" }]);
          await downgrade(config, { target: "base", executor });
          expect(await column()).toEqual([{ name: "a", d: "'x'", c: "kept" }]);
          const renames = sent.filter((sql) => /RENAME COLUMN|CHANGE COLUMN/.test(sql));
          expect(renames.length).toBeGreaterThanOrEqual(2);
          for (const sql of renames) expect(sql).toMatch(form);
        });
      }
    });
  });
});

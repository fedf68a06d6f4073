/**
 * A hinted table rename is a rename, complete and in place: the table's enum
 * type, primary key, unique and check constraints, foreign keys (its own and
 * one pointing at it), index and sequences (serial and identity), whose names
 * TypeORM and PostgreSQL derive from the table name, are renamed with it.
 * The revision holds only renames and nothing destructive; the rows survive
 * both ways; afterwards the catalog is the one the new entities give on an
 * empty database, `check` finds nothing, and the downgrade restores the
 * previous catalog exactly. Catalogs come from pg_dump or plain catalog
 * queries (./catalog.ts), never from src/introspect.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeKeptEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { runCliProcess, withoutDatabaseLine, type CliResult } from "../../helpers/cli";
import { backendsUnderTest } from "../../helpers/databases";
import { cli, configure, generate, snapshot, withProject, withProjectExecutor, type ProjectDatabase } from "./support";

/** The entities, with the audit table named `table`; everything else the same. */
function entities(table: string): string {
  return `import "reflect-metadata";
import { Check, Column, Entity, Generated, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from "typeorm";

export enum Level {
  Info = "info",
  Warn = "warn",
}

@Entity("account")
export class Account {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "text" })
  name!: string;
}

@Entity(${JSON.stringify(table)})
@Unique(["code"])
@Index(["level", "code"])
@Check(\`"code" <> ''\`)
export class Audit {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: "enum", enum: Level, default: Level.Info })
  level!: Level;

  @Column({ type: "varchar", length: 40 })
  code!: string;

  @Column({ type: "int" })
  @Generated("identity")
  serialNo!: number;

  @ManyToOne(() => Account, { nullable: true, onDelete: "SET NULL" })
  account?: Account;
}

@Entity("audit_note")
export class AuditNote {
  @PrimaryGeneratedColumn()
  id!: number;

  @ManyToOne(() => Audit, { onDelete: "CASCADE" })
  log!: Audit;

  @Column({ type: "text" })
  body!: string;
}
`;
}

/** (Re)write the project's entity file for `table`; returns the file. */
function writeEntities(dir: string, table: string): string {
  const folder = join(dir, "entities");
  mkdirSync(folder, { recursive: true });
  const file = join(folder, "index.ts");
  writeFileSync(file, entities(table));
  return file;
}

async function rows(db: ProjectDatabase, table: string): Promise<unknown[]> {
  return withProjectExecutor(db, async (executor) => {
    const audit = await executor.query(`SELECT id, level::text AS level, code, "serialNo", "accountId" FROM public."${table}" ORDER BY id`);
    const notes = await executor.query(`SELECT id, "logId", body FROM public.audit_note ORDER BY id`);
    return [...audit.rows, ...notes.rows];
  });
}

/**
 * The CLI in a process of its own, for what loads the entities after they
 * are rewritten in place: this process keeps the module it loaded first.
 */
async function run(dir: string, args: readonly string[]): Promise<CliResult> {
  await closeKeptEmbedded(); // see withProjectExecutor
  const result = await runCliProcess(args, dir);
  if (result.code !== 0 && args[0] !== "check") throw new Error(`migrator ${args.join(" ")} exited ${result.code}\n${result.stdout}${result.stderr}`);
  return result;
}

/** `revision --autogenerate`; the written file and what was said on stderr. */
async function revise(dir: string, message: string, flags: readonly string[] = []): Promise<{ file: string; stderr: string }> {
  const result = await run(dir, ["revision", "--autogenerate", "-m", message, ...flags]);
  const file = /^Generating (.+) \.\.\. done$/m.exec(result.stdout)?.[1];
  if (file === undefined) throw new Error(`no revision written: ${result.stdout}${result.stderr}`);
  return { file, stderr: withoutDatabaseLine(result.stderr) };
}

/** pg_dump on a server, catalog query lines on PGlite (see withProjectExecutor for the closing). */
async function catalog(db: ProjectDatabase): Promise<string> {
  await closeKeptEmbedded();
  return snapshot(db);
}

/** The op method names of the revision's upgrade body. */
function upgradeCalls(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const body = source.slice(source.indexOf("export async function upgrade"), source.indexOf("export async function downgrade"));
  return [...body.matchAll(/await op\.(\w+)\(/g)].map((m) => m[1]!);
}

describe.each(backendsUnderTest())("a hinted table rename on $name", (backend) => {
  it("renames the table and every name derived from it in place, keeps the rows, and reverses exactly", async () => {
    const fresh = await withProject(backend, async (dir, db) => {
      configure(dir, [writeEntities(dir, "audit_events")], db);
      await generate(dir, "fresh", "f00000000001");
      await cli(dir, ["upgrade", "head"]);
      return catalog(db);
    });

    await withProject(backend, async (dir, db) => {
      configure(dir, [writeEntities(dir, "audit_log")], db);
      await generate(dir, "audit log", "a00000000001");
      await cli(dir, ["upgrade", "head"]);
      await withProjectExecutor(db, (executor) =>
        executor.exec(`
          INSERT INTO public.account (name) VALUES ('ann');
          INSERT INTO public.audit_log (level, code, "accountId") VALUES ('warn', 'first', 1), (DEFAULT, 'second', NULL);
          INSERT INTO public.audit_note ("logId", body) VALUES (2, 'about the second');
        `),
      );
      const before = await catalog(db);
      const rowsBefore = await rows(db, "audit_log");
      expect(rowsBefore).toHaveLength(3);

      configure(dir, [writeEntities(dir, "audit_events")], db);
      const unhinted = await run(dir, ["check"]);
      expect(unhinted.stderr).toContain(
        'warning: table "audit_log" dropped and "audit_events" created with the same columns: if this is a rename, pass --rename-table audit_log:audit_events\n',
      );

      const result = await revise(dir, "rename audit log", ["--rename-table", "audit_log:audit_events"]);
      // lint says a rename breaks the running application (M007); nothing else is said
      expect(result.stderr).toContain('lint: error M007 rename (op 1): table "audit_log" is renamed to "audit_events"');
      expect(result.stderr.replace(/^(lint: |  fix: ).*\n/gm, ""), "no warning, nothing destructive").toBe("");
      const source = readFileSync(result.file, "utf8");
      expect(source).not.toMatch(/destructive|cannot (restore|reverse)/);
      expect(upgradeCalls(result.file)).toEqual([
        "renameTable",
        "renameEnum", // audit_log_level_enum
        "renameConstraint", // PK
        "renameConstraint", // UQ on code
        "renameConstraint", // FK to account
        "renameConstraint", // CHK
        "renameIndex", // IDX on level, code
        "renameSequence", // id (serial)
        "renameSequence", // serialNo (identity)
      ]);

      await cli(dir, ["upgrade", "head"]);
      const after = await run(dir, ["check"]);
      expect({ ...after, stderr: withoutDatabaseLine(after.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });
      expect(await rows(db, "audit_events")).toEqual(rowsBefore);
      expect(await catalog(db), "the renamed catalog is the one the new entities give").toBe(fresh);

      await cli(dir, ["downgrade", "-1"]);
      expect(await catalog(db), "the downgrade restores the previous catalog").toBe(before);
      expect(await rows(db, "audit_log")).toEqual(rowsBefore);
    });
  }, 240_000); // three CLI processes, each loading typeorm and (on PGlite) the database
});

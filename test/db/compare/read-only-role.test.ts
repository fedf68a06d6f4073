/**
 * The commands that only read, as a role that may only read: USAGE on the
 * schemas, SELECT on the tables, and what PostgreSQL grants PUBLIC (CONNECT,
 * TEMPORARY). The schema is built with `upgrade head` by the owner, from a
 * project with an enum, defaults, a check, a partial index, a view and a
 * second schema. As the reader, `check` finds nothing; after the entities
 * change it lists exactly what the owner's `check` lists; `current`,
 * `history -i`, `status` and `validate` print what they print for the
 * owner. `stamp` and `upgrade` on a fresh database fail in one line naming
 * the role, the privilege and the object.
 *
 * On the server the reader logs in (--url); PGlite has one session, which
 * the in-process CLI shares with the test (a kept embedded connection), so
 * the test switches it with SET ROLE.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, realpathSync, writeFileSync } from "node:fs";
import Module from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withoutDatabaseLine, type CliResult } from "../../helpers/cli";
import { backendsUnderTest, withDatabase, type Backend, type TestDatabase } from "../../helpers/databases";
import { databaseEntry, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

function item(change: { note?: boolean; reserved?: boolean } = {}): string {
  return `import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
export enum ItemStatus { New = "new", ${change.reserved ? `Reserved = "reserved", ` : ""}Sold = "sold" }
@Entity()
@Check("CHK_item_price", \`"price" >= 0\`)
@Index("IDX_item_unsold", ["name"], { where: \`"status" = 'new'\` })
export class Item {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "varchar", length: 40, default: "unnamed" }) name!: string;
  @Column({ type: "enum", enum: ItemStatus, enumName: "item_status", default: ItemStatus.New }) status!: ItemStatus;
  @Column({ type: "numeric", precision: 10, scale: 2, default: 0 }) price!: string;
${change.note ? `  @Column({ type: "text", default: "none" }) note!: string;\n` : ""}}
`;
}

const LEDGER = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity({ schema: "books" })
export class Ledger {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", nullable: true }) itemId!: number | null;
  @Column({ type: "numeric", default: 0 }) amount!: string;
}
`;

const UNSOLD = `import { ViewColumn, ViewEntity } from "typeorm";
@ViewEntity({ name: "unsold_item", expression: \`SELECT "i"."id", "i"."name" FROM "item" "i" WHERE "i"."status" = 'new'\` })
export class UnsoldItem {
  @ViewColumn() id!: number;
  @ViewColumn() name!: string;
}
`;

/** The entity files, written anew; the in-process CLI loads a file once per process, so the old modules are forgotten. */
function writeEntities(dir: string, change: { note?: boolean; reserved?: boolean } = {}): void {
  const modules = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  const root = realpathSync(dir);
  for (const key of Object.keys(modules)) if (key.startsWith(root)) delete modules[key];
  mkdirSync(join(dir, "entities"), { recursive: true });
  writeFileSync(join(dir, "entities", "item.ts"), item(change));
  writeFileSync(join(dir, "entities", "ledger.ts"), LEDGER);
  writeFileSync(join(dir, "entities", "unsold-item.ts"), UNSOLD);
}

/** The database line names the role's URL: the rest of stderr is what the two roles must share. */
function withoutLine(result: CliResult): CliResult {
  return { ...result, stderr: withoutDatabaseLine(result.stderr) };
}

/** Runs the CLI as the owner or as the reader: a login on the server, SET ROLE on PGlite's one session. */
interface Roles {
  readonly name: string;
  owner(args: readonly string[]): Promise<CliResult>;
  reader(args: readonly string[]): Promise<CliResult>;
}

/** A role that may read `schemas` only; dropped afterwards. */
async function withReader<T>(db: TestDatabase, dir: string, schemas: readonly string[], fn: (roles: Roles) => Promise<T>): Promise<T> {
  const name = `migrator_reader_${randomBytes(4).toString("hex")}`;
  const list = schemas.map((s) => `"${s}"`).join(", ");
  const grants = schemas.length === 0 ? "" : `; GRANT USAGE ON SCHEMA ${list} TO ${name}; GRANT SELECT ON ALL TABLES IN SCHEMA ${list} TO ${name}`;
  await db.executor.exec(`CREATE ROLE ${name} LOGIN${grants}`);
  const readerUrl = (): string => {
    const url = new URL(db.url as string);
    url.username = name;
    return url.toString();
  };
  const roles: Roles = {
    name,
    owner: async (args) => withoutLine(await runCli(args, dir)),
    reader: async (args) => {
      if (db.url !== null) return withoutLine(await runCli(["--url", readerUrl(), ...args], dir));
      await db.executor.exec(`SET ROLE ${name}`);
      try {
        return withoutLine(await runCli(args, dir));
      } finally {
        await db.executor.exec("RESET ROLE");
      }
    },
  };
  try {
    return await fn(roles);
  } finally {
    await db.executor.exec(`DROP OWNED BY ${name}; DROP ROLE ${name}`).catch(() => undefined);
  }
}

function onDisk(backend: Backend, dir: string): { onDisk?: string } {
  return backend.name === "pglite" ? { onDisk: join(dir, "db") } : {};
}

const UP_TO_DATE = "up to date: the database matches the entities\n";

describe.each(backendsUnderTest())("a read-only role on $name", (backend) => {
  it("reads what the owner reads, and check reports exactly the owner's changes", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(backend, async (db) => {
        writeEntities(dir);
        writeProject(dir, { entities: ["entities/*.ts"], database: databaseEntry(db) });
        expect((await runCli(["revision", "--autogenerate", "-m", "init"], dir)).code).toBe(0);
        const upgraded = await runCli(["upgrade", "head"], dir);
        expect(upgraded.stderr).not.toMatch(/^error:/m);
        expect((await runCli(["check"], dir)).stdout).toBe(UP_TO_DATE);

        await withReader(db, dir, ["public", "books"], async (roles) => {
          const check = await roles.reader(["check"]);
          expect(check.stderr).toBe("");
          expect(check).toEqual({ code: 0, stdout: UP_TO_DATE, stderr: "" });
          for (const command of [["current"], ["history", "-i"], ["status"], ["validate"]]) {
            const asReader = await roles.reader(command);
            expect(asReader.stderr).not.toMatch(/^error:/m);
            expect(asReader.code).toBe(0);
            expect(asReader).toEqual(await roles.owner(command));
          }

          for (const change of [{ note: true }, { reserved: true }, { note: true, reserved: true }]) {
            writeEntities(dir, change);
            const owner = await roles.owner(["check"]);
            expect(owner.code).toBe(1);
            const reader = await roles.reader(["check"]);
            expect(reader).toEqual(owner);
            const json = await roles.reader(["check", "--json"]);
            expect(json).toEqual(await roles.owner(["check", "--json"]));
          }
          const both = await roles.reader(["check", "--json"]);
          const kinds = (JSON.parse(both.stdout) as { operations: { op: { kind: string } }[] }).operations.map((o) => o.op.kind).sort();
          expect(kinds).toEqual(["addColumn", "addEnumValue"]);
        });
      }, onDisk(backend, dir));
    });
  });

  it("stamp and upgrade on a fresh database name the privilege and the object in one line", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(backend, async (db) => {
        writeEntities(dir);
        writeProject(dir, { entities: ["entities/*.ts"], database: databaseEntry(db) });
        expect((await runCli(["revision", "--autogenerate", "-m", "init"], dir)).code).toBe(0);
        await withReader(db, dir, [], async (roles) => {
          const tables = `error: permission denied: role "${roles.name}" may not create tables in schema "public"\n` +
            `hint: GRANT CREATE ON SCHEMA "public" TO "${roles.name}", or run migrator as the objects' owner\n`;
          for (const command of [["stamp", "head"], ["upgrade", "head"]]) {
            expect(await roles.reader(command)).toEqual({ code: 1, stdout: "", stderr: tables });
          }
          // the version table exists (the owner made it), and the reader may only read it
          expect((await roles.owner(["stamp", "base"])).code).toBe(0);
          await db.executor.exec(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${roles.name}`);
          expect(await roles.reader(["stamp", "head"])).toEqual({
            code: 1,
            stdout: "",
            stderr: `error: permission denied: role "${roles.name}" may not insert into "public"."migrator_version"\n` +
              `hint: GRANT INSERT ON TABLE "public"."migrator_version" TO "${roles.name}", or run migrator as the objects' owner\n`,
          });
          const upgrade = await roles.reader(["upgrade", "head"]);
          expect(upgrade.code).toBe(1);
          expect(upgrade.stderr).toMatch(new RegExp(`^error: upgrade of revision \\w+ \\(migrations/\\w+_init\\.ts\\) failed: permission denied: role "${roles.name}" may not create (schemas in database|types in schema|tables in schema) "[^"]+" \\[SQLSTATE 42501\\]: statement: CREATE .*\\nhint: GRANT CREATE ON (DATABASE|SCHEMA) "[^"]+" TO "${roles.name}", or run migrator as the objects' owner; nothing of this revision was kept\\n$`));
        });
      }, onDisk(backend, dir));
    });
  });
});

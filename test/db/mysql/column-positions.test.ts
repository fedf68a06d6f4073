/**
 * Round trip with positions on MariaDB, through the CLI (in-process): one
 * revision drops a table's first column, two adjacent middle ones (the
 * second's predecessor dropped too) and its last one, and adds one declared
 * in the middle of the class. The upgrade appends the added column, as
 * TypeORM's synchronize does; `downgrade -1`, and the `downgrade --sql`
 * script run by hand, put every dropped column back where it stood
 * (FIRST / AFTER), so SHOW CREATE TABLE is v1's byte for byte.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Connection } from "mysql2/promise";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { mariadbUrl, withMariaDb } from "../../helpers/mariadb";
import { writeProject } from "../../helpers/project";

const V1 = `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class Item {
  @Column({ type: "varchar", length: 20, default: "lead''s" }) lead!: string;
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", comment: "kept" }) keepA!: number;
  @Index() @Column({ type: "varchar", length: 40, nullable: true }) midA!: string | null;
  @Column({ type: "datetime", precision: 6, default: () => "CURRENT_TIMESTAMP(6)" }) midB!: Date;
  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 }) keepB!: string;
  @Column({ type: "text", nullable: true, comment: "the end" }) tail!: string | null;
}
`;

const V2 = `import { Column, Entity, PrimaryGeneratedColumn } from "typeorm";
@Entity()
export class Item {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: "int", comment: "kept" }) keepA!: number;
  @Column({ type: "varchar", length: 10, nullable: true }) added!: string | null;
  @Column({ type: "decimal", precision: 10, scale: 2, default: 0 }) keepB!: string;
}
`;

async function showCreate(connection: Connection): Promise<string> {
  const [rows] = await connection.query("SHOW CREATE TABLE `item`");
  return String((rows as Record<string, string>[])[0]!["Create Table"]).replace(/ AUTO_INCREMENT=\d+/, "");
}

async function columnNames(connection: Connection): Promise<string[]> {
  const [rows] = await connection.query("SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'item' ORDER BY ORDINAL_POSITION");
  return (rows as { name: string }[]).map((row) => row.name);
}

async function ok(dir: string, ...args: string[]): Promise<string> {
  const result = await runCli(args, dir);
  expect(result.code, `${args.join(" ")}\n${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

describe.skipIf(!mariadbUrl())("dropped columns come back where they stood, on MariaDB", () => {
  it("first, two adjacent middle and last columns dropped in one revision: downgrade (online and --sql) restores SHOW CREATE TABLE exactly", async () => {
    await withMariaDb(async ({ connection, url }) => {
      const dir = mkdtempSync(join(tmpdir(), "migrator-mysql-positions-"));
      try {
        // one file per version: the in-process CLI keeps a loaded module, as node does
        const version = (name: string, source: string): void => {
          writeFileSync(join(dir, name), source);
          writeProject(dir, { entities: [name], database: `{ url: ${JSON.stringify(url)} }` });
        };
        version("item-v1.ts", V1);
        await ok(dir, "revision", "--autogenerate", "-m", "v1", "--rev-id", "a00000000001");
        await ok(dir, "upgrade", "head");
        const at1 = await showCreate(connection);
        expect(await columnNames(connection)).toEqual(["lead", "id", "keepA", "midA", "midB", "keepB", "tail"]);

        version("item-v2.ts", V2);
        await ok(dir, "revision", "--autogenerate", "-m", "v2", "--rev-id", "b00000000002");
        const file = readFileSync(join(dir, "migrations", readdirSync(join(dir, "migrations")).find((f) => f.startsWith("b00000000002"))!), "utf8");
        const [upgradeBody, downgradeBody] = file.split("export async function downgrade");
        // the upgrade places nothing (synchronize appends an added column); the downgrade restores last first
        expect(upgradeBody).not.toMatch(/\{ (after|first): /);
        const restores = downgradeBody!
          .split("await op.")
          .filter((statement) => statement.startsWith("addColumn("))
          .map((statement) => [/name: "(\w+)"/.exec(statement)?.[1], /\b(after: "\w+"|first: true)/.exec(statement)?.[1]]);
        expect(restores).toEqual([
          ["tail", 'after: "keepB"'],
          ["midB", 'after: "keepA"'],
          ["midA", 'after: "keepA"'],
          ["lead", "first: true"],
        ]);

        const script = await ok(dir, "downgrade", "b00000000002:a00000000001", "--sql");
        expect(script).toMatch(/ADD COLUMN `lead` .* FIRST;?$/m);
        expect(script).toMatch(/ADD COLUMN `midA` .* AFTER `keepA`;?$/m);
        expect(script).toMatch(/ADD COLUMN `tail` .* AFTER `keepB`;?$/m);

        await ok(dir, "upgrade", "head");
        expect(await columnNames(connection)).toEqual(["id", "keepA", "keepB", "added"]);
        expect((await runCli(["check"], dir)).stdout).toContain("up to date");

        await ok(dir, "downgrade", "-1");
        expect(await showCreate(connection)).toBe(at1);

        // the offline script, run by hand on the database at v2, does the same
        await ok(dir, "upgrade", "head");
        await connection.query(script);
        expect(await showCreate(connection)).toBe(at1);
        const [versions] = await connection.query("SELECT version_num FROM migrator_version");
        expect(versions).toEqual([{ version_num: "a00000000001" }]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }, 120_000);
});

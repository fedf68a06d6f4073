/**
 * PostgreSQL keeps 63 bytes of an identifier. A longer name in an entity was
 * created truncated and then never matched again (`check` said up to date on
 * an empty database): it is an error naming the entity and property. Bytes,
 * not characters.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { databaseEntry, writeProject } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const LONG_TABLE = "t".repeat(83);
const UTF8_COLUMN = "é".repeat(32); // 32 characters, 64 bytes
const AT_LIMIT = `${"a".repeat(61)}é`; // 62 characters, 63 bytes

function entity(decorators: { table?: string; column?: string; index?: string; enumTable?: string }): string {
  return `import { Column, Entity, Index, PrimaryGeneratedColumn } from "typeorm";
${decorators.index ? `@Index(${JSON.stringify(decorators.index)}, ["label"])` : ""}
@Entity(${JSON.stringify(decorators.table ?? decorators.enumTable ?? "item")})
export class Item {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ name: ${JSON.stringify(decorators.column ?? "label")} }) label!: string;
  ${decorators.enumTable ? '@Column({ type: "enum", enum: ["a", "b"] }) state!: string;' : ""}
}
`;
}

async function checkWith(dir: string, source: string): Promise<{ code: number; lines: string[] }> {
  mkdirSync(join(dir, "entities"), { recursive: true });
  writeFileSync(join(dir, "entities", "item.ts"), source);
  const result = await runCli(["check"], dir);
  return { code: result.code, lines: (withoutDatabaseLine(result.stderr) + result.stdout).trimEnd().split("\n") };
}

describe("identifiers longer than 63 bytes", () => {
  it.each([
    ["a table name", entity({ table: LONG_TABLE }), `error: entity Item: the table name "${LONG_TABLE}" is 83 bytes long; PostgreSQL keeps 63 bytes of an identifier ("${"t".repeat(63)}")`],
    ["a column name (bytes, not characters)", entity({ column: UTF8_COLUMN }), `error: Item.label: the column name "${UTF8_COLUMN}" is 64 bytes long; PostgreSQL keeps 63 bytes of an identifier ("${"é".repeat(31)}")`],
    ["an index name", entity({ index: "i".repeat(64) }), `error: entity Item: the index name "${"i".repeat(64)}" is 64 bytes long; PostgreSQL keeps 63 bytes of an identifier ("${"i".repeat(63)}")`],
    [
      "an enum type name TypeORM derives",
      entity({ enumTable: "e".repeat(53) }),
      `error: entity Item: the enum type name "${"e".repeat(53)}_state_enum" is 64 bytes long; PostgreSQL keeps 63 bytes of an identifier ("${"e".repeat(53)}_state_enu")`,
    ],
  ])("%s is an error naming the entity, before any comparison", async (_what, source, first) => {
    await withTempDir(async (dir) => {
      writeProject(dir, { entities: ["entities/item.ts"], database: `{ embedded: "db" }` });
      const result = await checkWith(dir, source);
      expect(result.code).toBe(2); // check: any failure
      expect(result.lines[0]).toBe(first);
      expect(result.lines[1]).toMatch(/^hint: /);
      expect(result.lines).toHaveLength(2);
    });
  });
});

describe.each(backendsUnderTest())("a 63-byte name on $name", (backend) => {
  it("is created, applied and then found up to date", async () => {
    await withTempDir(async (dir) => {
      await withDatabase(
        backend,
        async (db) => {
          await db.executor.close();
          writeProject(dir, { entities: ["entities/item.ts"], database: databaseEntry(db) });
          const before = await checkWith(dir, entity({ table: AT_LIMIT, column: AT_LIMIT }));
          expect(before.code).toBe(1);
          expect(before.lines.join("\n")).toContain(`create table "public"."${AT_LIMIT}"`);
          expect((await runCli(["revision", "--autogenerate", "-m", "limit"], dir)).code).toBe(0);
          expect((await runCli(["upgrade", "head"], dir)).code).toBe(0);
          const check = await runCli(["check"], dir);
          expect({ ...check, stderr: withoutDatabaseLine(check.stderr) }).toEqual({ code: 0, stdout: "up to date: the database matches the entities\n", stderr: "" });
        },
        backend.name === "pglite" ? { onDisk: join(dir, "db") } : {},
      );
    });
  });
});

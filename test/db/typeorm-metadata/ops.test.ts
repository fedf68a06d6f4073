/**
 * insertTypeormMetadata / deleteTypeormMetadata against PostgreSQL: the table
 * comes into being as TypeORM's schema builder makes it, values that need
 * escaping arrive intact (bound online, as literals offline), a generated
 * column's row is tied to the current database, and each op's reverse undoes it.
 */
import { describe, expect, it } from "vitest";
import { toOfflineSql, toSql } from "../../../src/dialect/postgres";
import { collectOperations, isIrreversible, reverse, type Operation } from "../../../src/ops";
import { backends, type SqlSession } from "../dialect/backends";
import { postgres } from "../../../src/dialect";

const HOSTILE = `it's \\ $1 -- "x" */ \n ${"${y}"}`;
const META = { schema: "Sch\"ema", name: "orm meta" };

async function run(client: SqlSession, op: Operation, offline: boolean): Promise<void> {
  for (const s of toSql(op)) await client.query(offline ? toOfflineSql(s) : s.sql, offline ? undefined : s.params);
}

async function rows(client: SqlSession): Promise<unknown[]> {
  return client.query(
    `SELECT "type", "database" = current_database() AS here, "database" IS NULL AS no_database, "schema", "table", "name", "value"
       FROM "Sch""ema"."orm meta" ORDER BY "type", "name"`,
  );
}

describe.each(backends)("TypeORM metadata ops on $name", (backend) => {
  it.each([false, true])("insert, delete and their reverses (offline: %s)", async (offline) => {
    const client = await backend.open();
    try {
      await client.query(`CREATE SCHEMA "Sch""ema"`);
      const [insert, remove] = await collectOperations(async (op) => {
        await op.insertTypeormMetadata(
          [
            { type: "VIEW", schema: "public", name: "v", value: HOSTILE },
            { type: "GENERATED_COLUMN", schema: "public", table: "t'", name: HOSTILE, value: `"a" || '\\'` },
            { type: "MATERIALIZED_VIEW", schema: "x", name: "m", value: "SELECT 1" },
          ],
          { table: META },
        );
        await op.deleteTypeormMetadata([{ type: "VIEW", schema: "public", name: "v", value: HOSTILE }], { table: META });
      }, postgres.types);
      await run(client, insert!, offline);
      const inserted = [
        { type: "GENERATED_COLUMN", here: true, no_database: false, schema: "public", table: "t'", name: HOSTILE, value: `"a" || '\\'` },
        { type: "MATERIALIZED_VIEW", here: null, no_database: true, schema: "x", table: null, name: "m", value: "SELECT 1" },
        { type: "VIEW", here: null, no_database: true, schema: "public", table: null, name: "v", value: HOSTILE },
      ];
      expect(await rows(client)).toEqual(inserted);
      // the table as TypeORM's schema builder creates it
      expect(
        await client.query(
          `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'Sch"ema' AND table_name = 'orm meta' ORDER BY ordinal_position`,
        ),
      ).toEqual([
        { column_name: "type", data_type: "character varying", is_nullable: "NO" },
        { column_name: "database", data_type: "character varying", is_nullable: "YES" },
        { column_name: "schema", data_type: "character varying", is_nullable: "YES" },
        { column_name: "table", data_type: "character varying", is_nullable: "YES" },
        { column_name: "name", data_type: "character varying", is_nullable: "YES" },
        { column_name: "value", data_type: "text", is_nullable: "YES" },
      ]);

      await run(client, remove!, offline);
      expect(await rows(client)).toEqual(inserted.filter((row) => row.name !== "v"));
      const back = reverse(remove!, postgres.types);
      if (isIrreversible(back)) throw new Error(back.reason);
      await run(client, back, offline);
      expect(await rows(client)).toEqual(inserted);

      // a generated column's row is deleted only for this database, as TypeORM reads it
      await client.query(`INSERT INTO "Sch""ema"."orm meta" VALUES ('GENERATED_COLUMN', 'elsewhere', 'public', $1, $2, 'other')`, ["t'", HOSTILE]);
      const undo = reverse(insert!, postgres.types);
      if (isIrreversible(undo)) throw new Error(undo.reason);
      await run(client, undo, offline);
      expect(await client.query(`SELECT "database", "value" FROM "Sch""ema"."orm meta"`)).toEqual([{ database: "elsewhere", value: "other" }]);
    } finally {
      await client.close();
    }
  });
});

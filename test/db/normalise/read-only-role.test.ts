/**
 * normalise as a role that may only read (USAGE on the schemas, SELECT on
 * the tables, and the TEMPORARY privilege PUBLIC has by default): it cannot
 * build the scratch copy where the objects live, and builds it in the
 * session's temporary schema instead. The property: what it gives equals
 * what the owner gets, for every fixture set and for a model that changes
 * the database (new column with a default, new enum value, a schema whose
 * name needs quotes); where it cannot be sure (a view reading a changed
 * table whole), it says so, naming the view.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Executor } from "../../../src/db/types";
import { toSql } from "../../../src/dialect/postgres";
import { quoteIdent } from "../../../src/dialect/postgres/quote";
import { diff } from "../../../src/diff";
import { introspect } from "../../../src/dialect/postgres/introspect";
import { normalise } from "../../../src/dialect/postgres/normalise";
import type { ColumnModel, SchemaModel, TableModel, ViewModel } from "../../../src/model/types";
import type { Operation } from "../../../src/ops/types";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { FIXTURE_SETS, loadFixture, readFixture } from "./support";
import { postgres } from "../../../src/dialect";

function col(name: string, type: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return { name, type, nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null, ...extra };
}

function table(schema: string, name: string, columns: ColumnModel[], extra: Partial<TableModel> = {}): TableModel {
  return { schema, name, columns, primaryKey: null, uniques: [], indexes: [], foreignKeys: [], checks: [], exclusions: [], comment: null, ...extra };
}

function view(schema: string, name: string, definition: string): ViewModel {
  return { schema, name, definition, materialized: false, indexes: [] };
}

function model(parts: Partial<SchemaModel>): SchemaModel {
  return { schemas: [], extensions: [], enums: [], tables: [], views: [], ...parts };
}

async function build(executor: Executor, raw: SchemaModel): Promise<void> {
  const ops: Operation[] = [
    ...raw.schemas.map((schema): Operation => ({ kind: "createSchema", schema })),
    ...raw.extensions.map((extension): Operation => ({ kind: "createExtension", extension, ifNotExists: true })),
    ...raw.enums.map((type): Operation => ({ kind: "createEnum", enum: type })),
    ...raw.tables.map((t): Operation => ({ kind: "createTable", table: { ...t, foreignKeys: [] } })),
    ...raw.tables.flatMap((t) => t.foreignKeys.map((foreignKey): Operation => ({ kind: "createForeignKey", table: t, foreignKey }))),
    ...raw.views.map((v): Operation => ({ kind: "createView", view: v })),
  ];
  for (const op of ops) for (const statement of toSql(op)) await executor.query(statement.sql, statement.params);
}

/** `fn` run as a new role with USAGE on `schemas` and SELECT on their tables only; the role is dropped afterwards. */
async function asReader<T>(executor: Executor, schemas: readonly string[], fn: () => Promise<T>): Promise<T> {
  const role = `migrator_reader_${randomBytes(4).toString("hex")}`;
  const list = schemas.map(quoteIdent).join(", ");
  await executor.exec(`CREATE ROLE ${role}; GRANT USAGE ON SCHEMA ${list} TO ${role}; GRANT SELECT ON ALL TABLES IN SCHEMA ${list} TO ${role}`);
  try {
    await executor.exec(`SET ROLE ${role}`);
    try {
      return await fn();
    } finally {
      await executor.exec("RESET ROLE");
    }
  } finally {
    await executor.exec(`DROP OWNED BY ${role}; DROP ROLE ${role}`);
  }
}

const ITEM_STATUS = { schema: "Shop Floor", name: "Item Status", values: ["new", "sold"] };

/** The database's side: an enum in a schema whose name needs quotes, defaults, a check, a partial index, views, a second schema. */
function shop(change: { status?: string[]; note?: boolean } = {}): SchemaModel {
  const status = { ...ITEM_STATUS, values: change.status ?? ITEM_STATUS.values };
  const statusType = `${quoteIdent(status.schema)}.${quoteIdent(status.name)}`;
  return model({
    schemas: ["Shop Floor", "books"],
    enums: [status],
    tables: [
      table("Shop Floor", "item", [
        col("id", "integer", { nullable: false }),
        col("name", "character varying(40)", { default: `'unnamed'` }),
        col("status", statusType, { default: `'new'` }),
        col("price", "numeric(10,2)", { default: "0" }),
        ...(change.note ? [col("note", "text", { default: `'none'`, nullable: false })] : []),
      ], {
        primaryKey: { name: "PK_item", columns: ["id"] },
        checks: [{ name: "CHK_item_price", expression: `"price" >= 0 AND "status" <> 'sold' OR "price" > 0` }],
        indexes: [{ name: "IDX_item_unsold", unique: false, method: "btree", keys: [{ column: "name" }], where: `"status" = 'new'`, include: [] }],
      }),
      table("books", "ledger", [col("id", "integer", { nullable: false }), col("item_id", "integer"), col("amount", "numeric", { default: "0" })], {
        primaryKey: { name: "PK_ledger", columns: ["id"] },
        uniques: [{ name: "UQ_ledger_item", columns: ["item_id"], deferrable: false, initiallyDeferred: false }],
      }),
    ],
    views: [
      view("books", "priced_item", `SELECT "i"."id", "i"."name", "l"."amount" FROM "Shop Floor"."item" "i" JOIN "books"."ledger" "l" ON "l"."item_id" = "i"."id" WHERE "i"."status" = 'new'`),
      view("public", "item_count", `SELECT count(*) AS "n" FROM "books"."priced_item"`),
    ],
  });
}

describe.each(backendsUnderTest())("normalise as a read-only role on $name", (backend) => {
  it.for(FIXTURE_SETS)("fixture set %s: the same model as the owner's", async (set) => {
    const fixture = await loadFixture(set);
    const read = await readFixture(fixture);
    await withDatabase(backend, async (db) => {
      await build(db.executor, read.model);
      const owner = await normalise(read.model, db.executor);
      const reader = await asReader(db.executor, ["public", ...read.model.schemas], () => normalise(read.model, db.executor));
      expect(reader).toEqual(owner);
    });
  });

  it("a changed model: the same model and the same ops as the owner's, and the database untouched", async () => {
    await withDatabase(backend, async (db) => {
      await build(db.executor, shop());
      const schemas = ["public", "Shop Floor", "books"];
      const before = await introspect(db.executor, { schemas });
      for (const changed of [shop(), shop({ note: true }), shop({ status: ["new", "reserved", "sold"] }), shop({ note: true, status: ["sold", "new"] })]) {
        const owner = await normalise(changed, db.executor);
        const reader = await asReader(db.executor, schemas, () => normalise(changed, db.executor));
        expect(reader).toEqual(owner);
        expect(diff(before, reader, postgres.types).ops).toEqual(diff(before, owner, postgres.types).ops);
      }
      expect(diff(before, await asReader(db.executor, schemas, () => normalise(shop(), db.executor)), postgres.types).ops).toEqual([]);
      const newValue = await asReader(db.executor, schemas, () => normalise(shop({ status: ["new", "reserved", "sold"] }), db.executor));
      expect(newValue.tables.find((t) => t.name === "item")!.columns.map((c) => c.default)).toContain(`'new'::"Shop Floor"."Item Status"`);
      expect(await introspect(db.executor, { schemas })).toEqual(before);
    });
  });

  it("names the view it cannot render without building the tables where they live", async () => {
    await withDatabase(backend, async (db) => {
      await build(db.executor, model({ tables: [table("public", "item", [col("id", "integer")])] }));
      const whole = model({ tables: [table("public", "item", [col("id", "integer"), col("note", "text")])], views: [view("public", "every_item", `SELECT * FROM "item"`)] });
      expect((await normalise(whole, db.executor)).views[0]!.definition).toMatch(/note/);
      await expect(asReader(db.executor, ["public"], () => normalise(whole, db.executor))).rejects.toThrow(
        /^normalising the entity model cannot render the view "public"\."every_item" without building the entities where they live: it reads "public"\."item", all of whose columns it uses, and the entities change that table's columns, and role "migrator_reader_\w+" may not create in schema "public"$/,
      );
      const unborn = model({ tables: [table("public", "item", [col("id", "integer")]), table("public", "tag", [col("id", "integer")])], views: [view("public", "tagged", `SELECT "id" FROM "tag"`)] });
      await expect(asReader(db.executor, ["public"], () => normalise(unborn, db.executor))).rejects.toThrow(
        /cannot render the view "public"\."tagged" without building the entities where they live: .*"public"\."tag"/,
      );
    });
  });

  it("names the TEMPORARY privilege when the database does not grant it", async () => {
    await withDatabase(backend, async (db) => {
      const { rows } = await db.executor.query<{ name: string }>("SELECT current_database() AS name");
      await db.executor.exec(`REVOKE TEMPORARY ON DATABASE ${quoteIdent(rows[0]!.name)} FROM PUBLIC`);
      const raw = model({ tables: [table("public", "item", [col("id", "integer")])] });
      await expect(asReader(db.executor, ["public"], () => normalise(raw, db.executor))).rejects.toThrow(
        /^permission denied: role "migrator_reader_\w+" may not create temporary objects in database ".+", which normalising the entity model needs$/,
      );
    });
  });
});

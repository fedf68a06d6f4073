import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MigratorError } from "../../../src/errors";
import {
  Operations,
  RecordingSink,
  collectOperations,
  columnSpecFromModel,
  describeOperation,
  toColumnModel,
  type Operation,
} from "../../../src/ops";
import { column } from "./arbitraries";
import { postgres } from "../../../src/dialect";

describe("Operations (the op API)", () => {
  it("hands each op, frozen, to the sink in call order", async () => {
    const sink = new RecordingSink();
    const op = new Operations(sink);
    await op.createSchema("s");
    await op.addColumn({ schema: "s", name: "user" }, { name: "phone", type: "varchar(20)" });
    expect(sink.ops.map((o) => o.kind)).toEqual(["createSchema", "addColumn"]);
    expect(Object.isFrozen(sink.ops[1])).toBe(true);
    expect(sink.ops[1]).toStrictEqual({
      kind: "addColumn",
      table: { schema: "s", name: "user" },
      column: { name: "phone", type: "varchar(20)", nullable: true, default: null, identity: null, serial: false, generated: null, collation: null, comment: null },
    });
  });

  it("a plain string is a table in public, taken whole even with dots", async () => {
    const [op] = await collectOperations((o) => o.dropTable("a.b"), postgres.types);
    expect(op).toMatchObject({ kind: "dropTable", table: { schema: "public", name: "a.b" } });
  });

  it("createTable: primaryKey on columns names the key <table>_pkey and makes them NOT NULL", async () => {
    const [op] = await collectOperations((o) =>
      o.createTable("user", { columns: [{ name: "id", type: "integer", primaryKey: true }, { name: "n", type: "text" }] }), postgres.types
    );
    if (op?.kind !== "createTable") throw new Error("expected createTable");
    expect(op.table.primaryKey).toStrictEqual({ name: "user_pkey", columns: ["id"] });
    expect(op.table.columns.map((c) => c.nullable)).toEqual([false, true]);
  });

  it("rejects contradictory input with MigratorError", async () => {
    const cases: Array<(o: Operations) => Promise<void>> = [
      (o) => o.createTable("t", { columns: [{ name: "a", type: "int", primaryKey: true }], primaryKey: ["a"] }),
      (o) => o.addColumn("t", { name: "a", type: "int", default: "1", identity: "ALWAYS" }),
      (o) => o.addColumn("t", { name: "", type: "int" }),
      (o) => o.addColumn("t", { name: "a", type: " " }),
      (o) => o.addEnumValue("e", "v", { before: "a", after: "b" }),
      (o) => o.createForeignKey("t", "f", ["a", "b"], "r", ["x"]),
      (o) => o.createIndex("t", "i", []),
      (o) => o.createView("v", "SELECT 1", { indexes: [{ name: "i", keys: ["a"] }] }),
      (o) => o.dropTable({ schema: "", name: "t" }),
    ];
    for (const build of cases) await expect(collectOperations(build, postgres.types)).rejects.toThrow(MigratorError);
  });

  it("query needs a live sink: offline it fails with a clear MigratorError", async () => {
    await expect(new Operations(new RecordingSink()).query("SELECT * FROM  users")).rejects.toThrow(/cannot run offline: SELECT \* FROM users/);
  });

  it("query returns the sink's rows", async () => {
    const sink = { run: async (_op: Operation) => undefined, query: async (sql: string, params: readonly unknown[]) => [{ sql, n: params.length }] };
    expect(await new Operations(sink).query("SELECT $1", [1])).toEqual([{ sql: "SELECT $1", n: 1 }]);
  });

  it("marks data loss on drops", async () => {
    const ops = await collectOperations(async (o) => {
      await o.dropColumn("user", "phone");
      await o.recreateEnum("e", ["a"], { existingValues: ["a", "b"] });
      await o.dropSchema("s");
    }, postgres.types);
    expect(ops.map((o) => o.destructive)).toEqual([
      'drops column "user"."phone" and its data',
      `removes 'b' from enum "e"; rows holding it fail to convert`,
      undefined,
    ]);
  });
});

describe("columnSpecFromModel", () => {
  it("is the inverse of toColumnModel, and leaves defaults out", () => {
    fc.assert(
      fc.property(column, (generated) => {
        const model = { ...generated };
        // A column has at most one source of values.
        fc.pre([model.default, model.identity, model.generated].filter((v) => v !== null).length <= 1);
        expect(toColumnModel(columnSpecFromModel(model))).toStrictEqual(model);
      }),
    );
    expect(columnSpecFromModel(toColumnModel({ name: "id", type: "integer", identity: "ALWAYS" }))).toStrictEqual({
      name: "id",
      type: "integer",
      identity: "ALWAYS",
    });
    expect(columnSpecFromModel(toColumnModel({ name: "n", type: "text", nullable: false }))).toStrictEqual({ name: "n", type: "text", nullable: false });
  });
});

describe("describeOperation", () => {
  it("one line, names quoted", async () => {
    const ops = await collectOperations(async (o) => {
      await o.addColumn("user", { name: "phone", type: "varchar(20)" });
      await o.dropTable("legacy");
      await o.alterColumn({ schema: "a", name: "t" }, "c", { nullable: false, existingNullable: true, type: "bigint" });
      await o.bulkInsert("t", [{ a: 1 }, { a: 2 }]);
      await o.execute("UPDATE   t\n SET a = 1");
    }, postgres.types);
    expect(ops.map(describeOperation)).toEqual([
      'add column "user"."phone" varchar(20)',
      'drop table "public"."legacy"',
      'alter column "a"."t"."c": type ? -> bigint, nullable true -> false',
      'insert 2 rows into "public"."t"',
      "execute UPDATE t SET a = 1",
    ]);
    for (const o of ops) expect(describeOperation(o)).not.toContain("\n");
  });
});

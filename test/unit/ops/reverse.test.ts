import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toSql } from "../../../src/dialect/postgres";
import { collectOperations, isIrreversible, reverse, type Operation } from "../../../src/ops";
import { reversibleOp } from "./arbitraries";
import { postgres } from "../../../src/dialect";

function reversed(op: Operation): Operation {
  const back = reverse(op, postgres.types);
  if (isIrreversible(back)) throw new Error(`unexpectedly irreversible: ${back.reason}`);
  return back;
}

describe("reverse", () => {
  it("reverse(reverse(op,, postgres.types postgres.types)) equals op for every reversible kind", () => {
    fc.assert(
      fc.property(reversibleOp, (op) => {
        const back = reversed(op);
        expect(reversed(back)).toStrictEqual(op);
      }),
      { numRuns: 2000 },
    );
  });

  it("an op and its reverse both render to SQL", () => {
    fc.assert(
      fc.property(reversibleOp, (op) => {
        expect(toSql(op).length).toBeGreaterThan(0);
        expect(toSql(reversed(op)).length).toBeGreaterThan(0);
      }),
      { numRuns: 500 },
    );
  });

  it("drops carry what they drop; their reverse recreates it", async () => {
    const [create] = await collectOperations((op) =>
      op.createTable({ schema: "s", name: "T" }, { columns: [{ name: "id", type: "integer", primaryKey: true }], comment: "c" }), postgres.types
    );
    const drop = reversed(create!);
    expect(drop).toMatchObject({ kind: "dropTable", table: { schema: "s", name: "T" }, destructive: 'drops table "s"."T" and its data' });
    expect(drop.kind === "dropTable" && drop.definition).toStrictEqual(create!.kind === "createTable" && create!.table);
  });

  it("addEnumValue reverses to a recreateEnum that removes the value (marked destructive)", async () => {
    const [add] = await collectOperations((op) =>
      op.addEnumValue("mood", "meh", { after: "ok", existingValues: ["ok", "sad"], usages: [{ table: "t", column: "m", default: "'ok'" }] }), postgres.types
    );
    expect(reversed(add!)).toStrictEqual({
      kind: "recreateEnum",
      enum: { schema: "public", name: "mood" },
      values: ["ok", "sad"],
      previousValues: ["ok", "meh", "sad"],
      usages: [{ table: { schema: "public", name: "t" }, column: "m", array: false, default: "'ok'" }],
      destructive: `removes 'meh' from enum "mood"; rows holding it fail to convert`,
    });
  });

  it("alterColumn reverses with swapped values and USING, the narrowing back marked destructive", async () => {
    const [alter] = await collectOperations((op) =>
      op.alterColumn("t", "c", { type: "bigint", existingType: "integer", using: "c::bigint", reverseUsing: "c::integer", nullable: false, existingNullable: true }), postgres.types
    );
    expect(reversed(alter!)).toStrictEqual({
      kind: "alterColumn",
      table: { schema: "public", name: "t" },
      column: "c",
      type: { from: "bigint", to: "integer", using: "c::integer", reverseUsing: "c::bigint" },
      nullable: { from: false, to: true },
      destructive: 'changes "t"."c" from bigint to integer: values that do not fit are cut or rejected',
    });
  });

  it.each<[string, (op: import("../../../src/ops").Operations) => Promise<void>, RegExp]>([
    ["dropTable without definition", (op) => op.dropTable("t"), /definition of dropped table "public"."t"/],
    ["dropTable cascade", (op) => op.dropTable("t", { cascade: true, definition: { columns: [] } }), /CASCADE/],
    ["dropSchema cascade", (op) => op.dropSchema("s", { cascade: true }), /CASCADE/],
    ["dropColumn without definition", (op) => op.dropColumn("t", "c"), /column "public"."t"."c"/],
    ["dropEnum without values", (op) => op.dropEnum("e"), /values/],
    ["addEnumValue without previous values", (op) => op.addEnumValue("e", "v"), /cannot remove an enum value/],
    ["alterColumn without existing", (op) => op.alterColumn("t", "c", { nullable: false, type: "text", existingType: "int" }), /previous nullable/],
    ["dropIndex without definition", (op) => op.dropIndex("t", "i"), /index/],
    ["dropConstraint without definition", (op) => op.dropConstraint("t", "k"), /constraint "k"/],
    ["setTableComment without existing", (op) => op.setTableComment("t", "x"), /previous comment/],
    ["createView or replace", (op) => op.createView("v", "SELECT 1", { orReplace: true }), /OR REPLACE/],
    ["dropView without definition", (op) => op.dropView("v"), /view/],
    ["execute", (op) => op.execute("SELECT 1"), /raw SQL/],
    ["bulkInsert", (op) => op.bulkInsert("t", [{ a: 1 }]), /inserted rows/],
  ])("%s is irreversible, with a reason", async (_label, build, reason) => {
    const [op] = await collectOperations(build, postgres.types);
    const back = reverse(op!, postgres.types);
    expect(isIrreversible(back) && back.reason).toMatch(reason);
  });
});

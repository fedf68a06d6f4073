/** The model's MySQL-only fields: compared by the differ, reversible, written by revisions, refused by PostgreSQL. */
import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { postgres } from "../../../src/dialect";
import { toSql } from "../../../src/dialect/postgres";
import { collectOperations, reverse } from "../../../src/ops";
import { col, idTable, model } from "./builders";

const t = { schema: "public", name: "t" };

describe("diff: MySQL column and table fields", () => {
  it("absent and null are the same: a PostgreSQL-shaped column equals one with the fields at their defaults", () => {
    const plain = idTable("t", [col("a", "text"), col("g", "integer", { generated: "1" })]);
    const spelled = idTable("t", [col("a", "text", { onUpdate: null, charset: null }), col("g", "integer", { generated: "1", generatedStorage: "stored" })]);
    expect(diff(model({ tables: [plain] }), model({ tables: [spelled] }), postgres.types).ops).toEqual([]);
  });

  it("onUpdate, charset and generated storage each become an alterColumn change, and reverse back", async () => {
    const before = idTable("t", [col("at", "datetime"), col("s", "varchar(10)"), col("g", "int(11)", { generated: "`id` + 1" })]);
    const after = idTable("t", [
      col("at", "datetime", { onUpdate: "current_timestamp()" }),
      col("s", "varchar(10)", { charset: "latin1", collation: "latin1_swedish_ci" }),
      col("g", "int(11)", { generated: "`id` + 1", generatedStorage: "virtual" }),
    ]);
    const { ops } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops).toEqual([
      { kind: "alterColumn", table: t, column: "at", onUpdate: { from: null, to: "current_timestamp()" } },
      { kind: "alterColumn", table: t, column: "s", charset: { from: null, to: "latin1" }, collation: { from: null, to: "latin1_swedish_ci" } },
      { kind: "alterColumn", table: t, column: "g", generatedStorage: { from: "stored", to: "virtual" } },
    ]);
    const back = ops.map((op) => reverse(op, postgres.types));
    expect(back[0]).toMatchObject({ kind: "alterColumn", onUpdate: { from: "current_timestamp()", to: null } });
    // The op API takes them as options with their existing* values, like every column property.
    const written = await collectOperations(async (op) => {
      await op.alterColumn("t", "at", { onUpdate: "current_timestamp()", existingOnUpdate: null });
      await op.alterColumn("t", "g", { generatedStorage: "virtual", existingGeneratedStorage: "stored" });
    }, postgres.types);
    expect(written).toEqual([ops[0], ops[2]]);
  });

  it("a change of table options is a warning (no op yet), none when equal", () => {
    const options = { engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_general_ci" };
    const before = idTable("t", [], { options });
    const after = idTable("t", [], { options: { ...options, engine: "MyISAM" } });
    expect(diff(model({ tables: [before] }), model({ tables: [before] }), postgres.types).warnings).toEqual([]);
    const { ops, warnings } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('"t" changes its engine from InnoDB to MyISAM')]);
  });

  it("PostgreSQL refuses them in its SQL instead of dropping them silently", async () => {
    const [alter, add, create] = await collectOperations(async (op) => {
      await op.alterColumn("t", "at", { onUpdate: "now()" });
      await op.addColumn("t", { name: "s", type: "text", charset: "latin1" });
      await op.createTable("u", { columns: [{ name: "id", type: "integer" }], options: { engine: "InnoDB" } });
    }, postgres.types);
    expect(() => toSql(alter!)).toThrow(/PostgreSQL has no ON UPDATE/);
    expect(() => toSql(add!)).toThrow(/has charset, which PostgreSQL does not have/);
    expect(() => toSql(create!)).toThrow(/MySQL table options/);
  });
});

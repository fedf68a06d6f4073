import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import type { Operation } from "../../../src/ops/types";
import { applyOps, canonical } from "./apply-model";
import { col, fk, idTable, index, model } from "./builders";
import { postgres } from "../../../src/dialect";

const t = { schema: "public", name: "t" };
const kinds = (ops: readonly Operation[]): string[] => ops.map((op) => (op.kind === "dropConstraint" || op.kind === "dropIndex" ? `${op.kind}:${op.name}` : op.kind));

describe("diff: keys, constraints and indexes", () => {
  it("replaces a changed primary key by drop + create, carrying the old one", () => {
    const before = idTable("t", [col("k", "integer", { nullable: false })]);
    const after = { ...before, primaryKey: { name: "PK_t", columns: ["id", "k"] } };
    expect(diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types).ops).toEqual([
      { kind: "dropConstraint", table: t, name: "PK_t", definition: { type: "primaryKey", primaryKey: { name: "PK_t", columns: ["id"] } } },
      { kind: "createPrimaryKey", table: t, primaryKey: { name: "PK_t", columns: ["id", "k"] } },
    ]);
  });

  it("adds, drops and replaces uniques, checks and exclusions", () => {
    const before = idTable("t", [col("a"), col("b")], {
      uniques: [{ name: "UQ_a", columns: ["a"], deferrable: false, initiallyDeferred: false }],
      checks: [{ name: "CHK_a", expression: "(a > 0)" }],
      exclusions: [{ name: "EX_old", definition: "USING gist (a WITH =)" }],
    });
    const after = idTable("t", [col("a"), col("b")], {
      uniques: [{ name: "UQ_a", columns: ["a"], deferrable: true, initiallyDeferred: false }],
      checks: [{ name: "CHK_a", expression: "(a > 1)" }, { name: "CHK_b", expression: "(b > 0)" }],
      exclusions: [],
    });
    const { ops } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropConstraint", table: t, name: "UQ_a", definition: { type: "unique", unique: before.uniques[0] } },
      { kind: "dropConstraint", table: t, name: "CHK_a", definition: { type: "check", check: before.checks[0] } },
      { kind: "dropConstraint", table: t, name: "EX_old", definition: { type: "exclusion", exclusion: before.exclusions[0] } },
      { kind: "createUniqueConstraint", table: t, unique: after.uniques[0] },
      { kind: "createCheckConstraint", table: t, check: after.checks[0] },
      { kind: "createCheckConstraint", table: t, check: after.checks[1] },
    ]);
  });

  it("replaces an index when any of name, unique, method, key order, direction, expression, predicate or include changes", () => {
    const base = index("IDX", ["a", "b"]);
    const variants = [
      { ...base, unique: true },
      { ...base, method: "hash" },
      { ...base, keys: [{ column: "b" }, { column: "a" }] },
      { ...base, keys: [{ column: "a", descending: true }, { column: "b" }] },
      { ...base, keys: [{ column: "a", nullsFirst: true }, { column: "b" }] },
      { ...base, keys: [{ expression: "lower(a)" }, { column: "b" }] },
      { ...base, where: "(a > 0)" },
      { ...base, include: ["c"] },
    ];
    const columns = [col("a", "text"), col("b"), col("c")];
    for (const variant of variants) {
      const { ops } = diff(model({ tables: [idTable("t", columns, { indexes: [base] })] }), model({ tables: [idTable("t", columns, { indexes: [variant] })] }), postgres.types);
      expect(ops).toEqual([
        { kind: "dropIndex", table: t, name: "IDX", definition: base },
        { kind: "createIndex", table: t, index: variant },
      ]);
    }
    // Defaults spelled out compare equal to defaults left out.
    const explicit = { ...base, keys: [{ column: "a", descending: false, nullsFirst: false }, { column: "b" }] };
    expect(diff(model({ tables: [idTable("t", columns, { indexes: [base] })] }), model({ tables: [idTable("t", columns, { indexes: [explicit] })] }), postgres.types).ops).toEqual([]);
  });

  it("drops indexes and constraints before the columns they cover", () => {
    const before = idTable("t", [col("a")], { indexes: [index("IDX_a", ["a"])], checks: [{ name: "CHK_a", expression: "(a > 0)" }] });
    const after = idTable("t");
    expect(kinds(diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types).ops)).toEqual(["dropConstraint:CHK_a", "dropIndex:IDX_a", "dropColumn"]);
  });

  it("replaces a changed foreign key: actions, deferrability, columns, referenced table", () => {
    const parent = idTable("parent");
    const other = idTable("other");
    const base = fk("FK_c", ["pid"], "parent");
    const variants = [
      { ...base, onDelete: "CASCADE" as const },
      { ...base, onUpdate: "SET NULL" as const },
      { ...base, deferrable: true, initiallyDeferred: true },
      { ...base, referencedTable: { schema: "public", name: "other" } },
    ];
    for (const variant of variants) {
      const from = model({ tables: [other, parent, idTable("child", [col("pid")], { foreignKeys: [base] })] });
      const to = model({ tables: [other, parent, idTable("child", [col("pid")], { foreignKeys: [variant] })] });
      const { ops } = diff(from, to, postgres.types);
      expect(ops).toEqual([
        { kind: "dropConstraint", table: { schema: "public", name: "child" }, name: "FK_c", definition: { type: "foreignKey", foreignKey: base } },
        { kind: "createForeignKey", table: { schema: "public", name: "child" }, foreignKey: variant },
      ]);
    }
  });

  it("drops foreign keys into a table before dropping it", () => {
    const from = model({ tables: [idTable("child", [col("pid")], { foreignKeys: [fk("FK_c", ["pid"], "parent")] }), idTable("parent")] });
    const to = model({ tables: [idTable("child", [col("pid")])] });
    expect(kinds(diff(from, to, postgres.types).ops)).toEqual(["dropConstraint:FK_c", "dropTable"]);
  });

  it("rebuilds a foreign key whose referenced key or column type changes under it", () => {
    const child = idTable("child", [col("pid")], { foreignKeys: [fk("FK_c", ["pid"], "parent")] });
    const from = model({ tables: [child, idTable("parent")] });
    const renamedPk = idTable("parent", [], { primaryKey: { name: "PK_new", columns: ["id"] } });
    expect(kinds(diff(from, model({ tables: [child, renamedPk] }), postgres.types).ops)).toEqual([
      "dropConstraint:FK_c",
      "dropConstraint:PK_parent",
      "createPrimaryKey",
      "createForeignKey",
    ]);
    const wider = { ...child, columns: [child.columns[0]!, col("pid", "bigint")] };
    const widerParent = { ...idTable("parent"), columns: [col("id", "bigint", { nullable: false })] };
    const ops = diff(from, model({ tables: [wider, widerParent] }), postgres.types).ops;
    expect(kinds(ops)).toEqual(["dropConstraint:FK_c", "alterColumn", "alterColumn", "createForeignKey"]);
    expect(ops.map(op => "table" in op && "name" in op.table ? op.table.name : "")).toEqual(["child", "child", "parent", "child"]);
  });

  it("creates new tables after the tables they reference, keys inline; a cycle's keys only are added after", () => {
    const a = idTable("a", [col("bid")], { foreignKeys: [fk("FK_a_b", ["bid"], "b")] });
    const b = idTable("b", [col("aid"), col("self")], { foreignKeys: [fk("FK_b_a", ["aid"], "a"), fk("FK_b_self", ["self"], "b")] });
    const to = model({ tables: [b, a] });
    const { ops } = diff(model(), to, postgres.types);
    // a <-> b is a cycle: it is broken at a (first by name), whose key waits for b
    expect(ops).toEqual([
      { kind: "createTable", table: { ...a, foreignKeys: [] } },
      { kind: "createTable", table: b },
      { kind: "createForeignKey", table: { schema: "public", name: "a" }, foreignKey: a.foreignKeys[0] },
    ]);
    expect(canonical(applyOps(model(), ops))).toEqual(canonical(to));
    // And the way back: the cycle's key first, then the tables in reverse, each with its own keys.
    const back = diff(to, model(), postgres.types).ops;
    expect(kinds(back)).toEqual(["dropConstraint:FK_a_b", "dropTable", "dropTable"]);
    expect(back[1]).toMatchObject({ kind: "dropTable", table: { name: "b" }, definition: b });
    expect(back[2]).toMatchObject({ kind: "dropTable", table: { name: "a" }, definition: { ...a, foreignKeys: [] } });
    expect(applyOps(to, back)).toEqual(model());
  });

  it("a chain of new tables needs no separate key: referenced tables come first, whatever their names", () => {
    const parent = idTable("z_parent");
    const middle = idTable("m_middle", [col("pid")], { foreignKeys: [fk("FK_m_z", ["pid"], "z_parent")] });
    const child = idTable("a_child", [col("mid"), col("pid")], { foreignKeys: [fk("FK_a_m", ["mid"], "m_middle"), fk("FK_a_z", ["pid"], "z_parent")] });
    const other = idTable("b_other");
    const to = model({ tables: [child, other, middle, parent] });
    const { ops } = diff(model(), to, postgres.types);
    expect(ops.map((op) => `${op.kind}:${"table" in op && "name" in op.table ? op.table.name : ""}`)).toEqual([
      "createTable:b_other",
      "createTable:z_parent",
      "createTable:m_middle",
      "createTable:a_child",
    ]);
    expect(canonical(applyOps(model(), ops))).toEqual(canonical(to));
    const back = diff(to, model(), postgres.types).ops;
    expect(back.map((op) => `${op.kind}:${"table" in op && "name" in op.table ? op.table.name : ""}`)).toEqual([
      "dropTable:a_child",
      "dropTable:m_middle",
      "dropTable:z_parent",
      "dropTable:b_other",
    ]);
    expect(applyOps(to, back)).toEqual(model());
  });

  it("a new key into a new table waits for that table", () => {
    const from = model({ tables: [idTable("child", [col("pid")])] });
    const to = model({ tables: [idTable("child", [col("pid")], { foreignKeys: [fk("FK_c", ["pid"], "parent")] }), idTable("parent")] });
    const { ops } = diff(from, to, postgres.types);
    expect(ops.map((op) => op.kind)).toEqual(["createTable", "createForeignKey"]);
    expect(canonical(applyOps(from, ops))).toEqual(canonical(to));
  });
});

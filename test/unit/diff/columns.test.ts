import { describe, expect, it } from "vitest";
import { diff } from "../../../src/diff";
import { opTable } from "../../../src/ops";
import { applyOps, canonical } from "./apply-model";
import { col, idTable, model, table } from "./builders";
import { postgres } from "../../../src/dialect";

const users = { schema: "public", name: "users" };

describe("diff: tables and columns", () => {
  it("finds nothing between a model and itself", () => {
    const m = model({ tables: [idTable("users", [col("email", "text")])] });
    expect(diff(m, m, postgres.types)).toEqual({ ops: [], warnings: [] });
  });

  it("creates and drops tables, the drop carrying the full definition and a destructive mark", () => {
    const old = idTable("old", [col("x", "text")]);
    const fresh = idTable("fresh");
    const { ops } = diff(model({ tables: [old] }), model({ tables: [fresh] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropTable", table: { schema: "public", name: "old" }, definition: old, destructive: 'drops table "old" and its data' },
      { kind: "createTable", table: fresh },
    ]);
  });

  it("drops generated columns before the columns they read, the later first", () => {
    const before = idTable("users", [
      col("a", "integer"),
      col("g1", "integer", { generated: "a + 1" }),
      col("b", "integer"),
      col("g2", "integer", { generated: "g1 + b" }),
    ]);
    const { ops } = diff(model({ tables: [before] }), model({ tables: [idTable("users")] }), postgres.types);
    expect(ops.map((op) => (op.kind === "dropColumn" ? op.column : op.kind))).toEqual(["g2", "g1", "a", "b"]);
  });

  it("drops and adds back a generated column whose expression moves off a dropped or retyped column, instead of altering it after", () => {
    const before = idTable("users", [col("a", "integer"), col("b", "integer"), col("g", "integer", { generated: "`a` + 1" }), col("h", "integer", { generated: '"b" * 2' })]);
    const after = idTable("users", [col("b", "integer"), col("g", "integer", { generated: "`b` + 1" }), col("h", "integer", { generated: '"b" * 3' })]);
    const { ops, warnings } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops.map((op) => `${op.kind} ${"column" in op ? (typeof op.column === "string" ? op.column : op.column.name) : ""}`)).toEqual([
      "dropColumn g",
      "dropColumn a",
      "addColumn g",
      "alterColumn h",
    ]);
    expect(warnings).toEqual([]);
    // the same when the column it read is retyped rather than dropped
    const retyped = idTable("users", [col("a", "text"), col("b", "integer"), col("g", "integer", { generated: "`b` + 1" }), col("h", "integer", { generated: '"b" * 2' })]);
    const kinds = diff(model({ tables: [before] }), model({ tables: [retyped] }), postgres.types).ops.map((op) => `${op.kind} ${"column" in op ? (typeof op.column === "string" ? op.column : op.column.name) : ""}`);
    expect(kinds).toEqual(["dropColumn g", "alterColumn a", "addColumn g"]);
  });

  it("adds, drops and alters columns with before and after of each change", () => {
    const before = idTable("users", [
      col("name", "character varying(100)", { nullable: true, default: null, comment: "who" }),
      col("gone", "text"),
      col("age", "text"),
    ]);
    const after = idTable("users", [
      col("name", "character varying(50)", { nullable: false, default: "'x'::character varying", comment: "full name" }),
      col("age", "integer", { collation: null }),
      col("phone", "character varying(20)"),
    ]);
    const { ops } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops).toEqual([
      { kind: "dropColumn", table: users, column: "gone", definition: before.columns[2], destructive: 'drops column "users"."gone" and its data' },
      {
        kind: "alterColumn",
        table: users,
        column: "name",
        type: { from: "character varying(100)", to: "character varying(50)" },
        nullable: { from: true, to: false },
        default: { from: null, to: "'x'::character varying" },
        destructive: 'changes "users"."name" from character varying(100) to character varying(50): values that do not fit are cut or rejected',
      },
      { kind: "setColumnComment", table: users, column: "name", comment: { from: "who", to: "full name" } },
      {
        kind: "alterColumn",
        table: users,
        column: "age",
        type: { from: "text", to: "integer", using: '"age"::integer' },
        destructive: 'changes "users"."age" from text to integer: values that do not fit are cut or rejected',
      },
      { kind: "addColumn", table: users, column: after.columns[3] },
    ]);
  });

  it("marks no widening as destructive and needs no USING for it", () => {
    const before = idTable("users", [col("a", "character varying(10)"), col("b", "integer"), col("c", "numeric(10,2)"), col("d", "character varying(5)")]);
    const after = idTable("users", [col("a", "character varying(20)"), col("b", "bigint"), col("c", "numeric(12,3)"), col("d", "text")]);
    const { ops } = diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types);
    expect(ops.map((op) => op.kind)).toEqual(["alterColumn", "alterColumn", "alterColumn", "alterColumn"]);
    for (const op of ops) {
      expect(op.destructive).toBeUndefined();
      expect(op.kind === "alterColumn" && op.type?.using).toBeUndefined();
    }
    // The way back narrows: destructive, still no USING between numbers or strings.
    const back = diff(model({ tables: [after] }), model({ tables: [before] }), postgres.types).ops;
    expect(back.every((op) => op.destructive !== undefined)).toBe(true);
    expect(back.map((op) => (op.kind === "alterColumn" ? op.type?.using : "?"))).toEqual([undefined, undefined, undefined, undefined]);
  });

  it("alters identity, generated expression and collation", () => {
    const before = idTable("t", [col("n", "integer", { nullable: false }), col("g", "integer", { generated: "(n * 2)" }), col("s", "text")]);
    const after = idTable("t", [
      col("n", "integer", { nullable: false, identity: "ALWAYS" }),
      col("g", "integer", { generated: "(n * 3)" }),
      col("s", "text", { collation: '"C"' }),
    ]);
    const t = { schema: "public", name: "t" };
    expect(diff(model({ tables: [before] }), model({ tables: [after] }), postgres.types).ops).toEqual([
      { kind: "alterColumn", table: t, column: "n", identity: { from: null, to: "ALWAYS" } },
      { kind: "alterColumn", table: t, column: "g", generated: { from: "(n * 2)", to: "(n * 3)" } },
      { kind: "alterColumn", table: t, column: "s", collation: { from: null, to: '"C"' } },
    ]);
  });

  it("sets a table comment with before and after", () => {
    const { ops } = diff(model({ tables: [idTable("t")] }), model({ tables: [idTable("t", [], { comment: "hello" })] }), postgres.types);
    expect(ops).toEqual([{ kind: "setTableComment", table: { schema: "public", name: "t" }, comment: { from: null, to: "hello" } }]);
  });

  it("warns about a possible rename, naming the flag to pass", () => {
    const { warnings } = diff(
      model({ tables: [idTable("t", [col("old", "text")])] }),
      model({ tables: [idTable("t", [col("new", "text")])] }), postgres.types
    );
    expect(warnings).toEqual([
      'column "t"."old" dropped and "t"."new" added with the same type: if this is a rename, pass --rename-column t.old:new',
    ]);
  });

  it("does not warn about renames when the types differ", () => {
    expect(diff(model({ tables: [idTable("t", [col("old", "text")])] }), model({ tables: [idTable("t", [col("new", "integer")])] }), postgres.types).warnings).toEqual([]);
  });

  it("pairs each dropped column with an added one of its type, in order, whatever else is added or dropped", () => {
    const hint = (from: string, to: string): string =>
      `column "issue"."${from}" dropped and "issue"."${to}" added with the same type: if this is a rename, pass --rename-column issue.${from}:${to}`;
    // The sample's step: keywords dropped, tags and estimate (another type) added.
    const sample = diff(
      model({ tables: [idTable("issue", [col("keywords", "text[]")])] }),
      model({ tables: [idTable("issue", [col("tags", "text[]"), col("estimate", "smallint")])] }), postgres.types
    );
    expect(sample.warnings).toEqual([hint("keywords", "tags")]);
    // Two drops, one add of their type: only the first drop is paired.
    const twoDrops = diff(
      model({ tables: [idTable("issue", [col("a", "text"), col("b", "text")])] }),
      model({ tables: [idTable("issue", [col("c", "text")])] }), postgres.types
    );
    expect(twoDrops.warnings).toEqual([hint("a", "c")]);
    // Pairs by type, each added column used once.
    const mixed = diff(
      model({ tables: [idTable("issue", [col("a", "integer"), col("b", "text"), col("c", "text")])] }),
      model({ tables: [idTable("issue", [col("x", "text"), col("y", "integer"), col("z", "text")])] }), postgres.types
    );
    expect(mixed.warnings).toEqual([hint("a", "y"), hint("b", "x"), hint("c", "z")]);
  });

  it("warns when a NOT NULL column without default is added to an existing table", () => {
    const { warnings } = diff(model({ tables: [idTable("t")] }), model({ tables: [idTable("t", [col("x", "integer", { nullable: false })])] }), postgres.types);
    expect(warnings).toEqual(['column "t"."x" is added NOT NULL without a default: this fails if the table has rows']);
  });

  it("never touches ignored tables nor typeorm_metadata, and keeps their schema", () => {
    const version = { ...table("migrator_version", [col("version_num", "character varying(64)")]), schema: "ops" };
    const meta = table("typeorm_metadata", [col("type", "text")]);
    const from = model({ schemas: ["ops"], tables: [version, meta] });
    expect(diff(from, model(), postgres.types, { ignoreTables: [{ schema: "ops", name: "migrator_version" }] }).ops).toEqual([]);
    // Without the ignore, the version table would be dropped (and only then its schema).
    expect(diff(from, model(), postgres.types).ops.map((op) => op.kind)).toEqual(["dropTable", "dropSchema"]);
  });

  it("creates schemas first and drops unused ones last, never public", () => {
    const t = { ...idTable("a"), schema: "sales" };
    const { ops } = diff(model({ schemas: ["old", "public"] }), model({ schemas: ["sales"], tables: [t] }), postgres.types);
    expect(ops).toEqual([
      { kind: "createSchema", schema: "sales" },
      { kind: "createTable", table: t },
      { kind: "dropSchema", schema: "old" },
    ]);
  });

  it("creates extensions first and drops them last", () => {
    const { ops } = diff(
      model({ extensions: [{ name: "hstore", schema: "public" }] }),
      model({ extensions: [{ name: "uuid-ossp", schema: null }], tables: [idTable("t")] }), postgres.types
    );
    expect(ops.map((op) => op.kind)).toEqual(["createExtension", "createTable", "dropExtension"]);
  });

  it("keeps each table's changes together, tables in name order, and names the table of each op", () => {
    const before = [idTable("b", [col("x"), col("y", "text")]), idTable("a", [col("x")])];
    const after = [idTable("b", [col("x", "bigint"), col("z")], { comment: "b" }), idTable("a", [col("x", "integer", { nullable: false }), col("w")])];
    const { ops } = diff(model({ tables: before }), model({ tables: after }), postgres.types);
    expect(ops.map((op) => `${opTable(op)?.name}:${op.kind}`)).toEqual([
      "a:alterColumn",
      "a:addColumn",
      "b:dropColumn",
      "b:alterColumn",
      "b:addColumn",
      "b:setTableComment",
    ]);
  });

  it("applies to the model it came from", () => {
    const before = idTable("users", [col("a", "text"), col("b", "integer")]);
    const after = idTable("users", [col("b", "bigint", { nullable: false }), col("c", "text")], { comment: "c" });
    const from = model({ tables: [before] });
    const to = model({ tables: [after] });
    expect(canonical(applyOps(from, diff(from, to, postgres.types).ops))).toEqual(canonical(to));
  });
});

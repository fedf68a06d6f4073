import { describe, expect, it } from "vitest";
import { diff, RenameHintError } from "../../../src/diff";
import { UsageError } from "../../../src/errors";
import { applyOps, canonical } from "./apply-model";
import { qualifiedKey, type EnumModel } from "../../../src/model/types";
import { col, fk, idTable, index, model, table } from "./builders";
import { postgres } from "../../../src/dialect";

describe("diff: rename hints", () => {
  it("turns a dropped+added table into a rename, then diffs what changed inside it", () => {
    const child = (target: string) => idTable("child", [col("pid")], { foreignKeys: [fk("FK_c", ["pid"], target)] });
    const from = model({ tables: [idTable("person", [col("name", "text")]), child("person")] });
    const renamed = idTable("people", [col("name", "text"), col("age")], { primaryKey: { name: "PK_people", columns: ["id"] } });
    const to = model({ tables: [renamed, child("people")] });
    const { ops, warnings } = diff(from, to, postgres.types, { renames: [{ table: "person", to: "people" }] });
    expect(warnings).toEqual([]);
    expect(ops.map((op) => op.kind)).toEqual([
      "renameTable",
      "renameConstraint", // PK_person -> PK_people: the same key, named after the new table; FK_c leans on it unmoved
      "addColumn",
    ]);
    expect(ops[0]).toEqual({ kind: "renameTable", table: { schema: "public", name: "person" }, to: "people" });
    expect(ops[1]).toEqual({ kind: "renameConstraint", table: { schema: "public", name: "people" }, name: "PK_person", to: "PK_people" });
    expect(ops.some((op) => op.kind === "dropTable" || op.kind === "createTable")).toBe(false);
    expect(canonical(applyOps(from, ops))).toEqual(canonical(to));
  });

  it("turns a dropped+added column into a rename, and the table may be named old or new", () => {
    const from = model({ tables: [idTable("person", [col("mail", "text")])] });
    const to = model({ tables: [idTable("people", [col("email", "text", { nullable: false })], { primaryKey: { name: "PK_person", columns: ["id"] } })] });
    for (const table of ["person", "people"]) {
      const { ops, warnings } = diff(from, to, postgres.types, { renames: [{ table: "person", to: "people" }, { table, column: "mail", to: "email" }] });
      expect(warnings).toEqual([]);
      expect(ops).toEqual([
        { kind: "renameTable", table: { schema: "public", name: "person" }, to: "people" },
        { kind: "renameColumn", table: { schema: "public", name: "people" }, column: "mail", to: "email" },
        { kind: "alterColumn", table: { schema: "public", name: "people" }, column: "email", nullable: { from: true, to: false } },
      ]);
    }
  });

  it("rejects a hint that does not name a dropped+added pair, saying which side is wrong", () => {
    const from = model({ tables: [idTable("t", [col("a", "text")]), idTable("keep")] });
    const to = model({ tables: [idTable("t", [col("b", "text")]), idTable("keep")] });
    const cases: [Parameters<typeof diff>[3], string][] = [
      [{ renames: [{ table: "t", column: "nope", to: "b" }] }, 'rename hint t.nope:b: the database has no column "t"."nope"'],
      [{ renames: [{ table: "t", column: "a", to: "zz" }] }, 'rename hint t.a:zz: the entities have no column "t"."zz"'],
      [{ renames: [{ table: "ghost", column: "a", to: "b" }] }, 'rename hint ghost.a:b: the database has no table "ghost"'],
      [{ renames: [{ table: "keep", to: "t" }] }, 'rename hint keep:t: the entities still have table "keep"'],
      [{ renames: [{ table: "x", to: "y" }] }, 'rename hint x:y: the database has no table "x"'],
    ];
    for (const [options, message] of cases) {
      let caught: unknown;
      try {
        diff(from, to, postgres.types, options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RenameHintError);
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).toBe(message);
    }
  });

  describe("a renamed table carries its derived names along, matched by what they are", () => {
    const level = (table: string): EnumModel => ({ schema: "public", name: `${table}_level_enum`, values: ["info", "warn"] });
    const audit = (name: string, names: Record<string, string>) =>
      idTable(name, [col("level", `public.${name}_level_enum`, { default: `'info'::public.${name}_level_enum` }), col("userId"), col("code", "text"), col("seq", "integer", { serial: true })], {
        primaryKey: { name: names.pk!, columns: ["id"] },
        uniques: [{ name: names.uq!, columns: ["code"], deferrable: false, initiallyDeferred: false }],
        foreignKeys: [fk(names.fk!, ["userId"], "user")],
        checks: [{ name: names.chk!, expression: `(level <> 'warn'::public.${name}_level_enum)` }],
        indexes: [index(names.idx!, ["level"], { where: `(level = 'info'::public.${name}_level_enum)` })],
      });
    const before = { pk: "PK_a", uq: "UQ_a", fk: "FK_a", chk: "CHK_a", idx: "IDX_a" };
    const after = { pk: "PK_b", uq: "UQ_b", fk: "FK_b", chk: "CHK_b", idx: "IDX_b" };
    const follower = (target: string) => idTable("note", [col("logId")], { foreignKeys: [fk("FK_note_log", ["logId"], target)] });
    const from = model({ enums: [level("audit_log")], tables: [idTable("user"), audit("audit_log", before), follower("audit_log")] });
    const to = model({ enums: [level("audit_events")], tables: [idTable("user"), audit("audit_events", after), follower("audit_events")] });
    const sequences = new Map([[qualifiedKey({ schema: "public", name: "audit_log" }), [{ column: "seq", sequence: { schema: "public", name: "audit_log_seq_seq" } }]]]);
    const T = { schema: "public", name: "audit_events" };

    it("renames the enum type, constraints, index and sequence in place, nothing else", () => {
      const { ops, warnings } = diff(from, to, postgres.types, { renames: [{ table: "audit_log", to: "audit_events" }], sequences });
      expect(warnings).toEqual([]);
      expect(ops).toEqual([
        { kind: "renameTable", table: { schema: "public", name: "audit_log" }, to: "audit_events" },
        { kind: "renameEnum", enum: { schema: "public", name: "audit_log_level_enum" }, to: "audit_events_level_enum" },
        { kind: "renameConstraint", table: T, name: "PK_a", to: "PK_b" },
        { kind: "renameConstraint", table: T, name: "UQ_a", to: "UQ_b" },
        { kind: "renameConstraint", table: T, name: "FK_a", to: "FK_b" },
        { kind: "renameConstraint", table: T, name: "CHK_a", to: "CHK_b" },
        { kind: "renameIndex", table: T, name: "IDX_a", to: "IDX_b" },
        { kind: "renameSequence", sequence: { schema: "public", name: "audit_log_seq_seq" }, to: "audit_events_seq_seq" },
      ]);
      expect(ops.some((op) => op.destructive !== undefined)).toBe(false);
      expect(canonical(applyOps(from, ops))).toEqual(canonical(to));
    });

    it("leaves a sequence alone whose name PostgreSQL did not derive from the table", () => {
      const handNamed = new Map([[qualifiedKey({ schema: "public", name: "audit_log" }), [{ column: "seq", sequence: { schema: "public", name: "my_counter" } }]]]);
      const { ops } = diff(from, to, postgres.types, { renames: [{ table: "audit_log", to: "audit_events" }], sequences: handNamed });
      expect(ops.filter((op) => op.kind === "renameSequence")).toEqual([]);
    });

    it("still drops and creates what changed besides its name", () => {
      const changed = model({
        ...to,
        tables: to.tables.map((t) => (t.name === "audit_events" ? { ...t, uniques: [{ ...t.uniques[0]!, columns: ["code", "level"] }] } : t)),
      });
      const { ops } = diff(from, changed, postgres.types, { renames: [{ table: "audit_log", to: "audit_events" }], sequences });
      expect(ops.filter((op) => op.kind === "dropConstraint").map((op) => op.kind === "dropConstraint" && op.name)).toEqual(["UQ_a"]);
      expect(ops.filter((op) => op.kind === "createUniqueConstraint")).toHaveLength(1);
      expect(ops.filter((op) => op.kind === "renameConstraint")).toHaveLength(3);
    });

    it("a renamed column renames the key, index and sequence named after it", () => {
      const t = (column: string, names: { pk: string; idx: string }) =>
        table("t", [col(column, "integer", { nullable: false, serial: true }), col("x")], { primaryKey: { name: names.pk, columns: [column] }, indexes: [index(names.idx, [column, "x"])] });
      const { ops } = diff(model({ tables: [t("uid", { pk: "PK_1", idx: "IDX_1" })] }), model({ tables: [t("user_id", { pk: "PK_2", idx: "IDX_2" })] }), postgres.types, {
        renames: [{ table: "t", column: "uid", to: "user_id" }],
        sequences: new Map([[qualifiedKey({ schema: "public", name: "t" }), [{ column: "uid", sequence: { schema: "public", name: "t_uid_seq" } }]]]),
      });
      const on = { schema: "public", name: "t" };
      expect(ops).toEqual([
        { kind: "renameColumn", table: on, column: "uid", to: "user_id" },
        { kind: "renameConstraint", table: on, name: "PK_1", to: "PK_2" },
        { kind: "renameIndex", table: on, name: "IDX_1", to: "IDX_2" },
        { kind: "renameSequence", sequence: { schema: "public", name: "t_uid_seq" }, to: "t_user_id_seq" },
      ]);
    });
  });

  describe("suggesting a table rename", () => {
    it("a dropped and a created table in one schema with the same columns and types", () => {
      const from = model({ tables: [idTable("audit_log", [col("at", "timestamp with time zone"), col("what", "text")])] });
      const to = model({ tables: [idTable("audit_events", [col("what", "text"), col("at", "timestamp with time zone")], { primaryKey: { name: "PK_x", columns: ["id"] } })] });
      expect(diff(from, to, postgres.types).warnings).toEqual([
        'table "audit_log" dropped and "audit_events" created with the same columns: if this is a rename, pass --rename-table audit_log:audit_events',
      ]);
    });

    it("an enum type counts by its values, as TypeORM names it after the table", () => {
      const level = (name: string, values: string[]): EnumModel => ({ schema: "public", name, values });
      const t = (name: string) => idTable(name, [col("level", `public.${name}_level_enum`)]);
      const from = model({ enums: [level("a_level_enum", ["x", "y"]), level("c_level_enum", ["x"])], tables: [t("a"), t("c")] });
      const to = model({ enums: [level("b_level_enum", ["x", "y"]), level("d_level_enum", ["z"])], tables: [t("b"), t("d")] });
      expect(diff(from, to, postgres.types).warnings).toEqual([
        'table "a" dropped and "b" created with the same columns: if this is a rename, pass --rename-table a:b',
      ]);
    });

    it("not when a column or its type differs, nor across schemas", () => {
      const from = model({ tables: [idTable("a", [col("what", "text")]), idTable("b", [col("n")])] });
      const to = model({
        schemas: ["other"],
        tables: [idTable("c", [col("what", "character varying")]), { ...idTable("d", [col("n")]), schema: "other" }, idTable("e", [col("n"), col("m")])],
      });
      expect(diff(from, to, postgres.types).warnings).toEqual([]);
    });

    it("names the schema in the flag outside the default one", () => {
      const from = model({ schemas: ["sales"], tables: [{ ...idTable("old"), schema: "sales" }] });
      const to = model({ schemas: ["sales"], tables: [{ ...idTable("new"), schema: "sales" }] });
      expect(diff(from, to, postgres.types).warnings).toEqual([
        'table "sales"."old" dropped and "sales"."new" created with the same columns: if this is a rename, pass --rename-table sales.old:new',
      ]);
    });
  });
});

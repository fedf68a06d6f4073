import { describe, expect, it } from "vitest";
import { diff, RenameHintError } from "../../../src/diff";
import { UsageError } from "../../../src/errors";
import { applyOps, canonical } from "./apply-model";
import { col, fk, idTable, model } from "./builders";

describe("diff: rename hints", () => {
  it("turns a dropped+added table into a rename, then diffs what changed inside it", () => {
    const child = (target: string) => idTable("child", [col("pid")], { foreignKeys: [fk("FK_c", ["pid"], target)] });
    const from = model({ tables: [idTable("person", [col("name", "text")]), child("person")] });
    const renamed = idTable("people", [col("name", "text"), col("age")], { primaryKey: { name: "PK_people", columns: ["id"] } });
    const to = model({ tables: [renamed, child("people")] });
    const { ops, warnings } = diff(from, to, { renames: [{ table: "person", to: "people" }] });
    expect(warnings).toEqual([]);
    expect(ops.map((op) => op.kind)).toEqual([
      "renameTable",
      "dropConstraint", // FK_c: its referenced primary key is replaced (TypeORM names it after the table)
      "dropConstraint", // PK_person
      "addColumn",
      "createPrimaryKey",
      "createForeignKey",
    ]);
    expect(ops[0]).toEqual({ kind: "renameTable", table: { schema: "public", name: "person" }, to: "people" });
    expect(ops.some((op) => op.kind === "dropTable" || op.kind === "createTable")).toBe(false);
    expect(canonical(applyOps(from, ops))).toEqual(canonical(to));
  });

  it("turns a dropped+added column into a rename, and the table may be named old or new", () => {
    const from = model({ tables: [idTable("person", [col("mail", "text")])] });
    const to = model({ tables: [idTable("people", [col("email", "text", { nullable: false })], { primaryKey: { name: "PK_person", columns: ["id"] } })] });
    for (const table of ["person", "people"]) {
      const { ops, warnings } = diff(from, to, { renames: [{ table: "person", to: "people" }, { table, column: "mail", to: "email" }] });
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
    const cases: [Parameters<typeof diff>[2], string][] = [
      [{ renames: [{ table: "t", column: "nope", to: "b" }] }, 'rename hint t.nope:b: the database has no column "t"."nope"'],
      [{ renames: [{ table: "t", column: "a", to: "zz" }] }, 'rename hint t.a:zz: the entities have no column "t"."zz"'],
      [{ renames: [{ table: "ghost", column: "a", to: "b" }] }, 'rename hint ghost.a:b: the database has no table "ghost"'],
      [{ renames: [{ table: "keep", to: "t" }] }, 'rename hint keep:t: the entities still have table "keep"'],
      [{ renames: [{ table: "x", to: "y" }] }, 'rename hint x:y: the database has no table "x"'],
    ];
    for (const [options, message] of cases) {
      let caught: unknown;
      try {
        diff(from, to, options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(RenameHintError);
      expect(caught).toBeInstanceOf(UsageError);
      expect((caught as Error).message).toBe(message);
    }
  });
});

/**
 * information_schema rows -> table model, for the forms only MySQL 8 prints
 * (no MySQL 8 server runs in the tests; MariaDB's forms are read on the real
 * server in test/db/mysql): bare literal defaults, DEFAULT_GENERATED
 * expressions and ON UPDATE in EXTRA, native json; and for the index shapes
 * synchronize does not make (column prefixes, descending keys).
 */
import { describe, expect, it } from "vitest";
import type { Row } from "../../../src/db/types";
import { readTable } from "../../../src/dialect/mysql/introspect/tables";

const table: Row = { db: "app", name: "t", engine: "InnoDB", collation: "utf8mb4_0900_ai_ci", charset: "utf8mb4", comment: "" };

function column(name: string, type: string, extra: Partial<Row> = {}): Row {
  return { db: "app", tbl: "t", name, type, dataType: type.replace(/\(.*$/, ""), dflt: null, nullable: "YES", extra: "", generation: "", charset: null, collation: null, comment: "", ...extra };
}

const read = (rows: Partial<Parameters<typeof readTable>[0]>, mariadb = false) =>
  readTable({ table, columns: [], statistics: [], foreignKeys: [], checks: [], ...rows }, { schema: "public", mariadb, toSchema: (db) => (db === "app" ? "public" : db) });

describe("MySQL 8 rows", () => {
  it("quotes bare literal defaults, keeps marked expressions, reads ON UPDATE and AUTO_INCREMENT from EXTRA", () => {
    const model = read({
      columns: [
        column("id", "int", { nullable: "NO", extra: "auto_increment" }),
        column("name", "varchar(20)", { dflt: "it's \\ here", charset: "utf8mb4", collation: "utf8mb4_0900_ai_ci" }),
        column("n", "int", { dflt: "0" }),
        column("at", "datetime(3)", { dflt: "CURRENT_TIMESTAMP(3)", extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)" }),
        column("doc", "json"),
        column("v", "int", { extra: "VIRTUAL GENERATED", generation: "(`n` + 1)" }),
        column("s", "int", { extra: "STORED GENERATED", generation: "(`n` * 2)" }),
      ],
    });
    expect(model.columns.map((c) => [c.name, c.type, c.default, c.identity, c.onUpdate ?? null, c.generated, c.generatedStorage ?? null, c.collation, c.charset ?? null])).toEqual([
      ["id", "int", null, "BY DEFAULT", null, null, null, null, null],
      ["name", "varchar(20)", "'it''s \\\\ here'", null, null, null, null, null, null],
      ["n", "int", "'0'", null, null, null, null, null, null],
      ["at", "datetime(3)", "CURRENT_TIMESTAMP(3)", null, "CURRENT_TIMESTAMP(3)", null, null, null, null],
      ["doc", "json", null, null, null, null, null, null, null],
      ["v", "int", null, null, null, "(`n` + 1)", "virtual", null, null],
      ["s", "int", null, null, null, "(`n` * 2)", null, null, null],
    ]);
    expect(model.options).toEqual({ engine: "InnoDB", charset: "utf8mb4", collation: "utf8mb4_0900_ai_ci" });
  });

  it("MariaDB: 'NULL' is no default, a quoted 'NULL' is the string", () => {
    const model = read({ columns: [column("a", "varchar(5)", { dflt: "NULL" }), column("b", "varchar(5)", { dflt: "'NULL'" })] }, true);
    expect(model.columns.map((c) => c.default)).toEqual([null, "'NULL'"]);
  });

  it("a column json only on MariaDB's longtext with its own json_valid check, which is then not listed", () => {
    const check = (name: string, clause: string, level = "Column"): Row => ({ db: "app", tbl: "t", name, clause, level });
    const model = read(
      {
        columns: [column("j", "longtext", { collation: "utf8mb4_bin", charset: "utf8mb4" }), column("k", "longtext")],
        checks: [check("j", "json_valid(`j`)"), check("k", "json_valid(`j`)"), check("pos", "`k` <> ''", "Table")],
      },
      true,
    );
    expect(model.columns.map((c) => [c.type, c.collation])).toEqual([["json", null], ["longtext", null]]);
    expect(model.checks.map((c) => c.name)).toEqual(["k", "pos"]);
  });

  it("indexes: PRIMARY is the key, a foreign key's own index is not listed, prefixes and DESC keys are kept", () => {
    const stat = (name: string, seq: number, col: string, extra: Partial<Row> = {}): Row => ({ db: "app", tbl: "t", name, nonUnique: 1, seq, col, direction: "A", subPart: null, method: "BTREE", ...extra });
    const model = read({
      statistics: [
        stat("PRIMARY", 1, "id", { nonUnique: 0 }),
        stat("FK_owner", 1, "owner"),
        stat("by_title", 1, "title", { subPart: 20 }),
        stat("by_title", 2, "at", { direction: "D" }),
        stat("ft", 1, "body", { method: "FULLTEXT", direction: null }),
      ],
      foreignKeys: [{ db: "app", tbl: "t", name: "FK_owner", col: "owner", refDb: "other", refTable: "people", refCol: "id", onDelete: "RESTRICT", onUpdate: "NO ACTION" }],
    });
    expect(model.primaryKey).toEqual({ name: "PRIMARY", columns: ["id"] });
    expect(model.indexes).toEqual([
      { name: "by_title", unique: false, method: "btree", keys: [{ expression: "`title`(20)" }, { column: "at", descending: true }], where: null, include: [] },
      { name: "ft", unique: false, method: "fulltext", keys: [{ column: "body" }], where: null, include: [] },
    ]);
    expect(model.foreignKeys).toEqual([
      { name: "FK_owner", columns: ["owner"], referencedTable: { schema: "other", name: "people" }, referencedColumns: ["id"], onDelete: "RESTRICT", onUpdate: "NO ACTION", deferrable: false, initiallyDeferred: false },
    ]);
  });
});

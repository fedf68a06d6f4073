/**
 * `op.addColumn(table, column, { after } | { first })`: what the op API
 * accepts (hostile input refused with a MigratorError, never pasted into
 * SQL), how a revision file writes it, and what each dialect makes of it:
 * MySQL places the column, PostgreSQL adds it last as if no position were given.
 */
import { describe, expect, it } from "vitest";
import { postgres } from "../../../src/dialect";
import { mysql } from "../../../src/dialect/mysql/dialect";
import { MigratorError } from "../../../src/errors";
import { collectOperations, describeOperation, reverse, type ColumnPositionSpec, type Operation, type Operations } from "../../../src/ops";
import { renderRevisionBodies } from "../../../src/render";
import { renderSqlRevisionBodies } from "../../../src/render/sql-body";
import { roundTrip } from "../render/run-rendered";

const ops = (build: (op: Operations) => Promise<void>): Promise<Operation[]> => collectOperations(build, postgres.types);
const sqlOf = (dialect: typeof postgres, list: readonly Operation[]): string[] => list.flatMap((o) => dialect.sql.toSql(o).map((s) => dialect.sql.toOfflineSql(s)));

describe("addColumn's position", () => {
  it("is recorded as { after } or { first }, left out when the column goes last", async () => {
    const [after, first, last, notFirst] = await ops(async (op) => {
      await op.addColumn("t", { name: "b", type: "int" }, { after: "a" });
      await op.addColumn("t", { name: "c", type: "int" }, { first: true });
      await op.addColumn("t", { name: "d", type: "int" });
      await op.addColumn("t", { name: "e", type: "int" }, { first: false });
    });
    expect(after).toMatchObject({ kind: "addColumn", position: { after: "a" } });
    expect(first).toMatchObject({ kind: "addColumn", position: { first: true } });
    expect(last).not.toHaveProperty("position");
    expect(notFirst).not.toHaveProperty("position");
    expect(describeOperation(after!)).toBe('add column "t"."b" int, after "a"');
    expect(describeOperation(first!)).toBe('add column "t"."c" int, first');
  });

  it("refuses what is not a column name or a position, with a readable MigratorError", async () => {
    const bad: unknown[] = [
      { after: "" },
      { after: 3 },
      { after: null },
      { after: ["a"] },
      { after: { toString: () => "a` INT; DROP TABLE t; --" } },
      { after: "a", first: true },
      { first: "yes" },
      { afer: "a" },
      { after: "b" }, // the column itself
      "a",
      null,
      ["a"],
    ];
    for (const position of bad) {
      const attempt = ops((op) => op.addColumn("t", { name: "b", type: "int" }, position as ColumnPositionSpec));
      await expect(attempt, JSON.stringify(position)).rejects.toThrow(MigratorError);
    }
    await expect(ops((op) => op.addColumn("t", { name: "b", type: "int" }, { after: 7 } as unknown as ColumnPositionSpec))).rejects.toThrow(
      'addColumn "b": after must name a column, got 7',
    );
    await expect(ops((op) => op.dropColumn("t", "b", { existingPosition: { after: "" } }))).rejects.toThrow(/dropColumn "b": after must name a column/);
  });

  it("a drop's existingPosition is before-state: its reverse adds the column back there", async () => {
    const [drop] = await ops((op) => op.dropColumn("t", "b", { existing: { name: "b", type: "int" }, existingPosition: { after: "a" } }));
    expect(reverse(drop!, postgres.types)).toMatchObject({ kind: "addColumn", column: { name: "b" }, position: { after: "a" } });
  });
});

describe("the SQL of a placed column", () => {
  it("MySQL writes FIRST or AFTER with the name quoted as an identifier, after the whole definition", async () => {
    const list = await ops(async (op) => {
      await op.addColumn("t", { name: "b", type: "int", comment: "note" }, { after: "a`; DROP TABLE t; --" });
      await op.addColumn("t", { name: "c", type: "int" }, { first: true });
      await op.addColumn("t", { name: "d", type: "int" });
    });
    expect(sqlOf(mysql, list)).toEqual([
      "ALTER TABLE `t` ADD COLUMN `b` int NULL COMMENT 'note' AFTER `a``; DROP TABLE t; --`",
      "ALTER TABLE `t` ADD COLUMN `c` int NULL FIRST",
      "ALTER TABLE `t` ADD COLUMN `d` int NULL",
    ]);
    // MySQL's own identifier rules apply to the name after AFTER too
    const [tooLong] = await ops((op) => op.addColumn("t", { name: "b", type: "int" }, { after: "x".repeat(65) }));
    expect(() => mysql.sql.toSql(tooLong!)).toThrow(MigratorError);
  });

  it("PostgreSQL cannot place a column: the same op gives the same SQL as one without a position", async () => {
    const placed = await ops(async (op) => {
      await op.addColumn("t", { name: "b", type: "int" }, { after: "a" });
      await op.addColumn("t", { name: "c", type: "int" }, { first: true });
    });
    const plain = await ops(async (op) => {
      await op.addColumn("t", { name: "b", type: "int" });
      await op.addColumn("t", { name: "c", type: "int" });
    });
    expect(sqlOf(postgres, placed)).toEqual(sqlOf(postgres, plain));
    expect(sqlOf(postgres, placed)).toEqual(['ALTER TABLE "public"."t" ADD COLUMN "b" int', 'ALTER TABLE "public"."t" ADD COLUMN "c" int']);
  });
});

describe("a placed column in a revision file", () => {
  it("is written as addColumn's third argument, and a drop's position only in the downgrade", async () => {
    const list = await ops(async (op) => {
      await op.dropColumn("t", "b", { existing: { name: "b", type: "int" }, existingPosition: { after: "a" } });
      await op.dropColumn("t", "z", { existing: { name: "z", type: "int" }, existingPosition: { first: true } });
    });
    const bodies = renderRevisionBodies(list, mysql);
    expect(bodies.upgrades).toBe(
      [
        '// table "t"',
        '// destructive: drops column "t"."b" and its data',
        'await op.dropColumn("t", "b");',
        '// destructive: drops column "t"."z" and its data',
        'await op.dropColumn("t", "z");',
        "",
      ].join("\n"),
    );
    expect(bodies.downgrades).toBe(
      [
        '// table "t"',
        "// cannot restore: the values of dropped column \"t\".\"z\" (the column is recreated empty)",
        'await op.addColumn("t", { name: "z", type: "int" }, { first: true });',
        "// cannot restore: the values of dropped column \"t\".\"b\" (the column is recreated empty)",
        'await op.addColumn("t", { name: "b", type: "int" }, { after: "a" });',
        "",
      ].join("\n"),
    );
  });

  it("running the rendered file builds the same ops, positions included", async () => {
    const list = await ops(async (op) => {
      await op.addColumn("t", { name: "b", type: "int" }, { after: 'we"ird\nname' });
      await op.dropColumn("t", "c", { existing: { name: "c", type: "int" }, existingPosition: { first: true } });
    });
    const { upgrade, downgrade } = await roundTrip(list);
    expect(upgrade[0]).toMatchObject({ kind: "addColumn", position: { after: 'we"ird\nname' } });
    expect(upgrade[1]).not.toHaveProperty("position");
    expect(downgrade).toMatchObject([
      { kind: "addColumn", column: { name: "c" }, position: { first: true } },
      { kind: "dropColumn", column: "b", position: { after: 'we"ird\nname' } },
    ]);
  });

  it("an .sql revision (--sql-file) writes the downgrade's AFTER and FIRST for MySQL, nothing of them for PostgreSQL", async () => {
    const list = await ops(async (op) => {
      await op.dropColumn("t", "b", { existing: { name: "b", type: "int" }, existingPosition: { after: "a" } });
      await op.dropColumn("t", "z", { existing: { name: "z", type: "int" }, existingPosition: { first: true } });
    });
    const mysqlBodies = renderSqlRevisionBodies(list, mysql);
    expect(mysqlBodies.downgrades).toContain("ALTER TABLE `t` ADD COLUMN `z` int NULL FIRST;");
    expect(mysqlBodies.downgrades).toContain("ALTER TABLE `t` ADD COLUMN `b` int NULL AFTER `a`;");
    expect(renderSqlRevisionBodies(list, postgres).downgrades).not.toMatch(/FIRST|AFTER/);
  });
});

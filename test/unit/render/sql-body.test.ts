/**
 * autogenerate --sql-file: every operation kind, with hostile names and
 * literals, written as SQL sections that split back into exactly the
 * statements --sql renders for those ops, with the .ts body's comments.
 */
import { describe, expect, it } from "vitest";
import { toOfflineSql, toSql } from "../../../src/dialect/postgres";
import { splitStatements } from "../../../src/dialect/postgres/split-statements";
import { renderSqlRevisionBodies } from "../../../src/render/sql-body";
import { renderRevisionBodies } from "../../../src/render";
import { isIrreversible, reverse } from "../../../src/ops/reverse";
import { collectOperations } from "../../../src/ops/operations";
import { allKindsOps } from "./all-kinds";
import { postgres } from "../../../src/dialect";

/** What --sql renders for the ops, statement by statement as the runner will split it. */
const offline = (ops: readonly Parameters<typeof toSql>[0][]): string[] =>
  ops.flatMap((op) => toSql(op).flatMap((s) => splitStatements(toOfflineSql(s)).statements.map((x) => x.sql)));

describe("renderSqlRevisionBodies", () => {
  it("every kind: the sections split back into the statements --sql renders, upgrade and downgrade", async () => {
    // a backfill runs batch by batch through the runner: it has no SQL form, and an .sql revision cannot hold one
    const ops = (await allKindsOps()).filter((op) => op.kind !== "backfill");
    const bodies = renderSqlRevisionBodies(ops, postgres);
    expect(splitStatements(bodies.upgrades).statements.map((s) => s.sql)).toEqual(offline(ops));
    const reverses = [...ops].reverse().map((op) => reverse(op, postgres.types)).filter((r) => !isIrreversible(r));
    expect(splitStatements(bodies.downgrades).statements.map((s) => s.sql)).toEqual(offline(reverses as Parameters<typeof toSql>[0][]));
    // the same notes as the .ts body, as SQL comments
    const ts = renderRevisionBodies(ops, postgres);
    const notes = (body: string, marker: string): string[] => body.split("\n").filter((l) => l.startsWith(marker)).map((l) => l.slice(marker.length));
    // comments the dialect writes inside a statement (a column dropped and added back says why) are not the body's notes
    const ownComments = new Set(ops.concat(reverses as typeof ops).flatMap((op) => toSql(op).flatMap((s) => s.sql.split("\n").filter((l) => l.startsWith("-- ")))));
    const sqlNotes = (body: string): string[] => notes(body.split("\n").filter((l) => !ownComments.has(l)).join("\n"), "-- ");
    expect(sqlNotes(bodies.upgrades)).toEqual(notes(ts.upgrades, "// "));
    expect(sqlNotes(bodies.downgrades)).toEqual(notes(ts.downgrades, "// "));
    expect(bodies.destructive).toEqual(ts.destructive);
    expect(bodies.irreversible).toEqual(ts.irreversible);
  });

  it("a statement that cannot run in a transaction makes the file non-transactional", async () => {
    const ops = await collectOperations((op) => op.createIndex("t", "i_t", ["c"], { concurrently: true }), postgres.types);
    expect(renderSqlRevisionBodies(ops, postgres).nonTransactional).toBe(true);
    const plain = await collectOperations((op) => op.createIndex("t", "i_t", ["c"]), postgres.types);
    expect(renderSqlRevisionBodies(plain, postgres).nonTransactional).toBe(false);
  });

  it("refuses raw SQL that would split elsewhere, instead of writing a file that runs something else", async () => {
    const ops = await collectOperations((op) => op.execute("SELECT 1; SELECT 'unclosed"), postgres.types);
    expect(() => renderSqlRevisionBodies(ops, postgres)).toThrow(/cannot be written as an \.sql revision: this statement would not read back as written/);
  });
});

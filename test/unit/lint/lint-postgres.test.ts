/**
 * PostgreSQL's knowledge behind the rules: which type changes rewrite, which
 * defaults are computed per row, which statements lock what, as read by the
 * server's parser.
 */
import { describe, expect, it } from "vitest";
import { postgresLint } from "../../../src/dialect/postgres/lint-part";
import { typeChangeCost } from "../../../src/dialect/postgres/lint/type-change";
import { defaultFill } from "../../../src/dialect/postgres/lint/volatility";
import type { LintAction } from "../../../src/lint/types";

const actions = async (sql: string): Promise<LintAction[]> => (await postgresLint.sql(sql, { op: 1 })).flatMap((statement) => [...statement.actions]);

describe("type changes on PostgreSQL", () => {
  it.each([
    ["character varying(20)", "character varying(50)", "none"],
    ["varchar(20)", "varchar", "none"],
    ["character varying(20)", "text", "none"],
    ["text", "character varying", "none"],
    ["numeric(10,2)", "numeric(12,2)", "none"],
    ["timestamp(3)", "timestamp(6)", "none"],
    ["character varying(50)", "character varying(20)", "rewrite"],
    ["text", "character varying(20)", "rewrite"],
    ["numeric(10,2)", "numeric(12,3)", "rewrite"],
    ["integer", "bigint", "rewrite"],
    ["timestamp without time zone", "timestamp with time zone", "rewrite"],
    ["integer[]", "bigint[]", "rewrite"],
    ["character(5)", "character(10)", "rewrite"],
  ])("%s -> %s: %s", (from, to, cost) => {
    expect(typeChangeCost({ from, to })).toBe(cost);
  });

  it("a USING clause rewrites; a collation change rebuilds indexes; an unknown old type is unknown unless the new type cannot be reached for free", () => {
    expect(typeChangeCost({ from: "varchar(5)", to: "varchar(9)", using: true })).toBe("rewrite");
    expect(typeChangeCost({ from: "text", to: "text", collationChanged: true })).toBe("reindex");
    expect(typeChangeCost({ to: "character varying(100)" })).toBe("unknown");
    expect(typeChangeCost({ to: "bigint" })).toBe("rewrite");
  });

  it("reads the new type from SQL in the catalog's spelling", async () => {
    expect(await actions("ALTER TABLE t ALTER COLUMN c TYPE varchar(40), ALTER COLUMN d TYPE timestamptz(3), ALTER COLUMN e TYPE int8[]")).toEqual([
      { kind: "lock", lock: { table: { schema: "public", name: "t" }, mode: "ACCESS EXCLUSIVE", blocks: "reads-and-writes" } },
      { kind: "changeType", table: { schema: "public", name: "t" }, column: "c", to: "character varying(40)", cost: "unknown" },
      { kind: "changeType", table: { schema: "public", name: "t" }, column: "d", to: "timestamp(3) with time zone", cost: "unknown" },
      { kind: "changeType", table: { schema: "public", name: "t" }, column: "e", to: "bigint[]", cost: "rewrite" },
    ]);
  });
});

describe("defaults of new columns on PostgreSQL", () => {
  it.each([
    ["'draft'::text", "constant"],
    ["0", "constant"],
    ["now()", "constant"],
    ["CURRENT_TIMESTAMP", "constant"],
    ["lower('A')", "constant"],
    ["gen_random_uuid()", "per-row"],
    ["(random() * 10)::int", "per-row"],
    ["nextval('s'::regclass)", "per-row"],
    ["my_schema.next_code()", "unknown"],
  ])("%s: %s", async (expression, fill) => {
    expect((await defaultFill(expression)).fill).toBe(fill);
  });

  it("counts identity, serial and stored generated columns as computed per row", async () => {
    const fills = (await actions("ALTER TABLE t ADD COLUMN a int GENERATED ALWAYS AS IDENTITY, ADD COLUMN b bigserial, ADD COLUMN c int GENERATED ALWAYS AS (x * 2) STORED, ADD COLUMN d int"))
      .flatMap((action) => (action.kind === "addColumn" ? [[action.column, action.fill]] : []));
    expect(fills).toEqual([["a", "per-row"], ["b", "per-row"], ["c", "per-row"], ["d", "none"]]);
  });
});

describe("statements read by PostgreSQL's parser", () => {
  it("follows lock_timeout: set, set to 0, reset", async () => {
    const timeouts = (await actions("SET lock_timeout = '3s'; SET LOCAL lock_timeout TO 0; SET lock_timeout = 500; RESET lock_timeout; RESET ALL"))
      .map((action) => (action.kind === "lockTimeout" ? action.set : undefined));
    expect(timeouts).toEqual([true, false, true, false, false]);
  });

  it("tells NOT VALID, USING INDEX and `IS NOT NULL` checks apart", async () => {
    const added = (await actions(
      "ALTER TABLE t ADD CONSTRAINT a FOREIGN KEY (x) REFERENCES u (id) NOT VALID, ADD CONSTRAINT b CHECK (x IS NOT NULL) NOT VALID, ADD CONSTRAINT c UNIQUE USING INDEX ix, ADD CONSTRAINT d CHECK (x > 0)",
    )).flatMap((action) => (action.kind === "addConstraint" ? [[action.name, action.type, action.notValid, action.usingIndex, action.notNullOf]] : []));
    expect(added).toEqual([
      ["a", "foreignKey", true, false, undefined],
      ["b", "check", true, false, "x"],
      ["c", "unique", false, true, undefined],
      ["d", "check", false, false, undefined],
    ]);
  });

  it("names the statements a transaction block refuses and the ones that end it", async () => {
    const kinds = (await actions("BEGIN; SAVEPOINT s; SET TRANSACTION ISOLATION LEVEL SERIALIZABLE; REINDEX INDEX CONCURRENTLY ix; DROP INDEX CONCURRENTLY ix; VACUUM t; ANALYZE t; COMMIT"))
      .map((action) => ("statement" in action ? `${action.kind}: ${action.statement}` : action.kind));
    expect(kinds).toEqual([
      "transactionControl: BEGIN",
      "transactionControl: SAVEPOINT",
      "transactionControl: SET TRANSACTION",
      "needsNoTransaction: REINDEX CONCURRENTLY",
      "needsNoTransaction: DROP INDEX CONCURRENTLY",
      "needsNoTransaction: VACUUM",
      "transactionControl: COMMIT",
    ]);
  });

  it("places each statement of a file at its first line, past comments, with multi-byte text before it", async () => {
    const sql = "-- über\n\nSELECT 'ünïcode';\n/* note */ DROP TABLE a.b;\n";
    const statements = await postgresLint.sql(sql, { line: 1 }, 1);
    expect(statements.map((s) => [s.at, s.text])).toEqual([
      [{ line: 3 }, "SELECT 'ünïcode'"],
      [{ line: 4 }, "DROP TABLE a.b"],
    ]);
    expect(statements[1]?.actions).toContainEqual({ kind: "dropTable", table: { schema: "a", name: "b" } });
  });
});

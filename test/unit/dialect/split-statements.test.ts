/**
 * The statement splitter for SQL revision files: `;` separates statements
 * only outside strings, quoted names, dollar-quoted bodies, comments,
 * parentheses and BEGIN ATOMIC bodies (psql's rules).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitSql, splitStatements } from "../../../src/dialect/postgres/split-statements";

const texts = (sql: string): string[] => splitStatements(sql).statements.map((s) => s.sql);

describe("splitStatements", () => {
  it("splits plain statements and drops empty ones and the comments between them", () => {
    expect(texts("CREATE TABLE a (id int);\n\n-- then b\nCREATE TABLE b (id int);\n;  ;\n-- the end\n")).toEqual([
      "CREATE TABLE a (id int)",
      "CREATE TABLE b (id int)",
    ]);
    expect(texts("SELECT 1")).toEqual(["SELECT 1"]);
    expect(texts("")).toEqual([]);
    expect(texts("  -- only a comment\n/* and another */ ")).toEqual([]);
  });

  it("keeps comments inside a statement", () => {
    expect(texts("CREATE TABLE a ( -- the key; not the end\n id int /* ; */ );")).toEqual([
      "CREATE TABLE a ( -- the key; not the end\n id int /* ; */ )",
    ]);
  });

  it.each([
    ["a single-quoted string", "INSERT INTO t VALUES ('a;b')", "SELECT 2"],
    ["a doubled quote in a string", "INSERT INTO t VALUES ('it''s; fine')", "SELECT 2"],
    ["an E'' string with \\' escapes", "INSERT INTO t VALUES (E'it\\'s; \\\\')", "SELECT 2"],
    ["an e'' string in lower case", "SELECT e'\\';'", "SELECT 2"],
    ["a quoted identifier", 'CREATE TABLE "a;b" ("x"";" int)', "SELECT 2"],
    ["a $$ body", "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql", "SELECT 2"],
    ["a $tag$ body holding $$", "DO $body$ BEGIN PERFORM 1; RAISE NOTICE '$$;'; END $body$", "SELECT 2"],
    ["a nested block comment", "SELECT /* outer /* inner; */ still; */ 1", "SELECT 2"],
    ["a line comment", "SELECT 1 -- not here;\n + 1", "SELECT 2"],
    ["parentheses (CREATE RULE)", "CREATE RULE r AS ON INSERT TO t DO ALSO (INSERT INTO u VALUES (1); INSERT INTO u VALUES (2))", "SELECT 2"],
    [
      "a BEGIN ATOMIC body with CASE ... END inside",
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END; SELECT 2; END",
      "SELECT 2",
    ],
  ])("a ; inside %s does not separate", (_what, first, second) => {
    expect(texts(`${first};\n${second};`)).toEqual([first, second]);
  });

  it("BEGIN and END as statements still separate (only BEGIN ATOMIC opens a body)", () => {
    expect(texts("BEGIN; SELECT 1; END; COMMIT")).toEqual(["BEGIN", "SELECT 1", "END", "COMMIT"]);
  });

  it("$1 is a parameter and a$b$ an identifier, not dollar quotes", () => {
    expect(texts("SELECT $1; SELECT a$b$; SELECT 3")).toEqual(["SELECT $1", "SELECT a$b$", "SELECT 3"]);
  });

  it("a backslash ends nothing in a standard string", () => {
    expect(texts("SELECT 'a\\'; SELECT 2")).toEqual(["SELECT 'a\\'", "SELECT 2"]);
  });

  it("gives the offset of each statement's first character", () => {
    const sql = "-- head\nSELECT 1;\n\n  SELECT 2;";
    expect(splitStatements(sql).statements.map((s) => s.at)).toEqual([sql.indexOf("SELECT 1"), sql.indexOf("SELECT 2")]);
  });

  it.each([
    ["quoted string", "SELECT 1;\nSELECT ", "'abc;"],
    ["quoted identifier", "SELECT 1;\nSELECT ", '"abc;'],
    ["dollar-quoted string", "SELECT 1;\nSELECT ", "$x$ abc; $y$"],
    ["block comment", "SELECT 1;\nSELECT ", "/* /* */ 1;"],
  ])("reports an unterminated %s and where it starts", (what, before, rest) => {
    expect(splitStatements(before + rest).unterminated).toEqual({ what, at: before.length });
  });
});

/** Pieces of SQL that hold no top-level `;` of their own, each closed. */
const identifier = fc.constantFrom("a", "t", "id", "SELECT", "INSERT", "x1", "_y", "CREATE", "TABLE", "VALUES", "e", "E", "U&");
const plainChars = fc.string({ unit: fc.constantFrom("a", "b", ";", " ", "\n", "'", '"', "$", "-", "/", "*", "\\") });
const singleQuoted = plainChars.map((s) => `'${s.replace(/'/g, "''")}'`);
const escapeString = plainChars.map((s) => `E'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`);
const quotedName = plainChars.map((s) => `"${s.replace(/"/g, '""')}"`);
const dollarQuoted = fc
  .tuple(fc.constantFrom("", "x", "body", "_1"), plainChars)
  .filter(([tag, body]) => !`${body}$`.includes(`$${tag}$`))
  .map(([tag, body]) => `$${tag}$${body}$${tag}$`);
const lineComment = plainChars.map((s) => `--${s.replace(/[\r\n]/g, " ")}\n`);
const blockComment: fc.Arbitrary<string> = fc.letrec<{ block: string }>((tie) => ({
  block: fc
    .array(fc.oneof(plainChars.map((s) => s.replace(/\/\*|\*\//g, ";").replace(/\/$/, ";")), tie("block")), { maxLength: 3 })
    .map((parts) => `/*${parts.join(" ")}*/`),
})).block;
const parenthesised = fc.array(fc.oneof(identifier, singleQuoted), { maxLength: 3 }).map((parts) => `(${parts.join(";")})`);
const token = fc.oneof(identifier, singleQuoted, escapeString, quotedName, dollarQuoted, lineComment, blockComment, parenthesised);
const whitespace = fc.constantFrom(" ", "\n", "\t", "  \n ");
const statement = fc
  .array(fc.tuple(token, whitespace), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.map(([t, w]) => t + w).join(""));

/** A statement that starts and ends with code (what splitStatements gives back as is). */
const codeBounded = fc
  .tuple(identifier, fc.array(fc.tuple(whitespace, token), { maxLength: 6 }), whitespace, identifier)
  .map(([first, middle, w, last]) => `${first}${middle.map(([s, t]) => s + t).join("")}${w}${last}`);
const around = fc.array(fc.oneof(whitespace, lineComment, blockComment), { maxLength: 3 }).map((parts) => parts.join(""));

describe("splitSql (properties)", () => {
  it("joining the pieces with ; gives back the input exactly, whatever the input", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", ";", "'", '"', "$", "-", "/", "*", "(", ")", "E", "\n", " ", "\\") }), (sql) => {
        expect(splitSql(sql).pieces.map((p) => p.text).join(";")).toBe(sql);
      }),
      { numRuns: 2000 },
    );
  });

  it("statements joined by ; come back one for one", () => {
    fc.assert(
      fc.property(fc.array(statement, { minLength: 1, maxLength: 5 }), (statements) => {
        const result = splitSql(statements.join(";"));
        expect(result.unterminated).toBeUndefined();
        expect(result.pieces.map((p) => p.text)).toEqual(statements);
      }),
      { numRuns: 1000 },
    );
  });

  it("joining the split statements with ; reproduces the input modulo whitespace", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(whitespace, codeBounded, whitespace), { minLength: 1, maxLength: 5 }), (parts) => {
        const sql = parts.map(([a, s, b]) => a + s + b).join(";");
        const statements = splitStatements(sql).statements.map((s) => s.sql);
        expect(statements).toEqual(parts.map(([, s]) => s));
        const squeeze = (s: string): string => s.replace(/\s+/g, "");
        expect(squeeze(statements.join(";"))).toBe(squeeze(sql));
      }),
      { numRuns: 1000 },
    );
  });

  it("the comments and blanks around statements are left out, nothing else", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(around, codeBounded, around), { minLength: 1, maxLength: 5 }), fc.boolean(), (parts, trailing) => {
        const sql = parts.map(([a, s, b]) => a + s + b).join(";") + (trailing ? ";" : "");
        expect(splitStatements(sql).statements.map((s) => s.sql)).toEqual(parts.map(([, s]) => s));
      }),
      { numRuns: 1000 },
    );
  });
});

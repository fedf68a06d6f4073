import { describe, expect, it } from "vitest";
import { inlineParams, toOfflineSql } from "../../../src/dialect/postgres";
import { arrayLiteral, qualified, quoteIdent, quoteLiteral, renderLiteral } from "../../../src/dialect/postgres/quote";
import { MigratorError } from "../../../src/errors";

describe("quoteIdent", () => {
  it.each([
    ["plain", '"plain"'],
    ["UpperCase", '"UpperCase"'],
    ["with space", '"with space"'],
    ["a.b", '"a.b"'],
    ['we"ird', '"we""ird"'],
    ['""', '""""""'],
    ["ünïcödé", '"ünïcödé"'],
    ["select", '"select"'],
  ])("%s -> %s", (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it("rejects empty names and NUL", () => {
    expect(() => quoteIdent("")).toThrow(MigratorError);
    expect(() => quoteIdent("a\u0000b")).toThrow(MigratorError);
  });

  it("rejects names PostgreSQL would cut: more than 63 bytes, not characters", () => {
    expect(quoteIdent("a".repeat(63))).toBe(`"${"a".repeat(63)}"`);
    expect(() => quoteIdent("a".repeat(64))).toThrow('the identifier "' + "a".repeat(64) + '" is 64 bytes long; PostgreSQL keeps 63 bytes of an identifier');
    expect(quoteIdent(`${"a".repeat(61)}é`)).toBe(`"${"a".repeat(61)}é"`);
    expect(() => quoteIdent("é".repeat(32))).toThrow(/is 64 bytes long/);
  });

  it("qualifies with both parts quoted, so dots inside names stay unambiguous", () => {
    expect(qualified({ schema: "a.b", name: "c" })).toBe('"a.b"."c"');
    expect(qualified({ schema: "a", name: "b.c" })).toBe('"a"."b.c"');
  });
});

describe("literals", () => {
  it("doubles quotes, and writes text with a backslash as an escape string", () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral("a\\b")).toBe("E'a\\\\b'");
    expect(quoteLiteral("\\'; DROP TABLE victim; --")).toBe("E'\\\\''; DROP TABLE victim; --'");
    expect(() => quoteLiteral("x\u0000")).toThrow(MigratorError);
  });

  it("renders JS values", () => {
    expect(renderLiteral(null)).toBe("NULL");
    expect(renderLiteral(undefined)).toBe("NULL");
    expect(renderLiteral(true)).toBe("true");
    expect(renderLiteral(1.5)).toBe("1.5");
    expect(renderLiteral(-2)).toBe("(-2)");
    expect(renderLiteral(NaN)).toBe("'NaN'::double precision");
    expect(renderLiteral(-Infinity)).toBe("'-Infinity'::double precision");
    expect(renderLiteral(12345678901234567890n)).toBe("12345678901234567890");
    expect(renderLiteral(-3n)).toBe("(-3)");
    expect(renderLiteral("o'k")).toBe("'o''k'");
    expect(renderLiteral(new Date("2024-02-03T04:05:06.789Z"))).toBe("'2024-02-03T04:05:06.789Z'");
    expect(renderLiteral(Buffer.from([0, 255, 16]))).toBe("E'\\\\x00ff10'::bytea");
    expect(renderLiteral({ a: "it's" })).toBe(`'{"a":"it''s"}'::jsonb`);
    expect(renderLiteral([1, null, "a b", 'q"\\', [2, 3]])).toBe(`E'{1,NULL,"a b","q\\\\"\\\\\\\\",{2,3}}'`);
    expect(() => renderLiteral(new Date(NaN))).toThrow(MigratorError);
    expect(() => renderLiteral(() => 1)).toThrow(MigratorError);
  });

  it("array literal of booleans and dates", () => {
    expect(arrayLiteral([true, false, new Date(0)])).toBe('{t,f,"1970-01-01T00:00:00.000Z"}');
  });
});

describe("offline SQL", () => {
  it("inlines $n parameters, any order, repeated", () => {
    expect(toOfflineSql({ sql: "SELECT $2, $1, $2", params: ["a", 3] })).toBe("SELECT 3, 'a', 3");
    expect(toOfflineSql({ sql: "SELECT 1" })).toBe("SELECT 1");
  });

  it("leaves $n inside strings, identifiers, comments and dollar quotes alone", () => {
    const sql = `SELECT '$1', "$1", $1 -- $1\n, /* $1 /* nested $1 */ $1 */ $$ $1 $$, $tag$ $1 $tag$, E'\\' $1', $10x`;
    const params = Array.from({ length: 10 }, (_, i) => i + 100);
    expect(inlineParams(sql, params)).toBe(
      `SELECT '$1', "$1", 100 -- $1\n, /* $1 /* nested $1 */ $1 */ $$ $1 $$, $tag$ $1 $tag$, E'\\' $1', 109x`,
    );
  });

  it("does not take a$1 (an identifier character before $) for a placeholder", () => {
    expect(inlineParams("SELECT a$1, $1", [5])).toBe("SELECT a$1, 5");
  });

  it("a negative number after a minus cannot become a comment", () => {
    expect(inlineParams("SELECT 5-$1", [-1])).toBe("SELECT 5-(-1)");
  });

  it("names a missing parameter", () => {
    expect(() => inlineParams("SELECT $3", [1])).toThrow(/\$3/);
  });
});

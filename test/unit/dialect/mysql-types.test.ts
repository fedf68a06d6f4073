/** MySQL type spellings and which type changes keep every value. */
import { describe, expect, it } from "vitest";
import { mysqlTypes } from "../../../src/dialect/mysql/types-part";

const { isWidening, canonicalName, shortName, parse } = mysqlTypes;

const INTEGERS = [
  ["tinyint", -128n, 127n],
  ["smallint", -32768n, 32767n],
  ["mediumint", -8388608n, 8388607n],
  ["int", -2147483648n, 2147483647n],
  ["bigint", -9223372036854775808n, 9223372036854775807n],
] as const;

/** Every integer type, signed and unsigned, with its range. */
const INTEGER_TYPES = INTEGERS.flatMap(([name, min, max]) => [
  { type: name, min, max },
  { type: `${name} unsigned`, min: 0n, max: max * 2n + 1n },
]);

describe("MySQL type widening", () => {
  it("between integer types is exactly range containment (every pair, display widths aside)", () => {
    for (const a of INTEGER_TYPES) {
      for (const b of INTEGER_TYPES) {
        const contains = b.min <= a.min && b.max >= a.max;
        expect(isWidening(a.type, b.type), `${a.type} -> ${b.type}`).toBe(contains);
        expect(isWidening(a.type.replace(/^(\w+)/, "$1(3)"), b.type.replace(/^(\w+)/, "$1(20)")), `${a.type} -> ${b.type} with widths`).toBe(contains);
      }
    }
  });

  it("holds every type to itself", () => {
    for (const type of ["int(11)", "varchar(255)", "decimal(10,2)", "enum('a','b')", "set('x','y')", "datetime(6)", "json", "longtext", "int(10) unsigned zerofill", "bit(3)", "float", "point"]) {
      expect(isWidening(type, type), type).toBe(true);
    }
  });

  it.each([
    ["varchar(20)", "varchar(30)", true],
    ["varchar(30)", "varchar(20)", false],
    ["char(10)", "varchar(10)", true],
    ["varchar(10)", "char(10)", false],
    ["varchar(255)", "text", true],
    ["varchar(255)", "tinytext", false],
    ["text", "varchar(16000)", false],
    ["tinytext", "longtext", true],
    ["decimal(10,2)", "decimal(12,2)", true],
    ["decimal(10,2)", "decimal(10,3)", false],
    ["decimal(10,2)", "decimal(11,3)", true],
    ["int", "decimal(10,0)", true],
    ["int", "decimal(12,3)", false],
    ["bigint unsigned", "decimal(20,0)", true],
    ["int", "double", true],
    ["bigint", "double", false],
    ["mediumint unsigned", "float", true],
    ["int", "float", false],
    ["float", "double", true],
    ["double", "float", false],
    ["enum('a','b')", "enum('a','b','c')", true],
    ["enum('a','b')", "enum('b','a')", true],
    ["enum('a','b')", "enum('a')", false],
    ["enum('a','bcd')", "varchar(3)", true],
    ["enum('a','bcd')", "varchar(2)", false],
    ["set('a','b')", "set('a','b','c')", true],
    ["set('a','b')", "set('b','a')", false],
    ["date", "datetime", true],
    ["datetime", "date", false],
    ["datetime(3)", "datetime(6)", true],
    ["datetime(6)", "datetime(3)", false],
    ["timestamp", "datetime", true],
    ["datetime", "timestamp", false],
    ["varbinary(10)", "blob", true],
    ["varbinary(10)", "binary(10)", false],
    ["tinyint(1)", "int(11)", true],
    ["bit(1)", "bit(8)", true],
    ["varchar(10)", "int", false],
    ["varchar(10) character set latin1", "varchar(20) character set utf8mb4", false],
  ])("%s -> %s: %s", (from, to, expected) => {
    expect(isWidening(from, to)).toBe(expected);
  });

  it("needs no USING: MySQL converts on MODIFY COLUMN itself", () => {
    expect(mysqlTypes.needsUsing("varchar(10)", "int", () => false)).toBe(false);
    expect(() => mysqlTypes.usingCast("a", "varchar(10)", "int", () => false)).toThrow(/no USING clause/);
  });

  it("has no enum types or sequences, and says so", () => {
    expect(() => mysqlTypes.enumTypeName({ schema: "public", name: "mood" })).toThrow(/MySQL and MariaDB have no enum types/);
    expect(() => mysqlTypes.serialSequenceName("t", "id")).toThrow(/no sequences/);
    expect(mysqlTypes.overlongIdentifier("x".repeat(64))).toBeUndefined();
    expect(mysqlTypes.overlongIdentifier("é".repeat(65))).toMatch(/65 characters long/);
  });
});

describe("MySQL type spellings", () => {
  it.each([
    ["INTEGER", "int"],
    ["INT(11) UNSIGNED", "int(11) unsigned"],
    ["int zerofill", "int unsigned zerofill"],
    ["boolean", "tinyint(1)"],
    ["NUMERIC(10, 2)", "decimal(10,2)"],
    ["double precision", "double"],
    ["character varying(20)", "varchar(20)"],
    ["ENUM('A','b c')", "enum('A','b c')"],
    ["varchar(10) CHARACTER SET latin1", "varchar(10) CHARACTER SET latin1"],
  ])("%s is spelled %s in the catalog", (written, canonical) => {
    expect(canonicalName(written)).toBe(canonical);
  });

  it.each([
    ["int(11)", "int"],
    ["int(10) unsigned", "int unsigned"],
    ["bigint(20)", "bigint"],
    ["tinyint(1)", "tinyint(1)"],
    ["int(5)", "int(5)"],
    ["int(10) unsigned zerofill", "int(10) unsigned zerofill"],
    ["varchar(255)", "varchar(255)"],
  ])("%s is written %s", (catalog, short) => {
    expect(shortName(catalog)).toBe(short);
    expect(isWidening(catalog, short) && isWidening(short, catalog)).toBe(true);
  });

  it("parses arguments and attributes", () => {
    expect(parse("decimal(10,2) unsigned")).toEqual({ base: "decimal unsigned", args: [10, 2], arrayDims: 0 });
    expect(parse("enum('a,b','c')")).toEqual({ base: "enum", args: [], arrayDims: 0 });
    expect(mysqlTypes.element("int")).toEqual({ type: "int", arrayDims: 0 });
  });
});

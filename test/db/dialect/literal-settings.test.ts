/**
 * Every literal migrator writes must mean the same text whether the server
 * reads it with standard_conforming_strings on or off (offline scripts run
 * wherever they are piped). PostgreSQL itself evaluates each literal here.
 */
import { describe, expect, it } from "vitest";
import { portableLiterals } from "../../../src/dialect/postgres/portable-literals";
import { arrayLiteral, quoteLiteral, renderLiteral } from "../../../src/dialect/postgres/quote";
import { MigratorError } from "../../../src/errors";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";

const HOSTILE = [
  "plain",
  "it's",
  "''",
  "\\",
  "\\\\",
  "\\'",
  "\\'; DROP TABLE victim; --",
  "a\\nb\\tc\\x41\\101\\u0041",
  "trailing\\",
  "E'x'",
  "$$ $tag$ */ /* -- ",
  "line\nbreak\r\ttab",
  "ünïcödé 🎉 \u2028",
  "{\"k\":\"a\\\"b\"}",
];

describe.each(backendsUnderTest())("string literals on $name", (backend) => {
  it.each(["on", "off"])("read back exactly with standard_conforming_strings = %s", async (setting) => {
    await withDatabase(backend, async (db) => {
      await db.executor.exec(`SET standard_conforming_strings = ${setting}`);
      const shown = await db.executor.query<{ standard_conforming_strings: string }>("SHOW standard_conforming_strings");
      expect(shown.rows[0]?.standard_conforming_strings).toBe(setting);
      for (const text of HOSTILE) {
        const result = await db.executor.query<{ value: string }>(`SELECT ${quoteLiteral(text)}::text AS value`);
        expect(result.rows[0]?.value, JSON.stringify(text)).toBe(text);
      }
      // expressions as PostgreSQL renders them under either setting, made portable
      for (const text of HOSTILE.filter((t) => !t.includes("$") && !t.includes("*/"))) {
        const doubled = text.replace(/'/g, "''");
        for (const [rendered, standard] of [[`'${doubled}'`, true], [`'${doubled.replace(/\\/g, "\\\\")}'`, false]] as const) {
          const sql = portableLiterals(`(${rendered})::text || 'x'`, standard);
          const result = await db.executor.query<{ value: string }>(`SELECT ${sql} AS value`);
          expect(result.rows[0]?.value, `${sql} from ${rendered}`).toBe(`${text}x`);
        }
      }
      const bytes = await db.executor.query<{ hex: string }>(`SELECT encode(${renderLiteral(Buffer.from([0, 92, 39, 255]))}, 'hex') AS hex`);
      expect(bytes.rows[0]?.hex).toBe("005c27ff");
      const array = await db.executor.query<{ value: string[] }>(`SELECT ${quoteLiteral(arrayLiteral(HOSTILE))}::text[] AS value`);
      expect(array.rows[0]?.value).toEqual(HOSTILE);
    });
  });
});

describe("quoteLiteral", () => {
  it("refuses NUL, which PostgreSQL text cannot hold", () => {
    expect(() => quoteLiteral("a\u0000b")).toThrow(MigratorError);
  });
});

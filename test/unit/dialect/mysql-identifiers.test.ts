/**
 * identifierProblem answers names without NUL or surrogates at a glance;
 * every name must get the answer of the character-by-character reading.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { identifierProblem, MAX_IDENTIFIER_LENGTH } from "../../../src/dialect/mysql/quote";

/** The reading the quick answer must agree with (code points counted one by one). */
function byCharacters(name: string): string | undefined {
  if (name.length === 0) return "is empty";
  if (name.includes("\u0000")) return "contains a NUL character, which MySQL identifiers cannot hold";
  const characters = [...name];
  if (characters.length > MAX_IDENTIFIER_LENGTH) {
    return `is ${characters.length} characters long; MySQL and MariaDB refuse identifiers over ${MAX_IDENTIFIER_LENGTH} characters`;
  }
  if (characters.some((c) => c.codePointAt(0)! > 0xffff)) return "contains a character beyond U+FFFF, which MySQL identifiers cannot hold";
  if (name.endsWith(" ")) return "ends with a space, which MySQL drops from database, table and column names";
  return undefined;
}

describe("MySQL identifier problems", () => {
  it("agree with the character-by-character reading", () => {
    const unit = fc.oneof(fc.constantFrom("a", " ", "\u0000", "é", "\uD83D\uDE00", "\uD800", "\uDFFF", "`"), fc.string({ unit: "binary", maxLength: 1 }));
    fc.assert(fc.property(fc.array(unit, { maxLength: 70 }).map((parts) => parts.join("")), (name) => {
      expect(identifierProblem(name)).toBe(byCharacters(name));
    }), { numRuns: 2000 });
    for (const name of ["", "a".repeat(64), "a".repeat(65), "é".repeat(64), "\uD83D\uDE00".repeat(32), "x ", " x", "a\u0000b"]) {
      expect(identifierProblem(name)).toBe(byCharacters(name));
    }
  });
});

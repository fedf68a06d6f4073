/**
 * Which dialect a database config means (src/dialect/index.ts): the URL's
 * scheme, a DataSource's `type`, the embedded database; an unknown scheme is
 * a config error naming it (and nothing else of the URL); MySQL is chosen
 * but refused as a user error while its parts are unfinished.
 */
import { describe, expect, it } from "vitest";
import { dialectFor, postgres } from "../../../src/dialect";
import { ConfigError } from "../../../src/errors";

const caseVariants = (word: string): string[] => [word, word.toUpperCase(), word[0]!.toUpperCase() + word.slice(1)];

describe("dialectFor", () => {
  it.each([...caseVariants("postgres"), ...caseVariants("postgresql")])("%s:// is PostgreSQL", (scheme) => {
    expect(dialectFor({ url: `${scheme}://app:pw@db:5432/shop` })).toBe(postgres);
  });

  it("the embedded database and a DataSource of type postgres (or none) are PostgreSQL", () => {
    expect(dialectFor({ embedded: ".migrator/db" })).toBe(postgres);
    expect(dialectFor({ server: { host: "db" } })).toBe(postgres);
    expect(dialectFor({ server: { type: "postgres", host: "db" } })).toBe(postgres);
  });

  it("a URL without a scheme is left to connecting, which says it is not a URL", () => {
    expect(dialectFor({ url: "not a url" })).toBe(postgres);
    expect(dialectFor({ url: "" })).toBe(postgres);
  });

  it.each([...caseVariants("mysql"), ...caseVariants("mariadb")])("%s:// means MySQL", (scheme) => {
    expect(dialectFor({ url: `${scheme}://root:S3cret@127.0.0.1:3306/shop` }).name).toBe("mysql");
  });

  it.each(["mysql", "mariadb"])("a DataSource of type %s means MySQL", (type) => {
    expect(dialectFor({ server: { type, host: "db" } }).name).toBe("mysql");
  });

  it.each(["http", "sqlite", "mssql", "postgres+ssl", "jdbc", "localhost"])("an unknown scheme (%s) is a config error naming the scheme, not the rest", (scheme) => {
    const error = catchError(() => dialectFor({ url: `${scheme}://root:S3cret@127.0.0.1:5432/db` }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`database url: unknown scheme ${scheme}://`);
    expect(`${error.message} ${(error as ConfigError).hint}`).not.toContain("S3cret");
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}

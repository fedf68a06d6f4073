/**
 * A dialect's parts load when one is first read (src/dialect/lazy-dialect.ts):
 * - in a process that uses one dialect, none of the other's implementation
 *   is loaded (only its Dialect object and its privilege-refusal test), and
 *   asPrivilegeError leaves it unloaded for an error that is not its refusal;
 * - a refusal of the other database still loads it and is converted as before;
 * - a Dialect object's getters give the same part objects on every read.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dialects, postgres } from "../../../src/dialect";
import { asPrivilegeErrorOf, partsLoaded } from "../../../src/dialect/lazy-dialect";
import { mysql } from "../../../src/dialect/mysql/dialect";
import { mysqlParts } from "../../../src/dialect/mysql/parts";
import { postgresParts } from "../../../src/dialect/postgres/parts";

type Loaded = Record<"mysql" | "postgres", string[]>;

interface ChildReport {
  readonly atStart: Loaded;
  readonly afterUse: Loaded;
  readonly uses: { readonly ident: string; readonly statements: number; readonly everyPartAnObject: boolean; readonly sameOnSecondRead: boolean };
  readonly plainKept: boolean;
  readonly afterPlainError: Loaded;
  readonly converted: { readonly name: string; readonly message: string; readonly causeIsRefusal: boolean };
  readonly afterRefusal: Loaded;
}

function child(dialect: "postgres" | "mysql"): ChildReport {
  const result = spawnSync(process.execPath, [join(__dirname, "..", "..", "helpers", "lazy-dialect-child.js"), dialect], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`child exited ${result.status}: ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildReport;
}

/** What of a folder is loaded before its parts: its Dialect object and what asPrivilegeError asks without the parts. */
const UNLOADED: Loaded = {
  mysql: ["connection/errors.ts", "connection/privilege-failure.ts", "dialect.ts"],
  postgres: ["connection/privilege-failure.ts", "dialect.ts"],
};

describe.each([
  { used: "postgres", other: "mysql", ident: '"a b"', refusal: "MySqlPrivilegeError" },
  { used: "mysql", other: "postgres", ident: "`a b`", refusal: "PrivilegeError" },
] as const)("a process that uses $used", ({ used, other, ident, refusal }) => {
  const report = child(used);

  it(`loads none of ${other}'s parts, before and after using every part of ${used}`, () => {
    expect(report.atStart).toEqual(UNLOADED);
    expect(report.afterUse[other]).toEqual(UNLOADED[other]);
    expect(report.afterUse[used]).toContain("parts.ts");
    expect(report.afterUse[used].length).toBeGreaterThan(20);
    expect(report.uses).toEqual({ ident, statements: 2, everyPartAnObject: true, sameOnSecondRead: true });
  });

  it(`keeps ${other} unloaded for an error that is not its refusal, and loads it for one`, () => {
    expect(report.plainKept).toBe(true);
    expect(report.afterPlainError[other]).toEqual(UNLOADED[other]);
    expect(report.converted.name).toBe(refusal);
    expect(report.converted.message).toMatch(/^permission denied/);
    expect(report.converted.causeIsRefusal).toBe(true);
    expect(report.afterRefusal[other]).toContain("parts.ts");
  });
});

describe("a Dialect object", () => {
  it.each([
    [postgres, postgresParts],
    [mysql, mysqlParts],
  ])("gives the same part objects on every read ($name)", (dialect, parts) => {
    for (const key of ["quote", "sql", "types", "catalog", "runtime", "lint"] as const) {
      expect(dialect[key]).toBe(parts[key]);
      expect(dialect[key]).toBe(dialect[key]);
    }
    expect(Object.isFrozen(dialect)).toBe(true);
  });

  it("keeps its name and TypeORM type, and its six parts as enumerable properties", () => {
    expect(dialects.map((d) => [d.name, d.typeormType])).toEqual([
      ["postgres", "postgres"],
      ["mysql", "mysql"],
    ]);
    expect(Object.keys(mysql)).toEqual(["name", "typeormType", "quote", "sql", "types", "catalog", "runtime", "lint"]);
  });

  it("answers asPrivilegeError as its runtime part does, loaded or not", () => {
    const refusals = [
      Object.assign(new Error("permission denied for table t"), { code: "42501" }),
      Object.assign(new Error("SELECT command denied to user 'app'@'%' for table `t`"), { errno: 1142, sqlState: "42000" }),
      new Error("other"),
      "text",
    ];
    for (const dialect of dialects) {
      expect(partsLoaded(dialect.name)).toBe(true);
      for (const error of refusals) {
        const ours = asPrivilegeErrorOf(dialect, error);
        const theirs = dialect.runtime.asPrivilegeError(error);
        expect(ours === error).toBe(theirs === error);
        expect(String(ours)).toBe(String(theirs));
      }
    }
  });
});

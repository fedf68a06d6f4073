/**
 * Every command that opens a database says once, on stderr, which one
 * (`database: postgres://user@host:port/db` without the password, or
 * `embedded: PATH` relative to the working directory); commands that need
 * none say nothing of it. --json keeps stdout the data alone.
 */
import { mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeUrl } from "../../../src/dialect/postgres/connection/describe";
import type { DatabaseConfig } from "../../../src/db/types";
import { runCli } from "../../helpers/cli";
import { type Backend, backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

const NAMING = /^(database|embedded): /;

/** The stderr lines that name a database. */
function named(stderr: string): string[] {
  return stderr.split("\n").filter((line) => NAMING.test(line));
}

async function withCliDatabase(backend: Backend, fn: (database: DatabaseConfig, expected: string) => Promise<void>): Promise<void> {
  if (backend.name === "pglite") return fn({ embedded: ".migrator/db" }, "embedded: .migrator/db");
  await withDatabase(backend, async ({ url }) => fn({ url: url ?? "" }, `database: ${describeUrl(url ?? "")}`));
}

describe.each(backendsUnderTest())("the database a command uses, on $name", (backend) => {
  it("is named once by each command that opens it, and by no other", async () => {
    await withCliDatabase(backend, async (database, expected) => {
      const { dir } = makeProject("graph", database);
      const opening: string[][] = [
        ["upgrade", "abc700000000"],
        ["upgrade", "heads"],
        ["current"],
        ["current", "--json"],
        ["status"],
        ["log"],
        ["validate"],
        ["history", "--indicate-current"],
        ["history", "-r", "current:"],
        ["stamp", "heads"],
        ["downgrade", "-1"],
        ["upgrade", "heads"],
        ["check"],
      ];
      for (const args of opening) {
        const result = await runCli(args, dir);
        expect(named(result.stderr), `migrator ${args.join(" ")}: ${result.stderr}`).toEqual([expected]);
        expect(result.stderr.split("\n")[0], args.join(" ")).toBe(expected);
      }
      const json = await runCli(["status", "--json"], dir);
      expect(JSON.parse(json.stdout)).toMatchObject({ state: "up to date" });

      const closed: string[][] = [
        ["heads"],
        ["history"],
        ["history", "-r", "base:heads", "--verbose"],
        ["branches"],
        ["show", "aaa1"],
        ["upgrade", "base:heads", "--sql"],
        ["stamp", "base:abc700000000", "--sql"],
        ["revision", "-m", "plain", "--head", "abc700000000"],
        ["merge", "heads", "-m", "join"],
      ];
      for (const args of closed) {
        const result = await runCli(args, dir);
        expect(result.code, `migrator ${args.join(" ")}: ${result.stderr}`).toBe(0);
        expect(named(result.stderr), args.join(" ")).toEqual([]);
      }
    });
  });
});

describe("the database line", () => {
  it("shows a server URL without its password, before the error when it cannot connect", async () => {
    const { dir } = makeProject("graph", { embedded: ".migrator/db" });
    const result = await runCli(["--url", "postgres://app:S3cret-pw@127.0.0.1:1/prod?sslmode=disable", "current"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n")[0]).toBe("database: postgres://app@127.0.0.1:1/prod");
    expect(result.stderr).toMatch(/\nerror: /);
    expect(result.stderr).not.toContain("S3cret-pw");
  });

  it("gives the embedded folder relative to the working directory, not to the config", async () => {
    const parent = mkdtempSync(join(tmpdir(), "migrator-database-line-"));
    const { dir } = makeProject("graph", { embedded: ".migrator/db" });
    mkdirSync(join(parent, "app"));
    renameSync(dir, join(parent, "app", "project"));
    const result = await runCli(["--config", "app/project/migrator.config.ts", "current"], parent);
    expect(result.code, result.stderr).toBe(0);
    expect(named(result.stderr)).toEqual([`embedded: ${join("app", "project", ".migrator", "db")}`]);
    rmSync(parent, { recursive: true, force: true });
  });
});

/**
 * Messages of issue 12 ("Unclear messages"): a dropped version table, URLs
 * that are not PostgreSQL ones, revision-like files that are skipped, and
 * the commands that need no database working without one.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { upgrade } from "../../../src/commands/upgrade";
import { MigratorError } from "../../../src/errors";
import { runCli, withoutDatabaseLine } from "../../helpers/cli";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

/** Nothing listens on port 1: any attempt to connect fails. */
const UNREACHABLE = "postgres://nobody:S3cret@127.0.0.1:1/nowhere";

describe("commands that need no database", () => {
  it("heads and history work with an unreachable database URL (and current does not)", async () => {
    const { dir } = makeProject("graph", { url: UNREACHABLE });
    const heads = await runCli(["heads"], dir);
    expect({ code: heads.code, stderr: heads.stderr }).toEqual({ code: 0, stderr: "" });
    expect(heads.stdout).toContain("abc700000000");
    const history = await runCli(["history"], dir);
    expect({ code: history.code, stderr: history.stderr }).toEqual({ code: 0, stderr: "" });
    expect(history.stdout.match(/-> /g)?.length).toBeGreaterThanOrEqual(7);
    // the URL is really unreachable: a command that reads the database fails on it
    const current = await runCli(["current"], dir);
    expect(current.code).toBe(1);
  });
});

describe("database URLs that are not PostgreSQL ones", () => {
  it.each([
    ["mysql://root:S3cret@127.0.0.1:1/db", "error: cannot connect to mysql://root@127.0.0.1:1/db: connect ECONNREFUSED 127.0.0.1:1"],
    ["mariadb://root:S3cret@127.0.0.1:1/db", "error: cannot connect to mariadb://root@127.0.0.1:1/db: connect ECONNREFUSED 127.0.0.1:1"],
    ["http://root:S3cret@127.0.0.1:5432/db", "error: database url: unknown scheme http://"],
  ])("%s is one error line and a hint, the password left out", async (url, first) => {
    // the config's own URL is a PostgreSQL one: makeProject resolves it here (and the choice refuses the others)
    const { dir } = makeProject("graph", { url: UNREACHABLE });
    const result = await runCli(["current", "--url", url], dir);
    expect(result.code).toBe(1);
    const lines = withoutDatabaseLine(result.stderr).trimEnd().split("\n");
    expect(lines[0]).toBe(first);
    expect(lines[1]).toMatch(/^hint: /);
    expect(lines).toHaveLength(2);
    expect(result.stderr + result.stdout).not.toContain("S3cret");
  });

  it("postgresql:// is a PostgreSQL URL", async () => {
    const { dir } = makeProject("graph", { url: UNREACHABLE.replace("postgres:", "postgresql:") });
    const result = await runCli(["current"], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toContain("scheme");
  });
});

describe("files in the revision folder that are not loaded", () => {
  it("are named in one warning per kind, private ones aside", async () => {
    const { dir, migrations } = makeProject("graph", { url: UNREACHABLE });
    for (const name of ["zz_later.mts", "zz_other.cts", "zz_later.mjs", "_helper.mts", "types.d.mts"]) writeFileSync(join(migrations, name), "-- x\n");
    const result = await runCli(["heads"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.trimEnd().split("\n").sort()).toEqual([
      "warning: these files in the revision folder are ignored: migrations/zz_later.mts, migrations/zz_other.cts (rename to .ts)",
      "warning: this file in the revision folder is ignored: migrations/zz_later.mjs (rename to .js)",
    ]);
    // once per run
    expect((await runCli(["history"], dir)).stderr.match(/zz_later\.mjs/g)).toHaveLength(1);
  });
});

describe.each(backendsUnderTest())("a dropped version table on $name", (backend) => {
  it("the upgrade that then meets existing objects says there was no version table", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("nontx", { embedded: "unused" });
      await upgrade(project.config, { target: "head", executor });
      await executor.exec("DROP TABLE migrator_version");
      const error = await upgrade(project.config, { target: "head", executor }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MigratorError);
      const { message, hint } = error as MigratorError;
      expect(message).toMatch(/relation "t_items" already exists.*\(there was no version table "public"\."migrator_version" yet: the schema may already be at a revision never recorded there\)$/);
      expect(hint).toBe("if the schema is already at a revision, record it with `migrator stamp REVISION` (see `migrator history`), then upgrade again");
    });
  });
});

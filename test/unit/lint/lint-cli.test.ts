/**
 * `migrator lint` through the CLI on hand-written revisions (test/fixtures/lint):
 * every rule flagged with its code, .ts and .sql alike; silences and their
 * reasons; the --json shape; exit codes; ranges. No database: lint needs none.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../helpers/cli";
import { REPO } from "../../helpers/project";
import { withTempDir } from "../../helpers/tmp";

const FIXTURES = join(REPO, "test", "fixtures", "lint");
const EVERY_RULE = ["M001", "M002", "M003", "M004", "M005", "M006", "M007", "M008", "M009", "M010", "M011"];

interface Finding {
  code: string;
  rule: string;
  severity: string;
  message: string;
  fix: string;
  at?: { op?: number; line?: number };
  statement?: string;
}
interface Linted {
  revision: string;
  path: string;
  message: string;
  findings: Finding[];
  silenced: (Finding & { reason: string })[];
}
interface Result {
  revisions: Linted[];
  errors: number;
  warnings: number;
  silenced: number;
}

function project(dir: string, files: readonly string[] = readdirSync(FIXTURES).filter((file) => /\.(ts|sql)$/.test(file))): void {
  mkdirSync(join(dir, "migrations"));
  writeFileSync(join(dir, "migrator.config.ts"), 'export default { entities: [], migrations: "migrations" };\n');
  for (const file of files) copyFileSync(join(FIXTURES, file), join(dir, "migrations", file));
}

function revisionFile(dir: string, name: string, id: string, body: string, extra = ""): void {
  writeFileSync(
    join(dir, "migrations", name),
    `import type { Operations } from "typeorm-migrator";\n\nexport const revision = "${id}";\nexport const downRevision = "c30000000003";\n${extra}\n` +
      `export async function upgrade(op: Operations): Promise<void> {\n${body}\n}\n\nexport async function downgrade(): Promise<void> {}\n`,
  );
}

async function lintJson(dir: string, ...args: string[]): Promise<{ code: number; result: Result; stderr: string }> {
  const run = await runCli(["lint", ...args, "--json"], dir);
  return { code: run.code, result: JSON.parse(run.stdout) as Result, stderr: run.stderr };
}

const codes = (linted: Linted | undefined): string[] => [...new Set((linted?.findings ?? []).map((found) => found.code))].sort();

describe("migrator lint", () => {
  it("flags every rule in a hand-written .ts revision and in an .sql one, and nothing in their lock-friendly forms", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      const { code, result, stderr } = await lintJson(dir);
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(result.revisions.map((r) => r.revision)).toEqual(["a10000000001", "b20000000002", "c30000000003"]);
      const [ts, sql, safe] = result.revisions;
      expect(codes(ts)).toEqual(EVERY_RULE);
      expect(codes(sql)).toEqual(EVERY_RULE);
      expect(safe?.findings).toEqual([]);
      // each finding sits at the statement the fixture marks with its code
      const line = (code: string): number | undefined => sql?.findings.find((found) => found.code === code)?.at?.line;
      expect(EVERY_RULE.map(line)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 6, 13, 14]);
      const op = (code: string): number | undefined => ts?.findings.find((found) => found.code === code)?.at?.op;
      expect(EVERY_RULE.map(op)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 2, 9, 10]);
      expect(result.errors).toBe(ts!.findings.filter((f) => f.severity === "error").length + sql!.findings.filter((f) => f.severity === "error").length);
      expect(result.warnings).toBe(4); // M008 and M009, twice
    });
  });

  it("has the --json shape CI reads", async () => {
    await withTempDir(async (dir) => {
      project(dir, ["a10000000001_trips_every_rule.ts"]);
      const { result } = await lintJson(dir);
      expect(Object.keys(result).sort()).toEqual(["errors", "revisions", "silenced", "warnings"]);
      const linted = result.revisions[0]!;
      expect(Object.keys(linted).sort()).toEqual(["findings", "message", "path", "revision", "silenced"]);
      expect(linted.path).toBe(join(dir, "migrations", "a10000000001_trips_every_rule.ts"));
      expect(linted.findings[0]).toEqual({
        code: "M001",
        rule: "index-without-concurrently",
        severity: "error",
        message: 'index "ix_orders_customer" on "orders" is built without CONCURRENTLY: writes to "orders" wait for the whole build',
        fix: expect.stringContaining("concurrently: true"),
        at: { op: 1 },
        statement: 'create index "ix_orders_customer" on "public"."orders"',
        table: { schema: "public", name: "orders" },
      });
    });
  });

  it("prints findings for people, exits 0 with warnings only and 1 with an error", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      const all = await runCli(["lint"], dir);
      expect(all.code).toBe(1);
      expect(all.stdout).toContain(`${join("migrations", "b20000000002_trips_every_rule.sql")} (b20000000002, trips every rule, in SQL)\n  line 5: CREATE INDEX ix_customer_email ON customer (email)\n    error M001 index-without-concurrently: `);
      expect(all.stdout).toContain("\n      fix: build it CONCURRENTLY");
      expect(all.stdout.trimEnd().split("\n").pop()).toBe("18 errors, 4 warnings in 3 revisions");

      const safe = await runCli(["lint", "c30000000003"], dir);
      expect(safe).toEqual({ code: 0, stdout: "0 errors, 0 warnings in 1 revision\n", stderr: "" });

      revisionFile(dir, "d40000000004_drop.ts", "d40000000004", '  await op.execute("SET LOCAL lock_timeout = \'2s\'");\n  await op.dropTable("client");');
      const warned = await runCli(["lint", "d40000000004"], dir);
      expect(warned.code).toBe(0);
      expect(warned.stdout).toContain("warning M008 drop: table \"client\" is dropped");
      expect(warned.stdout).not.toContain("M009");
    });
  });

  it("takes the history range grammar: A:B, A:, one revision", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      const ids = async (...args: string[]): Promise<string[]> => (await lintJson(dir, ...args)).result.revisions.map((r) => r.revision);
      expect(await ids("b20000000002")).toEqual(["b20000000002"]);
      expect(await ids("a1:b2")).toEqual(["a10000000001", "b20000000002"]);
      expect(await ids("b2:")).toEqual(["b20000000002", "c30000000003"]);
      expect(await ids("base")).toEqual([]);
      const bad = await runCli(["lint", "zz"], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^error: /);
    });
  });

  it("silences a rule for one revision with a reason, and refuses a silence without one", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      revisionFile(
        dir,
        "d40000000004_index.ts",
        "d40000000004",
        '  await op.createIndex("client", "ix_client_name", ["name"]);\n  await op.renameTable("client", "customer");',
        'export const lint = { ignore: { M001: "client is empty in every deployment", M007: "" } };\n',
      );
      const { code, result } = await lintJson(dir, "d40000000004");
      const linted = result.revisions[0]!;
      expect(linted.silenced.map((s) => [s.code, s.reason])).toEqual([["M001", "client is empty in every deployment"]]);
      expect(codes(linted)).toEqual(["M007", "M009", "M013"]);
      expect(linted.findings.find((f) => f.code === "M013")?.message).toBe("M007 (rename) is silenced without a reason");
      expect(code).toBe(1);
      expect((await runCli(["lint", "d40000000004"], dir)).stdout).toContain("  silenced M001 index-without-concurrently (op 1): client is empty in every deployment\n");
    });
  });

  it("reads -- lint-ignore: lines in an .sql revision's header", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      writeFileSync(
        join(dir, "migrations", "d40000000004_index.sql"),
        [
          "-- revision: d40000000004",
          "-- down_revision: c30000000003",
          "-- lint-ignore: M001 client is empty in every deployment",
          "-- lint-ignore: M009",
          "-- lint-ignore: M999 no such rule",
          "-- lint-ignore: M000 cannot be silenced",
          "",
          "CREATE INDEX ix_client_name ON client (name);",
          "ALTER TABLE client RENAME COLUMN name TO full_name;",
          "",
        ].join("\n"),
      );
      const { result } = await lintJson(dir, "d40000000004");
      const linted = result.revisions[0]!;
      expect(linted.silenced.map((s) => s.code)).toEqual(["M001"]);
      expect(linted.findings.filter((f) => f.code === "M013").map((f) => [f.at?.line, f.message])).toEqual([
        [4, "M009 (no-lock-timeout) is silenced without a reason"],
        [5, "M999 is not a lint rule"],
        [6, "M000 (unreadable) cannot be silenced"],
      ]);
      expect(codes(linted)).toEqual(["M007", "M009", "M013"]);
    });
  });

  it("refuses a lint-ignore line below the header, as it refuses any header key there", async () => {
    await withTempDir(async (dir) => {
      project(dir, []);
      writeFileSync(join(dir, "migrations", "d40000000004_x.sql"), "-- revision: d40000000004\n-- down_revision: none\n\n-- lint-ignore: M001 late\nSELECT 1;\n");
      const run = await runCli(["lint"], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("d40000000004_x.sql:4: `lint-ignore` is below the header");
    });
  });

  it("reports SQL that does not parse (M000) and stops reading at op.query() (M012)", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      revisionFile(dir, "d40000000004_bad.ts", "d40000000004", '  await op.execute("ALTR TABLE client ADD COLUMN x int");');
      writeFileSync(
        join(dir, "migrations", "e50000000005_query.ts"),
        `import type { Operations } from "typeorm-migrator";\n\nexport const revision = "e50000000005";\nexport const downRevision = "d40000000004";\n` +
          `export async function upgrade(op: Operations): Promise<void> {\n  await op.execute("SET LOCAL lock_timeout = '1s'");\n  const rows = await op.query("SELECT 1");\n  if (rows.length > 0) await op.dropTable("client");\n}\nexport async function downgrade(): Promise<void> {}\n`,
      );
      const { code, result } = await lintJson(dir, "d4:");
      const [bad, query] = result.revisions;
      expect(bad?.findings.map((f) => [f.code, f.severity])).toEqual([["M000", "error"]]);
      expect(bad?.findings[0]?.message).toMatch(/^SQL does not parse: syntax error at or near "ALTR"/);
      expect(query?.findings.map((f) => [f.code, f.severity, f.message])).toEqual([["M012", "warning", "upgrade() calls op.query() (op 2): lint stopped reading there"]]);
      expect(code).toBe(1);
    });
  });

  it("reports a revision that does not load as M000 and goes on with the others", async () => {
    await withTempDir(async (dir) => {
      project(dir);
      revisionFile(dir, "d40000000004_throws.ts", "d40000000004", '  throw new Error("boom");');
      const { code, result } = await lintJson(dir, "c3:");
      expect(result.revisions.map((r) => codes(r))).toEqual([[], ["M000"]]);
      expect(result.revisions[1]?.findings[0]?.message).toBe("the revision does not load: upgrade() failed after 0 operation(s): boom");
      expect(code).toBe(1);
    });
  });

  it("goes through the fast path, and --help shows its examples", async () => {
    const { parseFast } = await import("../../../src/cli/fast-path");
    const { commands } = await import("../../../src/cli/commands");
    expect(parseFast(["lint"], commands)?.command.command).toBe("lint [range]");
    expect(parseFast(["lint", "ae10:", "--json"], commands)?.args).toMatchObject({ range: "ae10:", json: true });
    await withTempDir(async (dir) => {
      const help = await runCli(["lint", "--help"], dir);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("migrator lint ae10:");
    });
  });
});

describe("the parser's cost", () => {
  it("is paid by lint only: other commands never load libpg-query", async () => {
    const { runCliProcess } = await import("../../helpers/cli");
    const preload = { NODE_OPTIONS: `--require ${join(FIXTURES, "report-parser-loaded.js")}` };
    await withTempDir(async (dir) => {
      project(dir);
      for (const args of [["heads"], ["history"], ["show", "b2"]]) {
        const run = await runCliProcess(args, dir, preload);
        expect(run.code, run.stderr).toBe(0);
        expect(run.stderr).not.toContain("libpg-query was loaded");
      }
      const linted = await runCliProcess(["lint", "b2"], dir, preload);
      expect(linted.code).toBe(1);
      expect(linted.stderr).toBe("libpg-query was loaded\n");
    });
  }, 60_000);
});

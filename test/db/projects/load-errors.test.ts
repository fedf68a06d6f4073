/**
 * Load errors a user can act on (issue 18, 4; issue 11): a failed import names
 * the file whose import failed, the specifier and the chain that led there; a
 * syntax error names its file, line and column.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeKeptEmbedded } from "../../../src/dialect/postgres/connection/embedded";
import { runCli } from "../../helpers/cli";
import { serverUrl, type Backend } from "../../helpers/databases";
import { withProject, type ProjectDatabase } from "../guarantees/support";
import { FIXTURES } from "./support";

const backend = (): Backend => {
  const admin = serverUrl();
  return admin ? { name: "server", adminUrl: admin } : { name: "pglite" };
};

function withDatabaseEntry(dir: string, file: string, db: ProjectDatabase): void {
  const database = db.url ? `{ url: ${JSON.stringify(db.url)} }` : `{ embedded: ${JSON.stringify(db.dataDir)} }`;
  const path = join(dir, file);
  writeFileSync(path, readFileSync(path, "utf8").replace("export default {", `export default {\n  database: ${database},`));
}

async function checkOutput(config: string): Promise<{ code: number; stderr: string }> {
  return withProject(backend(), async (dir, db) => {
    cpSync(join(FIXTURES, "p-load-errors"), dir, { recursive: true });
    withDatabaseEntry(dir, config, db);
    const result = await runCli(["check", "--config", config], dir);
    return { code: result.code, stderr: result.stderr };
  }).finally(() => closeKeptEmbedded());
}

describe("load errors name the right file", () => {
  it("an import that fails two files down names that file, the specifier and the chain", async () => {
    const { code, stderr } = await checkOutput("migrator.config.ts");
    expect(code).not.toBe(0);
    expect(stderr).toContain("./formatting");
    // the file whose import failed...
    expect(stderr).toMatch(/src\/models\/memo\.ts/);
    // ...reached from the entity file that was being loaded
    expect(stderr).toMatch(/clipping\.ts[\s\S]*memo\.ts/);
  });

  it("a syntax error names file, line and column", async () => {
    const { code, stderr } = await checkOutput("migrator.syntax.config.ts");
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/src\/broken\/ticket\.ts:9:\d+/);
  });
});

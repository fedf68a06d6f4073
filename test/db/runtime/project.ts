/** A temporary project holding a copy of a runtime fixture folder, for driving the runner. */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveConfig } from "../../../src/config/load";
import type { ResolvedConfig, UserConfig } from "../../../src/config/types";
import type { DatabaseConfig } from "../../../src/db/types";
import type { TestDatabase } from "../../helpers/databases";

export const FIXTURES = join(__dirname, "..", "..", "fixtures", "runtime");

export interface RuntimeProject {
  readonly dir: string;
  readonly migrations: string;
  readonly config: ResolvedConfig;
}

/** The database config a CLI run in the project uses to reach `db`. */
export function databaseConfigOf(db: Pick<TestDatabase, "url" | "dataDir">): DatabaseConfig {
  if (db.url) return { url: db.url };
  if (db.dataDir) return { embedded: db.dataDir };
  return { embedded: ".migrator/db" };
}

export function makeProject(fixture: string, database: DatabaseConfig, extra: Partial<UserConfig> = {}): RuntimeProject {
  const dir = mkdtempSync(join(tmpdir(), `migrator-runtime-${fixture}-`));
  const migrations = join(dir, "migrations");
  cpSync(join(FIXTURES, fixture), migrations, { recursive: true });
  const user: UserConfig = { entities: [], migrations: "migrations", database, ...extra };
  writeFileSync(join(dir, "migrator.config.ts"), `export default ${JSON.stringify(user, null, 2)};\n`);
  return { dir, migrations, config: resolveConfig(user, join(dir, "migrator.config.ts")) };
}

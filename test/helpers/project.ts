import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestDatabase } from "./databases";

export const REPO = join(__dirname, "..", "..");

/** The `database` entry a test project's config needs for a test database. */
export function databaseEntry(db: TestDatabase): string {
  if (db.url) return `{ url: ${JSON.stringify(db.url)} }`;
  if (db.dataDir) return `{ embedded: ${JSON.stringify(db.dataDir)} }`;
  throw new Error("an in-memory PGlite cannot be shared with a CLI run: use withDatabase(..., { onDisk })");
}

/** Write migrator.config.ts (and the migrations folder) into `dir`. */
export function writeProject(dir: string, options: { entities: readonly string[]; database: string; extra?: string }): void {
  mkdirSync(join(dir, "migrations"), { recursive: true });
  writeFileSync(
    join(dir, "migrator.config.ts"),
    `export default {\n  entities: ${JSON.stringify(options.entities)},\n  migrations: "migrations",\n  database: ${options.database},\n${options.extra ?? ""}};\n`,
  );
}

/** Absolute path of a fixture entity set's index. */
export function fixtureSet(name: string): string {
  return join(REPO, "test", "fixtures", "entities", name, "index.ts");
}

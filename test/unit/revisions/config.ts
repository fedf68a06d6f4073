import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ResolvedConfig } from "../../../src/config/types";
import { postgres } from "../../../src/dialect";

/** A ResolvedConfig over a fresh temp project, as the config loader would resolve it. */
export function tempProject(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "migrator-rev-"));
  return {
    configPath: null,
    root,
    entities: [],
    entitiesRoot: root,
    dataSource: null,
    entityOptions: {},
    metadataTable: "typeorm_metadata",
    typeormMigrationsTable: null,
    migrations: [path.join(root, "migrations")],
    database: { embedded: path.join(root, ".migrator/db") },
    dialect: postgres,
    versionSchema: "public",
    versionTable: "migrator_version",
    logTable: "migrator_log",
    template: path.join(__dirname, "../../../templates/revision.ts.hbs"),
    sqlTemplate: path.join(__dirname, "../../../templates/revision.sql.hbs"),
    fileTemplate: "{rev}_{slug}",
    templateArgs: {},
    include: { schemas: [], tables: [] },
    exclude: { schemas: [], tables: [] },
    renames: [],
    transactionMode: "per-revision",
    lockTimeout: null,
    statementTimeout: null,
    ddlLockTimeout: null,
    ddlLockRetries: 5,
    ddlLockRetryDelay: 500,
    postWriteHook: null,
    typeormMetadata: true,
    online: false,
    ...overrides,
  };
}

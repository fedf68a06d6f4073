/**
 * Reading a project's DataSource module. It is loaded like any user file
 * (TypeScript transpiled), which constructs the DataSource: that loads the
 * driver package but connects nowhere. migrator never calls `initialize()`,
 * and keeps the module from calling it (no-connect.ts).
 */
import { existsSync } from "node:fs";
import { dirname } from "node:path";
import { ConfigError } from "../errors";
import { loadUserModule, requireFromProject } from "../loader";
import { findDataSource } from "./find";
import { withoutConnecting } from "./no-connect";
import { warnAboutDataSource } from "./warnings";
import { settingsFrom, type DataSourceSettings } from "./settings";

export type { DataSourceSettings } from "./settings";

/**
 * `file` is absolute; `shown` is how messages name it; `root` is the project
 * folder (where the transpile cache lives); `from` says where the path came from, for hints.
 */
export function loadDataSource(file: string, shown: string, root: string, from: "--data-source" | "dataSource"): DataSourceSettings {
  assertDataSourceExists(file, shown, from);
  // before the entities the module imports run their decorators: without it they lose design:type
  requireFromProject("reflect-metadata", dirname(file));
  const typeorm = requireFromProject<{ DataSource?: Function }>("typeorm", dirname(file));
  const calls = new Set<string>();
  let exported: unknown;
  try {
    exported = withoutConnecting(typeorm.DataSource, () => loadUserModule(file, root, { fresh: true }), (method) => calls.add(method));
  } catch (error) {
    const reason = firstLine(error);
    const noDriver = error instanceof Error && error.name === "DriverPackageNotInstalledError";
    throw new ConfigError(`cannot load ${shown}: ${reason}`, {
      hint: noDriver ? 'install the driver TypeORM names (`pg` for "postgres", `mysql2` for "mysql" and "mariadb")' : undefined,
      cause: error,
    });
  }
  for (const method of calls) {
    warnAboutDataSource(`${shown} calls ${method}() when it is imported; migrator did not let it run (it only reads the DataSource's options)`);
  }
  const dataSource = findDataSource(exported, typeorm.DataSource, shown);
  return settingsFrom(dataSource.options, file, shown);
}

/** A mistyped path is worth saying even to a command that would not read the file. */
export function assertDataSourceExists(file: string, shown: string, from: "--data-source" | "dataSource"): void {
  if (existsSync(file)) return;
  throw new ConfigError(`data source file not found: ${shown}`, {
    hint: from === "--data-source" ? "the --data-source path is relative to the current directory" : "`dataSource` in migrator.config.ts is relative to the config file",
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").find((line) => line.trim())?.trim().slice(0, 300) ?? "unknown error";
}

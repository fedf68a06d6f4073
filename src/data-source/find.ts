/**
 * Which export of a module is the project's TypeORM DataSource: the default
 * export or any named one. An instance of the project's own `DataSource`
 * class counts, and so does one of another copy of typeorm (a workspace may
 * resolve two), recognised by the brand TypeORM itself checks
 * (`@instanceof: Symbol.for("DataSource")`) or by its shape.
 */
import { ConfigError } from "../errors";

/** The part of a DataSource migrator reads: its options, never its connection. */
export interface DataSourceLike {
  readonly options: Readonly<Record<string, unknown>>;
}

const BRAND = Symbol.for("DataSource");

export function isDataSource(value: unknown, DataSourceClass: Function | undefined): value is DataSourceLike {
  if (typeof value !== "object" || value === null) return false;
  if (DataSourceClass && value instanceof DataSourceClass) return true;
  const record = value as Record<string, unknown>;
  const options = record.options;
  if (typeof options !== "object" || options === null || typeof (options as Record<string, unknown>).type !== "string") return false;
  return record["@instanceof"] === BRAND || (typeof record.initialize === "function" && typeof record.destroy === "function");
}

/** The one DataSource a module exports (default or named); a ConfigError naming `shown` otherwise. */
export function findDataSource(exported: unknown, DataSourceClass: Function | undefined, shown: string): DataSourceLike {
  const found = new Map<DataSourceLike, string[]>();
  const consider = (name: string, value: unknown): void => {
    if (!isDataSource(value, DataSourceClass)) return;
    found.set(value, [...(found.get(value) ?? []), name]);
  };
  // module.exports = new DataSource(...) in a JavaScript file
  consider("module.exports", exported);
  if (typeof exported === "object" && exported !== null && !found.has(exported as DataSourceLike)) {
    for (const key of Object.keys(exported)) consider(key === "default" ? "default export" : key, (exported as Record<string, unknown>)[key]);
  }
  const all = [...found.entries()];
  if (all.length === 1) return (all[0] as [DataSourceLike, string[]])[0];
  if (all.length === 0) {
    throw new ConfigError(`${shown} exports no TypeORM DataSource`, {
      hint: "export the DataSource, e.g. `export const AppDataSource = new DataSource({ ... })` or `export default new DataSource({ ... })`",
    });
  }
  const names = all.map(([, exportNames]) => exportNames.join(" = ")).join(", ");
  throw new ConfigError(`${shown} exports ${all.length} different DataSources (${names})`, {
    hint: "point --data-source (or `dataSource`) at a module that exports only the one whose schema migrator manages",
  });
}

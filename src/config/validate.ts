import { ConfigError } from "../errors";
import { closestWord } from "../errors/closest";
import { redact } from "../redact";
import { checkTargetList } from "./targets";
import type { UserConfig } from "./types";

/**
 * Hand-written checks of migrator.config.ts: each failure names the file and
 * the key, and an unknown key suggests the closest known one.
 */
type Check = (value: unknown) => string | null;

const isString: Check = (v) => (typeof v === "string" && v.length > 0 ? null : "a non-empty string");
const isNumber: Check = (v) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? null : "a non-negative number");
const isCount: Check = (v) => (typeof v === "number" && Number.isInteger(v) && v >= 0 ? null : "a non-negative whole number");
const isStringList: Check = (v) => (Array.isArray(v) && v.every((x) => typeof x === "string") ? null : "a list of strings");
const isBoolean: Check = (v) => (typeof v === "boolean" ? null : "true or false");
const isObject: Check = (v) => (typeof v === "object" && v !== null && !Array.isArray(v) ? null : "an object");
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === "string" && values.includes(v) ? null : values.map((x) => JSON.stringify(x)).join(" or ");
const either =
  (a: Check, b: Check, description: string): Check =>
  (v) =>
    a(v) === null || b(v) === null ? null : description;

const isEntities: Check = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "function" || (typeof x === "object" && x !== null))
    ? null
    : "a list of globs or entity classes";

/** An instance, as TypeORM takes it (a class is the usual slip). */
const isNamingStrategy: Check = (v) => {
  const shape = "a naming strategy instance, e.g. new SnakeNamingStrategy()";
  if (typeof v !== "object" || v === null) return shape;
  const record = v as Record<string, unknown>;
  return typeof record.tableName === "function" && typeof record.columnName === "function" ? null : shape;
};

const isFilter: Check = (v) => {
  if (isObject(v)) return "an object { schemas?: string[], tables?: string[] }";
  const record = v as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key !== "schemas" && key !== "tables") return "an object { schemas?: string[], tables?: string[] }";
    if (isStringList(record[key])) return "an object { schemas?: string[], tables?: string[] }";
  }
  return null;
};

const isRenames: Check = (v) =>
  Array.isArray(v) &&
  v.every(
    (r) =>
      typeof r === "object" &&
      r !== null &&
      typeof (r as Record<string, unknown>).table === "string" &&
      typeof (r as Record<string, unknown>).to === "string" &&
      ["undefined", "string"].includes(typeof (r as Record<string, unknown>).column),
  )
    ? null
    : "a list of { table, to } or { table, column, to }";

const KEYS: Record<keyof UserConfig, Check> = {
  entities: isEntities,
  dataSource: isString,
  namingStrategy: isNamingStrategy,
  entityPrefix: (v) => (typeof v === "string" ? null : "a string"),
  migrations: either(isString, isStringList, "a folder or a list of folders"),
  database: () => null, // checked on its own below, for precise messages
  versionSchema: isString,
  versionTable: isString,
  logTable: isString,
  template: isString,
  sqlTemplate: isString,
  fileTemplate: isString,
  templateArgs: isObject,
  include: isFilter,
  exclude: isFilter,
  renames: isRenames,
  transactionMode: oneOf("per-revision", "all"),
  lockTimeout: isNumber,
  statementTimeout: isNumber,
  ddlLockTimeout: isNumber,
  ddlLockRetries: isCount,
  ddlLockRetryDelay: isNumber,
  postWriteHook: isString,
  typeormMetadata: isBoolean,
  targets: () => null, // checked on its own below, naming the entry and key
  referenceTarget: isString,
  online: isBoolean,
};

/** `dataSourceGiven`: --data-source was passed, so the entities may come from it. */
export function validateConfig(raw: unknown, file: string, options: { dataSourceGiven?: boolean } = {}): UserConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file} must export a config object (export default defineConfig({ ... }))`);
  }
  const record = raw as Record<string, unknown>;
  // an empty file, a file without `export default`, or `export default {}`: nothing to say "entities" is missing from
  if (Object.keys(record).length === 0 && !options.dataSourceGiven) {
    throw new ConfigError(`${file} exports nothing`, { hint: 'export default defineConfig({ entities: ["entities/**/*.ts"] }) (import { defineConfig } from "typeorm-migrator")' });
  }
  for (const [key, value] of Object.entries(record)) {
    const check = (KEYS as Record<string, Check>)[key];
    if (!check) {
      const guess = closestWord(key, Object.keys(KEYS));
      throw new ConfigError(`unknown key "${key}" in ${file}`, {
        hint: guess ? `did you mean "${guess}"?` : `known keys: ${Object.keys(KEYS).join(", ")}`,
      });
    }
    if (value === undefined) continue;
    const expected = check(value);
    if (expected) throw new ConfigError(`"${key}" in ${file} must be ${expected}, got ${describe(value)}`);
  }
  if (record.entities === undefined && record.dataSource === undefined && !options.dataSourceGiven) {
    throw new ConfigError(`"entities" is missing in ${file}`, { hint: 'e.g. entities: ["entities/**/*.ts"], or dataSource: "src/data-source.ts"' });
  }
  if (record.database !== undefined) validateDatabase(record.database, file);
  if (record.targets !== undefined && typeof record.targets !== "function") checkTargetList(record.targets, `"targets" in ${file}`);
  if (typeof record.referenceTarget === "string" && Array.isArray(record.targets)) {
    const names = (record.targets as readonly { name: string }[]).map((t) => t.name);
    if (!names.includes(record.referenceTarget)) {
      const guess = closestWord(record.referenceTarget, names);
      throw new ConfigError(`"referenceTarget" in ${file} names no target: ${JSON.stringify(record.referenceTarget)}`, {
        hint: guess ? `did you mean "${guess}"?` : `the targets: ${names.join(", ") || "none"}`,
      });
    }
  }
  return record as unknown as UserConfig;
}

function validateDatabase(value: unknown, file: string): void {
  const shape = `"database" in ${file} must be { url: "postgres://..." } or { embedded: "<folder>" }`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`${shape}, got ${describe(value)}`);
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  if (keys.length !== 1 || !(keys[0] === "url" || keys[0] === "embedded")) {
    throw new ConfigError(`${shape}, got keys ${keys.map((k) => `"${k}"`).join(", ") || "none"}`);
  }
  const key = keys[0];
  if (typeof record[key] !== "string" || record[key] === "") {
    throw new ConfigError(`"database.${key}" in ${file} must be a non-empty string, got ${describe(record[key])}`, {
      hint: key === "url" ? "is DATABASE_URL set?" : undefined,
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (undefined)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "function") return value.name ? `the class or function ${value.name}` : "a function";
  if (typeof value === "string") {
    // redacted before it is cut: a cut URL has no `@` left to show where its password ends
    const shown = redact(value);
    return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
  }
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/**
 * The `targets` key: a fleet of databases, or of tenant schemas, that
 * `--all` / `--target NAME` run one command across. A list is checked when
 * the config loads; a function's result when the fleet is first used (it may
 * read a tenants table), with the same checks and messages.
 */
import { ConfigError } from "../errors";
import { redact } from "../redact";

/** One target as written in the config. */
export interface TargetSpec {
  /** Unique; what `--target` matches (globs) and the report names. */
  readonly name: string;
  /** A PostgreSQL server's URL. */
  readonly url?: string;
  /** Or an embedded database's folder (relative to the config file). */
  readonly embedded?: string;
  /**
   * Schema-per-tenant: unqualified names resolve to this schema (the
   * session's search_path) and the tenant keeps its own version and log
   * tables in it.
   */
  readonly schema?: string;
}

export type TargetsSetting = readonly TargetSpec[] | (() => readonly TargetSpec[] | Promise<readonly TargetSpec[]>);

const KEYS = new Set(["name", "url", "embedded", "schema"]);

/**
 * Throws a ConfigError naming `where` (`"targets" in migrator.config.ts`, or
 * `the list targets() returned`), the entry and the key at fault.
 */
export function checkTargetList(value: unknown, where: string): asserts value is readonly TargetSpec[] {
  if (!Array.isArray(value)) {
    throw new ConfigError(`${where} must be a list of { name, url, schema? } (or a function returning one), got ${describe(value)}`);
  }
  const seen = new Set<string>();
  value.forEach((entry: unknown, index) => {
    const at = `${where}, entry ${index + 1}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new ConfigError(`${at} must be { name, url, schema? }, got ${describe(entry)}`);
    const record = entry as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!KEYS.has(key)) throw new ConfigError(`${at}: unknown key "${key}"`, { hint: "a target has name, url (or embedded) and optionally schema" });
    }
    for (const key of ["name", "url", "embedded", "schema"]) {
      const v = record[key];
      if (v !== undefined && (typeof v !== "string" || v === "")) throw new ConfigError(`${at}: "${key}" must be a non-empty string, got ${describe(v)}`);
    }
    const name = record.name as string | undefined;
    if (name === undefined) throw new ConfigError(`${at}: "name" is missing`, { hint: 'e.g. { name: "eu-1", url: "postgres://..." }' });
    if ((record.url === undefined) === (record.embedded === undefined)) {
      throw new ConfigError(`${at} ("${name}"): give exactly one of "url" and "embedded"`, {
        hint: record.url === undefined ? "is the environment variable behind its url set?" : undefined,
      });
    }
    if (seen.has(name)) throw new ConfigError(`${where}: two targets are named "${name}"`, { hint: "target names must be unique: --target and the report use them" });
    seen.add(name);
  });
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing (undefined)";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(redact(value).slice(0, 40));
  return typeof value === "object" ? "an object" : typeof value;
}

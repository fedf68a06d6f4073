/**
 * SQLSTATE 42501 (insufficient_privilege) in words: which role may not do
 * what to which object, and the grant that would allow it. PostgreSQL says
 * "permission denied for schema public"; the statement that was refused
 * says what the role tried (create a table, insert into a table), and the
 * executor notes both the statement and the role when the error happens
 * (`notePrivilegeFailure`), as the session may be gone or in a failed
 * transaction by the time the error is reported.
 *
 * Only PostgreSQL's English messages are read; any other wording keeps
 * PostgreSQL's own text after the role's name.
 */
import { DatabaseError } from "../../../errors";
import type { Executor } from "../../../db/types";
import type { PrivilegeDescription } from "../../runtime";
import { INSUFFICIENT_PRIVILEGE, isPrivilegeFailure } from "./privilege-failure";

export { INSUFFICIENT_PRIVILEGE, isPrivilegeFailure };

interface Noted {
  readonly statement: string;
  /** current_user when the failure happened; null when the session could not say (a failed transaction). */
  readonly role: string | null;
  /** The role the session logged in as, when known: named when `role` stays unknown. */
  readonly login: string | null;
}

/** The statement and role of a driver's 42501 error (the error objects are the driver's own: they are not changed). */
const noted = new WeakMap<object, Noted>();

export function notePrivilegeFailure(error: unknown, statement: string, role: string | null, login: string | null): void {
  if (typeof error === "object" && error !== null) noted.set(error, { statement, role, login });
}

/**
 * The role of a noted failure that happened in a transaction (which then
 * refuses every statement), asked once the transaction has been rolled back.
 */
export async function completePrivilegeNote(error: unknown, executor: Pick<Executor, "query">): Promise<void> {
  if (typeof error !== "object" || error === null) return;
  const note = noted.get(error);
  if (note === undefined || note.role !== null) return;
  const role = await currentRole(executor);
  if (role !== null) noted.set(error, { ...note, role });
}

export function currentRole(executor: Pick<Executor, "query">): Promise<string | null> {
  return executor.query<{ role: string }>("SELECT current_user AS role").then((r) => r.rows[0]?.role ?? null, () => null);
}

/** A missing privilege, as one line: `permission denied: role "reader" may not insert into "public"."migrator_version"`. */
export class PrivilegeError extends DatabaseError {
  /** Kept so code that reads the SQLSTATE of a failure still finds it. */
  readonly code = INSUFFICIENT_PRIVILEGE;
}

export type { PrivilegeDescription };

/** A raw 42501 from the driver as a PrivilegeError; anything else as it is. */
export function asPrivilegeError(error: unknown): unknown {
  if (error instanceof DatabaseError || !isPrivilegeFailure(error)) return error;
  const { message, hint } = describePrivilegeFailure(error);
  return new PrivilegeError(message, { hint, cause: error });
}

/** `fn`, with a raw 42501 it throws turned into a PrivilegeError. */
export async function withPrivilegeErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asPrivilegeError(error);
  }
}

/**
 * The refused privilege in words. `statement` is the one statement that was
 * refused when the caller knows it better than the executor (a batch is
 * noted whole).
 */
export function describePrivilegeFailure(thrown: unknown, statement?: string): PrivilegeDescription {
  const error = thrown instanceof PrivilegeError ? thrown.cause : thrown;
  const note = typeof error === "object" && error !== null ? noted.get(error) : undefined;
  const sql = statement ?? note?.statement ?? "";
  const role = note?.role ?? note?.login ?? null;
  const who = role === null ? "the role" : `role ${quoted(role)}`;
  const text = error instanceof Error ? error.message : String(error);
  const refusal = refusalOf(text, sql, hintOf(error));
  const owner = "run migrator as the objects' owner";
  if (refusal === null) {
    const told = hintOf(error);
    return { message: `permission denied: ${who}: ${text}`, hint: `${told === null ? "grant the privilege PostgreSQL names" : told}, or ${owner}` };
  }
  if (refusal.grant === null) {
    return { message: `permission denied: ${who} may not ${refusal.action}`, hint: refusal.hint ?? `${owner} (or as a member of the owner's role)` };
  }
  const grantee = role === null ? "<role>" : quoted(role);
  return { message: `permission denied: ${who} may not ${refusal.action}`, hint: `GRANT ${refusal.grant} TO ${grantee}, or ${owner}` };
}

/** PostgreSQL's own hint ("Must be superuser to create this extension."), without its full stop. */
function hintOf(error: unknown): string | null {
  const hint = typeof error === "object" && error !== null ? (error as { hint?: unknown }).hint : undefined;
  return typeof hint === "string" && hint !== "" ? hint.replace(/\.$/, "") : null;
}

interface Refusal {
  /** `create tables in schema "public"`. */
  readonly action: string;
  /** `CREATE ON SCHEMA "public"`; null when only the owner may (ALTER, DROP), or no GRANT can allow it. */
  readonly grant: string | null;
  /** The hint when there is no grant to name. */
  readonly hint?: string;
}

const RELATION_KINDS = new Set(["table", "view", "materialized view", "sequence", "foreign table"]);

function refusalOf(text: string, sql: string, told: string | null): Refusal | null {
  const extension = /^permission denied to create extension "(.+)"$/.exec(text);
  if (extension) {
    // PostgreSQL's hint says whether CREATE on the database would do (a trusted extension) or only a superuser may
    return { action: `create extension ${quoted(extension[1]!)}`, grant: null, hint: `${told ?? "a superuser may create it"}, or run migrator as the objects' owner` };
  }
  const temporary = /^permission denied to create temporary tables in database "(.+)"$/.exec(text);
  if (temporary) return { action: `create temporary tables in database ${quoted(temporary[1]!)}`, grant: `TEMPORARY ON DATABASE ${quoted(temporary[1]!)}` };
  const owner = /^must be owner of (.+?) (\S+)$/.exec(text);
  if (owner) return { action: `alter ${owner[1]} ${objectName(owner[2]!, sql)} (only its owner may)`, grant: null };
  const column = /^permission denied for column "?(.+?)"? of relation "?(.+?)"?$/.exec(text);
  if (column) {
    const { verb, privilege } = relationVerb(sql, column[2]!);
    return { action: `${verb} column ${quoted(column[1]!)} of ${objectName(column[2]!, sql)}`, grant: `${privilege} (${quoted(column[1]!)}) ON ${objectName(column[2]!, sql)}` };
  }
  const denied = /^permission denied for (schema|database|table|view|materialized view|sequence|foreign table|function|procedure|routine|type|domain|language|large object|tablespace|foreign server|foreign-data wrapper) (.+)$/.exec(text);
  if (!denied) return null;
  const kind = denied[1]!;
  const name = denied[2]!;
  if (kind === "schema") {
    const created = createdKind(sql);
    if (created !== null) return { action: `create ${created} in schema ${quoted(name)}`, grant: `CREATE ON SCHEMA ${quoted(name)}` };
    return { action: `use schema ${quoted(name)}`, grant: `USAGE ON SCHEMA ${quoted(name)}` };
  }
  if (kind === "database") {
    const created = createdKind(sql);
    return { action: `create ${created ?? "schemas"} in database ${quoted(name)}`, grant: `CREATE ON DATABASE ${quoted(name)}` };
  }
  if (RELATION_KINDS.has(kind)) {
    const object = objectName(name, sql);
    if (kind === "sequence") return { action: `use sequence ${object}`, grant: `USAGE, SELECT, UPDATE ON SEQUENCE ${object}` };
    const { verb, privilege } = relationVerb(sql, name);
    return { action: `${verb} ${object}`, grant: `${privilege} ON ${kind === "view" || kind === "materialized view" ? "TABLE" : kind.toUpperCase()} ${object}` };
  }
  if (kind === "function" || kind === "procedure" || kind === "routine") {
    return { action: `execute ${kind} ${name}`, grant: `EXECUTE ON ${kind.toUpperCase()} ${name}` };
  }
  if (kind === "type" || kind === "domain") return { action: `use ${kind} ${name}`, grant: `USAGE ON ${kind.toUpperCase()} ${name}` };
  return { action: `use ${kind} ${name}`, grant: `USAGE ON ${kind.toUpperCase()} ${name}` };
}

/** What a CREATE statement creates, in the plural (`tables`), or null when the statement is no CREATE. */
function createdKind(sql: string): string | null {
  const match = /^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED|UNIQUE|MATERIALIZED|RECURSIVE|TRUSTED|PROCEDURAL)\s+)*(TABLE|VIEW|INDEX|SEQUENCE|TYPE|DOMAIN|FUNCTION|PROCEDURE|SCHEMA|EXTENSION|TRIGGER|AGGREGATE|COLLATION|OPERATOR)\b/i.exec(sql);
  if (!match) return null;
  const word = match[1]!.toLowerCase();
  return word.endsWith("x") ? `${word.slice(0, -1)}ices` : `${word}s`;
}

/**
 * What the statement does to the relation PostgreSQL named: the verb of a
 * statement whose target it is (INSERT INTO, UPDATE, DELETE FROM, TRUNCATE),
 * else reading it (SELECT, or a FROM of another statement).
 */
function relationVerb(sql: string, name: string): { verb: string; privilege: string } {
  const target = statementTarget(sql);
  if (target !== null && lastIdentifier(target.reference) === name) {
    return target.verb;
  }
  return { verb: "read", privilege: "SELECT" };
}

const IDENTIFIER = `(?:"(?:[^"]|"")+"|[\\p{L}_][\\p{L}\\p{N}_$]*)`;
const REFERENCE = `${IDENTIFIER}(?:\\s*\\.\\s*${IDENTIFIER})?`;

const TARGETS: ReadonlyArray<{ pattern: RegExp; verb: { verb: string; privilege: string } }> = [
  { pattern: new RegExp(`^\\s*INSERT\\s+INTO\\s+(${REFERENCE})`, "iu"), verb: { verb: "insert into", privilege: "INSERT" } },
  { pattern: new RegExp(`^\\s*UPDATE\\s+(?:ONLY\\s+)?(${REFERENCE})`, "iu"), verb: { verb: "update", privilege: "UPDATE" } },
  { pattern: new RegExp(`^\\s*DELETE\\s+FROM\\s+(?:ONLY\\s+)?(${REFERENCE})`, "iu"), verb: { verb: "delete from", privilege: "DELETE" } },
  { pattern: new RegExp(`^\\s*TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(${REFERENCE})`, "iu"), verb: { verb: "truncate", privilege: "TRUNCATE" } },
];

function statementTarget(sql: string): { reference: string; verb: { verb: string; privilege: string } } | null {
  for (const { pattern, verb } of TARGETS) {
    const match = pattern.exec(sql);
    if (match) return { reference: match[1]!, verb };
  }
  return null;
}

/** The identifiers of `a.b`, `"a"."b"` or `b`, unquoted. */
function identifiers(reference: string): string[] {
  return [...reference.matchAll(new RegExp(IDENTIFIER, "gu"))].map((m) => (m[0].startsWith('"') ? m[0].slice(1, -1).replace(/""/g, '"') : m[0].toLowerCase()));
}

function lastIdentifier(reference: string): string | undefined {
  return identifiers(reference).at(-1);
}

/**
 * The relation PostgreSQL named (it gives no schema), schema-qualified as
 * the statement wrote it when the statement names it with a schema.
 */
function objectName(name: string, sql: string): string {
  const plain = name.replace(/^"(.*)"$/, "$1");
  for (const match of sql.matchAll(new RegExp(REFERENCE, "gu"))) {
    const parts = identifiers(match[0]);
    if (parts.length === 2 && parts[1] === plain) return `${quoted(parts[0]!)}.${quoted(plain)}`;
  }
  return quoted(plain);
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

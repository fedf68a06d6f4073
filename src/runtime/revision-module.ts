/**
 * Importing a revision file to run it (only the revisions a plan runs are
 * ever imported). Anything wrong with the module itself becomes one
 * RevisionError naming the file. An .sql file becomes a module too
 * (sql-revision.ts).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { RevisionError } from "../errors";
import { loadUserModuleFromSource } from "../loader";
import { describeLoadFailure } from "../loader/load-errors";
import type { Dialect } from "../dialect";
import type { Operations } from "../ops/operations";
import type { Plan } from "../revisions/plan";
import { isSqlRevisionFile } from "../revisions/sql-header";
import { sqlRevisionModule } from "./sql-revision";

export type MigrationFunction = (op: Operations) => Promise<void> | void;

export interface RevisionModule {
  readonly upgrade: MigrationFunction;
  readonly downgrade: MigrationFunction;
  /** false when the file exports `transactional = false`. */
  readonly transactional: boolean;
  /** sha256 of the file's bytes as loaded (what the log keeps and `validate` compares). */
  readonly checksum: string;
  /** Why the revision cannot be downgraded (an .sql file without `-- @UNDO`); its downgrade throws this. */
  readonly irreversible?: string;
  /**
   * The revision's own lock_timeout for its statements (ms; null: none),
   * beating the project's ddlLockTimeout; undefined: the project's.
   */
  readonly ddlLockTimeout?: number | null;
  /** A .ts revision's `export const lint` (rules it silences, read by `migrator lint`), unchecked. */
  readonly lint?: unknown;
}

/**
 * The modules of every step, loaded before any runs: a broken file, or a
 * downgrade of a revision that has none, stops the plan before anything is applied.
 */
export function loadPlanModules(plan: Plan, root: string, dialect: Dialect): RevisionModule[] {
  return plan.steps.map((step) => {
    const module = loadRevisionModule(step.revision, step.path, root, dialect);
    if (step.direction === "down" && module.irreversible !== undefined) {
      throw new RevisionError(module.irreversible, { hint: "add `-- @UNDO` and the downgrade SQL to the file, or downgrade to a revision above it" });
    }
    return module;
  });
}

/** `root` anchors the transpile cache and the path shown in messages; `dialect` reads .sql files. */
export function loadRevisionModule(revision: string, file: string, root: string, dialect: Dialect): RevisionModule {
  const shown = relative(root, file) || file;
  if (isSqlRevisionFile(file)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new RevisionError(`cannot read revision ${revision} (${shown}): ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
    }
    return sqlRevisionModule(revision, bytes.toString("utf8"), shown, revisionChecksum(bytes), dialect.sql);
  }
  let loaded: unknown;
  let checksum: string;
  try {
    // one read for both the checksum and the code
    const bytes = readFileSync(file);
    checksum = revisionChecksum(bytes);
    loaded = loadUserModuleFromSource(file, bytes.toString("utf8"), root);
  } catch (error) {
    const { message, hint } = describeLoadFailure(error, { root, entry: file, what: `revision ${revision}` });
    throw new RevisionError(message, { hint, cause: error });
  }
  if (typeof loaded !== "object" || loaded === null) {
    throw new RevisionError(`revision ${revision} (${shown}) exports nothing`);
  }
  const exported = loaded as Record<string, unknown>;
  if (exported.revision !== undefined && exported.revision !== revision) {
    throw new RevisionError(`${shown} exports revision ${String(exported.revision)} but its header says ${revision}`);
  }
  const upgrade = exported.upgrade;
  const downgrade = exported.downgrade;
  if (typeof upgrade !== "function") {
    throw new RevisionError(`revision ${revision} (${shown}) has no exported \`upgrade(op)\` function`);
  }
  if (typeof downgrade !== "function") {
    throw new RevisionError(`revision ${revision} (${shown}) has no exported \`downgrade(op)\` function`);
  }
  // `transactional = "false"` is truthy: taken as is it would run the step in a transaction, unannounced
  if (exported.transactional !== undefined && typeof exported.transactional !== "boolean") {
    throw new RevisionError(`revision ${revision} (${shown}) exports transactional = ${JSON.stringify(exported.transactional)}: it must be true or false`);
  }
  return {
    upgrade: upgrade as MigrationFunction,
    downgrade: downgrade as MigrationFunction,
    transactional: exported.transactional !== false,
    checksum,
    ...ddlLockTimeoutExport(exported.ddlLockTimeout, `revision ${revision} (${shown})`),
    ...(exported.lint === undefined ? {} : { lint: exported.lint }),
  };
}

/** `export const ddlLockTimeout = 5000` (ms); 0 or null: the revision runs without one. */
function ddlLockTimeoutExport(value: unknown, what: string): { ddlLockTimeout?: number | null } {
  if (value === undefined) return {};
  if (value === null || value === 0) return { ddlLockTimeout: null };
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new RevisionError(`${what} exports ddlLockTimeout = ${JSON.stringify(value)}: it must be a number of milliseconds, or 0 / null for none`);
  }
  return { ddlLockTimeout: value };
}

/**
 * What the log keeps of a revision file and `validate` compares: a sha256 of
 * its text with line endings made LF and trailing whitespace dropped from
 * each line and from the end, so a formatter or `core.autocrlf` does not
 * make every applied revision look changed.
 */
export function revisionChecksum(bytes: Buffer): string {
  const text = bytes.toString("utf8").replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").replace(/\n+$/, "");
  return createHash("sha256").update(text).digest("hex");
}

/** The file's checksums: as the log keeps it now, and the raw sha256 older versions kept. */
export function fileChecksums(file: string): { normalised: string; raw: string } {
  const bytes = readFileSync(file);
  return { normalised: revisionChecksum(bytes), raw: createHash("sha256").update(bytes).digest("hex") };
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split("\n").find((l) => l.trim() !== "") ?? text;
  return line.trim();
}

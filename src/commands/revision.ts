/**
 * `migrator revision -m MSG`: write a new revision file whose parent is the
 * current head (or --head), and read it back to prove the header scans.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResolvedConfig } from "../config/types";
import { RevisionError } from "../errors";
import type { RevisionGraph } from "../revisions/graph";
import { checkId, checkLabel } from "../revisions/graph-checks";
import { loadGraph } from "../revisions/load";
import { checkMessage, newRevisionId, revisionFileName } from "../revisions/naming";
import { scanRevisionFile } from "../revisions/scan";
import { lookupRevision, resolveTarget } from "../revisions/target";
import { runPostWriteHook } from "../revisions/post-write-hook";
import { writeRevisionFile } from "../revisions/write";

export interface RevisionOptions {
  readonly message: string;
  /** Parent target (default `head`); `base` starts a new root. */
  readonly head?: string;
  /** Allow a parent that is not a head (starts a branch). */
  readonly splice?: boolean;
  readonly branchLabel?: string | readonly string[];
  readonly dependsOn?: readonly string[];
  readonly revId?: string;
  /** One of config.migrations (default: the first). */
  readonly versionPath?: string;
  /** Bodies of upgrade()/downgrade() and extra imports (autogenerate fills them). */
  readonly upgrades?: string;
  readonly downgrades?: string;
  readonly imports?: readonly string[];
  /** Write an .sql revision (config.sqlTemplate): upgrades/downgrades are then SQL. */
  readonly sqlFile?: boolean;
  /** An .sql revision whose statements cannot run in a transaction. */
  readonly nonTransactional?: boolean;
  /** Creation time (default: now); fixed in tests. */
  readonly date?: Date;
}

export interface RevisionResult {
  readonly revision: string;
  readonly path: string;
  readonly downRevisions: readonly string[];
  readonly branchLabels: readonly string[];
  readonly dependsOn: readonly string[];
  readonly message: string;
  /** Set when the config's post-write hook failed on the file (which stays written): one line, with its exit code. */
  readonly hookError?: string;
}

export function revision(config: ResolvedConfig, opts: RevisionOptions): RevisionResult {
  const folder = versionFolder(config, opts.versionPath);
  fs.mkdirSync(folder, { recursive: true });
  const graph = loadGraph(config);
  return writeNewRevision(config, graph, folder, { ...opts, parents: parentsFor(graph, opts) });
}

function parentsFor(graph: RevisionGraph, opts: RevisionOptions): string[] {
  const head = opts.head ?? "head";
  if (head === "head" && graph.size === 0) return [];
  if (head === "head" && graph.heads.length > 1) {
    throw new RevisionError(`there are several heads (${graph.heads.join(", ")}); a new revision needs one parent`, {
      hint: "pass --head REV (or --head LABEL@head), or merge them first: migrator merge heads -m MSG",
    });
  }
  const target = resolveTarget(graph, head);
  const parents = target.kind === "base" ? [] : [...target.ids];
  if (!opts.splice) {
    for (const parent of parents) {
      if (!graph.isHead(parent)) {
        throw new RevisionError(`revision ${parent} (${graph.get(parent).path}) is not a head`, {
          hint: "pass --splice to start a new branch from it",
        });
      }
    }
  }
  return parents;
}

/** The folder new revisions go to: --version-path must be one of the configured folders. */
export function versionFolder(config: ResolvedConfig, versionPath?: string): string {
  if (versionPath === undefined) {
    const first = config.migrations[0];
    if (first === undefined) throw new RevisionError("no revision folder is configured (`migrations` in the config)");
    return first;
  }
  const wanted = path.resolve(config.root, versionPath);
  const match = config.migrations.find((folder) => path.resolve(config.root, folder) === wanted);
  if (match === undefined) {
    throw new RevisionError(`--version-path ${versionPath} is not one of the configured revision folders`, {
      hint: `configured: ${config.migrations.join(", ")}`,
    });
  }
  return match;
}

export interface NewRevision extends RevisionOptions {
  readonly parents: readonly string[];
}

/** Every writer of a revision file (`revision`, autogenerate, `merge`) goes through here: validate, render, write, read back, run the post-write hook. */
export function writeNewRevision(
  config: ResolvedConfig,
  graph: RevisionGraph,
  folder: string,
  spec: NewRevision,
): RevisionResult {
  const message = checkMessage(spec.message);
  const id = spec.revId ?? newRevisionId();
  checkId(id, "--rev-id");
  if (graph.has(id)) throw new RevisionError(`revision ${id} already exists in ${graph.get(id).path}`);

  const labels = spec.branchLabel === undefined ? [] : typeof spec.branchLabel === "string" ? [spec.branchLabel] : [...spec.branchLabel];
  for (const label of labels) {
    checkLabel(label, id, "--branch-label");
    const owner = graph.labelOwner(label);
    if (owner !== undefined) {
      throw new RevisionError(`branch label "${label}" is already used by revision ${owner} (${graph.get(owner).path})`);
    }
  }
  // a label stays a label (it follows the branch); anything else becomes a full id
  const dependsOn = (spec.dependsOn ?? []).map((dep) => (graph.labelOwner(dep) !== undefined ? dep : lookupRevision(graph, dep)));

  const sql = spec.sqlFile === true;
  // an .sql header lists them comma-separated: one holding a comma or a blank would read back as several
  if (sql) for (const name of [...labels, ...dependsOn]) checkSqlListItem(name);
  const template = sql ? config.sqlTemplate : config.template;
  const date = spec.date ?? new Date();
  const file = path.join(folder, revisionFileName(config.fileTemplate, id, message, date, sql ? ".sql" : ".ts"));
  const downRevision = spec.parents.length === 0 ? null : spec.parents.length === 1 ? (spec.parents[0] as string) : spec.parents;
  writeRevisionFile(
    file,
    template,
    {
      message,
      revision: id,
      downRevision,
      branchLabels: labels,
      dependsOn,
      createDate: date,
      imports: spec.imports,
      upgrades: spec.upgrades,
      downgrades: spec.downgrades,
      nonTransactional: spec.nonTransactional,
      ddlCommitsAtOnce: !config.dialect.runtime.transactionalDdl,
    },
    config.templateArgs,
  );
  checkReadBack(file, id, spec.parents, template, sql);
  const written = { revision: id, path: file, downRevisions: [...spec.parents], branchLabels: labels, dependsOn, message };
  const hookError = config.postWriteHook === null ? undefined : runPostWriteHook(config.postWriteHook, file, config.root);
  return hookError === undefined ? written : { ...written, hookError };
}

function checkSqlListItem(name: string): void {
  if (/[,\s]/.test(name)) {
    throw new RevisionError(`${JSON.stringify(name)} cannot be written in an .sql revision's header: it holds a comma or a blank`, {
      hint: "choose a branch label without commas and blanks, or write a .ts revision",
    });
  }
}

/** A custom template that breaks the header would silently break the graph: refuse it now. */
function checkReadBack(file: string, id: string, parents: readonly string[], template: string, sql: boolean): void {
  let ok = false;
  let why = "";
  try {
    const header = scanRevisionFile(file);
    ok = header.revision === id && header.downRevisions.join(",") === parents.join(",");
  } catch (error) {
    ok = false;
    why = error instanceof RevisionError ? ` (${error.message})` : "";
  }
  if (!ok) {
    throw new RevisionError(`${file} was written, but its revision header does not read back as ${id}${why}`, {
      hint: `check the template ${template}: it must keep the ${sql ? "-- revision: and -- down_revision:" : "export const revision/downRevision"} lines`,
    });
  }
}

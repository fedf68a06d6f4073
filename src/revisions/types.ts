/**
 * What the static scan reads from a revision file's head, and what the graph
 * is built from. Plain data: the graph never touches the file system.
 */
export interface RevisionHeader {
  readonly revision: string;
  /** Versioned parents; more than one makes a merge point, none a base. */
  readonly downRevisions: readonly string[];
  /** Labels declared in this file (the graph spreads them along the branch). */
  readonly branchLabels: readonly string[];
  /** Revision ids or branch labels that must be applied first, without being parents. */
  readonly dependsOn: readonly string[];
  /** First line of the docstring. */
  readonly message: string;
  /** The file the header was read from (named in every error). */
  readonly path: string;
  readonly createDate?: string;
  /** The whole docstring, comment markers stripped (history --verbose). */
  readonly docstring?: string;
  /** `export const transactional = false` in the file. */
  readonly transactional?: boolean;
  /** An .sql file's `-- ddl_lock_timeout:` (ms; null: none), read when the revision is loaded to run. */
  readonly ddlLockTimeout?: number | null;
}

/** A node of the built graph: the header plus everything derived from its neighbours. */
export interface RevisionNode {
  readonly header: RevisionHeader;
  readonly id: string;
  readonly path: string;
  readonly parents: readonly string[];
  /** dependsOn resolved to revision ids (labels replaced by the revision that declares them). */
  readonly dependencies: readonly string[];
  /** Versioned children (revisions whose downRevision names this one). */
  readonly children: readonly string[];
  /** Revisions that list this one in dependsOn. */
  readonly dependents: readonly string[];
  /** Declared plus inherited labels, sorted. */
  readonly branchLabels: readonly string[];
  /** Position in the input, for a stable order among unrelated revisions. */
  readonly index: number;
}

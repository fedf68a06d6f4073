/**
 * A fleet run's data: which targets, what each did, and the whole. The
 * commands return it; the CLI prints it as a table or as JSON.
 */
import type { DatabaseConfig } from "../db/types";

/** A target as the run uses it: its database, and its tenant schema if any. */
export interface FleetTarget {
  readonly name: string;
  readonly database: DatabaseConfig;
  /** Schema-per-tenant: the schema unqualified names resolve to, holding the version and log tables. */
  readonly schema: string | null;
}

/**
 * - `done`: the command changed the target (steps ran, rows stamped);
 * - `unchanged`: nothing to do, or a read-only command that found it as wanted;
 * - `attention`: read without error, but not as asked (behind, drift, changed files);
 * - `failed`: an error (the run's other targets are unaffected);
 * - `not run`: left out by --fail-fast or a failed canary.
 */
export type TargetResult = "done" | "unchanged" | "attention" | "failed" | "not run";

/** What a command reports about one target (what the table's columns show). */
export interface TargetOutcome<T = unknown> {
  readonly result: Exclude<TargetResult, "failed" | "not run">;
  /** Revisions before and after (the version rows). */
  readonly from: readonly string[];
  readonly to: readonly string[];
  /** Steps run, pending, rows stamped, operations found... as the command counts. */
  readonly steps: number;
  /** One line: `3 steps`, `behind: 2 pending`, `4 operations`. */
  readonly summary: string;
  /** The command's own result, as its --json prints it for one database. */
  readonly data: T;
}

export interface TargetReport<T = unknown> {
  readonly name: string;
  /** Where, for messages: `postgres://app@db:5432/eu1` (never the password) or the embedded folder. */
  readonly database: string;
  readonly schema: string | null;
  readonly result: TargetResult;
  readonly from: readonly string[];
  readonly to: readonly string[];
  readonly steps: number;
  readonly summary: string;
  readonly durationMs: number;
  /** Statements sent on the target's connection (BEGIN/COMMIT and lock calls included). */
  readonly queries: number;
  readonly error?: { readonly message: string; readonly hint?: string };
  readonly data?: T;
}

export interface FleetReport<T = unknown> {
  readonly command: string;
  readonly concurrency: number;
  readonly targets: readonly TargetReport<T>[];
  readonly counts: Readonly<Record<TargetResult, number>>;
  /** Most connections open at once. */
  readonly peakConnections: number;
  readonly durationMs: number;
  /** Why targets were left out, when some were. */
  readonly stopped?: "fail-fast" | "canary";
}

export interface FleetProgress {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
  readonly running: number;
}

export interface FleetOptions {
  /** Targets run at once (default DEFAULT_CONCURRENCY). */
  readonly concurrency?: number;
  /** After the first failure start no other target (those running finish). */
  readonly failFast?: boolean;
  /** Run the first N targets first; when any fails, run no other. */
  readonly canary?: number;
  /** Called whenever a target starts or ends. */
  readonly onProgress?: (progress: FleetProgress) => void;
  /** A target's lock waits and warnings, already prefixed with its name. */
  readonly notify?: (line: string) => void;
}

/** Small: each target holds a connection, and the server's cores are what runs them. */
export const DEFAULT_CONCURRENCY = 4;

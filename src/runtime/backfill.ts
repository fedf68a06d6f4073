/**
 * Running op.backfill: batch after batch, each one statement (so one short
 * transaction) that updates its rows and records the last key done in the
 * backfill table (`migrator_backfill` beside `migrator_log`), keyed by the
 * step's revision and direction and the backfill's fingerprint. So:
 *  - no lock is held across batches: other sessions write between them;
 *  - a run interrupted after k batches has committed exactly k batches and
 *    their progress; the rerun (a new run of the same unfinished step)
 *    carries on after the last key, and no batch is applied twice, which
 *    matters for a `set` that is not idempotent (`n = n + 1`);
 *  - progress written by a run whose step then finished, or before the
 *    revision ran the other way, is of an earlier application (upgrade,
 *    downgrade, upgrade again): it is forgotten and the backfill starts over.
 *    Another interrupted attempt in between leaves it valid.
 * Only in non-transactional steps: one transaction around the revision
 * would hold every batch's locks to the end, which is what a backfill avoids.
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Executor } from "../db/types";
import type { Dialect } from "../dialect";
import type { BackfillId, BackfillTables, Direction } from "../dialect/runtime";
import type { Statement } from "../dialect/statement";
import { MigratorError } from "../errors";
import { DEFAULT_SCHEMA, type QualifiedName } from "../model/types";
import type { BackfillOp } from "../ops/types";
import { StatementFailure } from "./statement-failure";
import type { RuntimeTables } from "./tables";

/** After each committed batch (and once for a backfill found done before). */
export interface BackfillProgress {
  readonly table: QualifiedName;
  readonly rowsDone: number;
  /** Rows done plus rows left when the run started (rows added meanwhile are not counted). */
  readonly rowsTotal: number;
  readonly batches: number;
  /** The walk is over (this batch was the last, or it was over before this run). */
  readonly finished: boolean;
  /** Rows an interrupted run had done, when this run carried on after them. */
  readonly resumedAfter?: number;
}

export type BackfillListener = (progress: BackfillProgress) => void | Promise<void>;

/** The step whose backfills run: its log row (written when it started) tells a resumed run from an earlier finished one. */
export interface BackfillStep {
  readonly revision: string;
  readonly direction: Direction;
  readonly logId: string;
}

/** `migrator_log` -> `migrator_backfill`, in the log table's schema. */
export function backfillTable(tables: RuntimeTables): QualifiedName {
  const base = tables.log.name.endsWith("_log") ? tables.log.name.slice(0, -"_log".length) : tables.log.name;
  return { schema: tables.log.schema, name: `${base}_backfill` };
}

/** The refusal in a transactional revision (online, dry run and offline alike). */
export function backfillInTransaction(op: BackfillOp): MigratorError {
  return new MigratorError(
    `op.backfill of ${tableName(op.table)} cannot run in a transactional revision: it commits each batch on its own so no lock is held for the whole run, which one transaction around the revision would undo`,
    { hint: "add `export const transactional = false` to the revision file (its other statements then commit one by one)" },
  );
}

export function tableName(table: QualifiedName): string {
  return table.schema === DEFAULT_SCHEMA ? table.name : `${table.schema}.${table.name}`;
}

/** One per step: numbers the step's backfills, so two alike in one revision keep apart. */
export class BackfillRunner {
  private count = 0;

  constructor(
    private readonly dialect: Dialect,
    private readonly executor: Executor,
    private readonly tables: RuntimeTables,
    private readonly step: BackfillStep,
    private readonly listener?: BackfillListener,
  ) {}

  async run(op: BackfillOp): Promise<void> {
    const sql = this.dialect.runtime.backfill;
    if (sql === undefined) throw new MigratorError(`op.backfill is not supported on ${this.dialect.name} yet`);
    const id: BackfillId = { revision: this.step.revision, direction: this.step.direction, fingerprint: fingerprint(op, this.count), table: op.table };
    this.count += 1;
    const tables: BackfillTables = { state: backfillTable(this.tables), log: this.tables.log };
    const { executor } = this;
    await sql.ensureStateTable(executor, tables);
    const key = await sql.keyColumns(executor, op.table, op.key);
    let state = await sql.readState(executor, tables, id, this.step.logId);
    if (state?.stale === true) {
      await sql.forgetState(executor, tables, id);
      state = undefined;
    }
    const resumed = state !== undefined && state.rowsDone > 0 ? { resumedAfter: state.rowsDone } : {};
    if (state?.finished === true) {
      await this.listener?.({ table: op.table, rowsDone: state.rowsDone, rowsTotal: state.rowsDone, batches: state.batches, finished: true, ...resumed });
      return;
    }
    let after = state?.lastKey ?? null;
    let rowsDone = state?.rowsDone ?? 0;
    let batches = state?.batches ?? 0;
    const left = await this.query(sql.countStatement(op, key, after));
    const rowsTotal = rowsDone + Number(left[0]?.n ?? 0);
    for (;;) {
      const batch = sql.readBatch((await this.query(sql.batchStatement(op, key, after, tables, id, this.step.logId)))[0]);
      if (batch.selected > 0) {
        // a walk that does not advance would loop for ever (a key whose order and comparison disagree)
        if (after !== null && JSON.stringify(batch.lastKey) === JSON.stringify(after)) {
          throw new MigratorError(`backfill of ${tableName(op.table)} did not advance past key (${after.join(", ")})`, {
            hint: "walk a key whose values compare as they sort (the primary key)",
          });
        }
        rowsDone += batch.updated;
        batches += 1;
        after = batch.lastKey;
      }
      // a short batch: the index scan ran out of rows (FOR UPDATE skips deleted rows without shortening the LIMIT)
      const finished = batch.selected < op.batchSize;
      if (finished) await sql.markFinished(executor, tables, id, this.step.logId);
      if (batch.selected > 0 || finished) {
        await this.listener?.({ table: op.table, rowsDone, rowsTotal: Math.max(rowsTotal, rowsDone), batches, finished, ...resumed });
      }
      if (finished) return;
      if (op.pauseMs !== undefined) await sleep(op.pauseMs);
    }
  }

  private async query(stmt: Statement): Promise<Record<string, unknown>[]> {
    try {
      return (await this.executor.query(stmt.sql, stmt.params)).rows;
    } catch (error) {
      throw new StatementFailure(stmt.sql, error);
    }
  }
}

/**
 * What tells this backfill's progress apart: its place among the step's
 * backfills and what it does. Batch size and pause may change between runs
 * without losing the progress; an edited table, set, condition or key starts over.
 */
function fingerprint(op: BackfillOp, ordinal: number): string {
  const what = { ordinal, table: op.table, set: op.set, where: op.where ?? null, key: op.key ?? null };
  const text = JSON.stringify(what, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
  return createHash("sha256").update(text).digest("hex");
}


/**
 * The fleet's connections: one per running target, so the peak is the
 * concurrency. A server target gets a session of its own (a tenant's with
 * its search_path set). Embedded targets in one folder share one PGlite
 * instance, since PGlite allows one per folder: their targets take turns on
 * it, and it is closed when the run ends.
 */
import { resolve } from "node:path";
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { FleetTarget } from "./types";

export interface TargetConnection {
  /** Counts what goes through it (see `queries`). */
  readonly executor: Executor;
  /** Statements sent so far; BEGIN/COMMIT of a transaction and the lock's take and release counted. */
  queries(): number;
  release(): Promise<void>;
}

export class FleetConnections {
  private open = 0;
  private peak = 0;
  private readonly embedded = new Map<string, { executor: Promise<Executor>; turn: Promise<void> }>();

  private readonly root: string;

  constructor(private readonly config: ResolvedConfig) {
    this.root = config.root;
  }

  get peakConnections(): number {
    return this.peak;
  }

  async acquire(target: FleetTarget): Promise<TargetConnection> {
    if ("embedded" in target.database) return this.acquireEmbedded(target, resolve(this.root, target.database.embedded));
    const runtime = this.config.dialect.runtime;
    const executor = await runtime.connect(target.database, this.root);
    this.opened();
    try {
      if (target.schema !== null) await runtime.useSchema(executor, target.schema);
    } catch (error) {
      await this.close(executor);
      throw error;
    }
    const counted = counting(executor);
    return { ...counted, release: () => this.close(executor) };
  }

  /** Closes the shared embedded databases. */
  async closeAll(): Promise<void> {
    const shared = [...this.embedded.values()];
    this.embedded.clear();
    for (const entry of shared) {
      const executor = await entry.executor.catch(() => undefined);
      if (executor) await this.close(executor);
    }
  }

  private async acquireEmbedded(target: FleetTarget, folder: string): Promise<TargetConnection> {
    let entry = this.embedded.get(folder);
    if (!entry) {
      const opening = this.config.dialect.runtime.connect({ embedded: folder }, this.root);
      entry = { executor: opening, turn: Promise.resolve() };
      this.embedded.set(folder, entry);
      opening.then(() => this.opened(), () => this.embedded.delete(folder));
    }
    // one target at a time on the shared session
    let done!: () => void;
    const previous = entry.turn;
    entry.turn = new Promise<void>((r) => (done = r));
    await previous;
    try {
      const executor = await entry.executor;
      await this.config.dialect.runtime.useSchema(executor, target.schema);
      return { ...counting(executor), release: async () => done() };
    } catch (error) {
      done();
      throw error;
    }
  }

  private opened(): void {
    this.open += 1;
    this.peak = Math.max(this.peak, this.open);
  }

  /** Counted as open until closed: a target's next connection never overlaps its last one unseen. */
  private async close(executor: Executor): Promise<void> {
    await executor.close().catch(() => undefined);
    this.open -= 1;
  }
}

/** The executor, counting the statements sent through it. */
function counting(inner: Executor): { executor: Executor; queries(): number } {
  let count = 0;
  const executor: Executor = {
    backend: inner.backend,
    description: inner.description,
    query: (sql, params) => {
      count += 1;
      return inner.query(sql, params);
    },
    exec: (sql) => {
      count += 1;
      return inner.exec(sql);
    },
    transaction: (fn) => {
      count += 2;
      return inner.transaction(fn);
    },
    withAdvisoryLock: (key, fn, options) => {
      count += 2;
      return inner.withAdvisoryLock(key, fn, options);
    },
    // the fleet closes it (release)
    close: async () => undefined,
  };
  return { executor, queries: () => count };
}

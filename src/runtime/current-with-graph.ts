/**
 * The version rows and the revision graph, read side by side. Opening a
 * connection is mostly waiting: the server starts a backend and answers the
 * startup message. The connection is set going first (two turns of the event
 * loop send the startup message), the revision files are scanned meanwhile,
 * and the rows are read once both are ready.
 */
import type { ResolvedConfig } from "../config/types";
import type { Executor } from "../db/types";
import type { RevisionGraph } from "../revisions/graph";
import { loadGraph } from "../revisions/load";
import { type Interruption, interruptionsOf } from "./interrupted";
import { readCurrentState } from "./session";

export interface CurrentAndGraph {
  readonly rows: string[];
  readonly graph: RevisionGraph;
  /** Non-transactional steps that started and did not finish (see interrupted.ts). */
  readonly interruptions: Interruption[];
}

export async function readCurrentWithGraph(config: ResolvedConfig, executor?: Executor): Promise<CurrentAndGraph> {
  const reading = readCurrentState(config, executor);
  reading.catch(() => undefined); // awaited below, or settled before a scan error is thrown
  if (!executor) {
    await nextTurn();
    await nextTurn();
  }
  let graph: RevisionGraph;
  try {
    graph = loadGraph(config);
  } catch (error) {
    await reading.catch(() => undefined);
    throw error;
  }
  const state = await reading;
  return { rows: state.rows, graph, interruptions: interruptionsOf(graph, state) };
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * swc compiles a cold run's entity files on libuv's thread pool (four
 * threads by default) while the main thread loads TypeORM and then runs
 * each compiled file. On a two-core machine (a common CI runner) the four
 * compiling threads took both cores from the main thread, whose path is
 * the one the run waits for. The pool is sized to leave one core to the
 * main thread (at least one thread, at most libuv's default four). A
 * UV_THREADPOOL_SIZE the user set is left alone.
 *
 * libuv reads the variable when the pool first starts, which is after the
 * CLI's entry sets it. CLI only: a program using the API owns its pool.
 */
import { availableParallelism } from "node:os";
import { speedupsOn } from "./switch";

/** Threads for a machine of `cores` cores: all but one, between 1 and libuv's default 4. */
export function poolSizeFor(cores: number): number {
  return Math.max(1, Math.min(4, cores - 1));
}

export function leaveACoreToTheMainThread(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): void {
  if (!speedupsOn(env) || env.UV_THREADPOOL_SIZE !== undefined) return;
  env.UV_THREADPOOL_SIZE = String(poolSizeFor(cores));
}

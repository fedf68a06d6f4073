/**
 * The CLI's thread pool leaves the main thread a core: all cores but one,
 * one at least, libuv's default four at most; a user's own setting and the
 * speed-ups switch are respected. The size is what a child process's pool
 * really gets (libuv reads the variable at the pool's start): checked by
 * counting the threads that run at once.
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { leaveACoreToTheMainThread, poolSizeFor } from "../../../src/speedups/thread-pool";

describe("the thread pool's size", () => {
  it.each([
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 3],
    [8, 4],
    [64, 4],
  ])("on %i cores: %i threads", (cores, threads) => {
    expect(poolSizeFor(cores)).toBe(threads);
  });

  it("is set only when the user has not set it and speed-ups are on", () => {
    const env: NodeJS.ProcessEnv = {};
    leaveACoreToTheMainThread(env, 2);
    expect(env.UV_THREADPOOL_SIZE).toBe("1");
    const mine: NodeJS.ProcessEnv = { UV_THREADPOOL_SIZE: "16" };
    leaveACoreToTheMainThread(mine, 2);
    expect(mine.UV_THREADPOOL_SIZE).toBe("16");
    const off: NodeJS.ProcessEnv = { MIGRATOR_SPEEDUPS: "off" };
    leaveACoreToTheMainThread(off, 2);
    expect(off.UV_THREADPOOL_SIZE).toBeUndefined();
  });

  it("set before the pool starts, bounds how many pool tasks run at once", () => {
    // the first task costs 64 times the others: with one thread the rest wait behind it, with four they pass it
    const probe = `
      process.env.UV_THREADPOOL_SIZE = process.argv[1];
      const { scrypt } = require("node:crypto");
      const finished = [];
      for (let i = 0; i < 6; i++) {
        scrypt("p", "s", 64, { N: i === 0 ? 1 << 16 : 1 << 10, maxmem: 256 * 1024 * 1024 }, () => {
          finished.push(i);
          if (finished.length === 6) console.log(JSON.stringify(finished));
        });
      }
    `;
    const order = (size: string): number[] => JSON.parse(spawnSync(process.execPath, ["-e", probe, size], { encoding: "utf8" }).stdout) as number[];
    expect(order("1")).toEqual([0, 1, 2, 3, 4, 5]);
    expect(order("4")[0]).not.toBe(0);
  });
});

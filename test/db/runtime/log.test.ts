/**
 * `migrator log`: the applied steps from the log table, newest first, with
 * who ran them; `-n` keeps the newest N; nothing recorded yet says so.
 */
import { describe, expect, it } from "vitest";
import { log } from "../../../src/commands/log";
import { upgrade } from "../../../src/commands/upgrade";
import { downgrade } from "../../../src/commands/downgrade";
import { runCli } from "../../helpers/cli";
import { backendsUnderTest, withDatabase } from "../../helpers/databases";
import { makeProject } from "./project";

describe.each(backendsUnderTest())("log on $name", (backend) => {
  it("lists the steps newest first, with direction, times and user", async () => {
    await withDatabase(backend, async ({ executor }) => {
      const project = makeProject("offline-data", { embedded: "unused" });
      expect(await log(project.config, { executor })).toEqual({ steps: [] });
      await upgrade(project.config, { target: "head", executor });
      await downgrade(project.config, { target: "-1", executor });
      const { steps } = await log(project.config, { executor });
      expect(steps.map((s) => [s.direction, s.revision])).toEqual([
        ["down", "3c0300000000"],
        ["up", "3c0300000000"],
        ["up", "3b0200000000"],
        ["up", "3a0100000000"],
      ]);
      for (const step of steps) {
        expect(step.finishedAt).not.toBeNull();
        expect(Date.parse(step.finishedAt as string)).toBeGreaterThanOrEqual(Date.parse(step.startedAt));
        expect(step.user.length).toBeGreaterThan(0);
      }
      expect((await log(project.config, { executor, limit: 2 })).steps).toEqual(steps.slice(0, 2));
    });
  });
});

describe("log through the CLI", () => {
  it("says when nothing is recorded, and refuses a limit that is not a number", async () => {
    const project = makeProject("offline-data", { embedded: ".migrator/db" });
    expect(await runCli(["log"], project.dir)).toEqual({ code: 0, stdout: "no step recorded yet\n", stderr: "embedded: .migrator/db\n" });
    const bad = await runCli(["log", "-n", "ten"], project.dir);
    expect(bad).toEqual({ code: 2, stdout: "", stderr: 'error: -n must be a non-negative number, got "ten"\nhint: e.g. -n 5000\n' });
  });
});

import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// `npm run test:reliability`: the slow fault-injection trials, kept out of `npm test`
// (the base config's test options, its include replaced rather than merged).
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/reliability/**/*.reliability.ts"], testTimeout: 30 * 60_000 },
});

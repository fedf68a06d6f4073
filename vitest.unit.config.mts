import { defineConfig } from "vitest/config";
import base from "./vitest.config.mts";

// `npm run test:unit`: the tests that need no database server (test/unit), without the
// global setup that probes for one and prepares PGlite templates for test/db.
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/unit/**/*.test.ts"], globalSetup: [] },
});

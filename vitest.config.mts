import { availableParallelism } from "node:os";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// esbuild (vitest's default transform) emits no decorator metadata, and TypeORM
// infers column types from `design:type`: test entities go through swc instead.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: "es2022",
      },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // much of a test's time is spent waiting on PostgreSQL or a child process:
    // two files at a time even on two cores (vitest's default there is one) takes the suite from ~8 to ~5.5 minutes
    maxWorkers: Math.max(2, availableParallelism() - 1),
    globalSetup: ["test/helpers/global-setup.ts"],
    setupFiles: ["test/helpers/setup-dialect-parts.ts", "test/helpers/setup-embedded.ts", "test/helpers/setup-fast-check.ts"],
  },
});

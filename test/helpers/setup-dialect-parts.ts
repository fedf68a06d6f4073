// Both dialects' parts registered before any test runs (src/dialect/lazy-dialect.ts):
// a Dialect object would otherwise `require` its parts.ts, which Node cannot
// load from the TypeScript sources vitest runs.
import "../../src/dialect/postgres/parts";
import "../../src/dialect/mysql/parts";

// Tests run many CLI commands in-process on one embedded database: keep each
// open between commands instead of reopening it (1-2 s each time).
import { afterAll } from "vitest";
import { closeKeptEmbedded, keepEmbeddedOpen } from "../../src/dialect/postgres/connection/embedded";

keepEmbeddedOpen(true);
afterAll(() => closeKeptEmbedded());

// The server's admin URL reaches tests through inject("serverUrl"). Left in the
// environment, DATABASE_URL (set by .ci/run) would be the fallback database of
// every test project that names none: commands would write into the admin
// database, shared by all tests. A test that wants it sets it itself.
delete process.env.DATABASE_URL;

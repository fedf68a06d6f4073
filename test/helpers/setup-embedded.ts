// Tests run many CLI commands in-process on one embedded database: keep each
// open between commands instead of reopening it (1-2 s each time).
import { afterAll } from "vitest";
import { closeKeptEmbedded, keepEmbeddedOpen } from "../../src/db/embedded";

keepEmbeddedOpen(true);
afterAll(() => closeKeptEmbedded());

/** migrator's own version, written to the log table with each step. */
import { readFileSync } from "node:fs";
import { join } from "node:path";

function readVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
    if (typeof pkg === "object" && pkg !== null && "version" in pkg && typeof pkg.version === "string") return pkg.version;
  } catch {
    // a bundled copy without package.json: the log still works, the version is just unknown
  }
  return "unknown";
}

export const MIGRATOR_VERSION = readVersion();

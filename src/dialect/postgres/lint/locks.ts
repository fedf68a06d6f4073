/** PostgreSQL's table lock modes that DDL takes, and what each stops (the conflict table of the "Explicit Locking" chapter). */
import type { LintAction, LockBlocks } from "../../lint";
import type { QualifiedName } from "../../../model/types";

export type LockMode = "ACCESS EXCLUSIVE" | "EXCLUSIVE" | "SHARE ROW EXCLUSIVE" | "SHARE" | "SHARE UPDATE EXCLUSIVE" | "ROW EXCLUSIVE";

const BLOCKS: Readonly<Record<LockMode, LockBlocks>> = {
  "ACCESS EXCLUSIVE": "reads-and-writes",
  EXCLUSIVE: "writes",
  "SHARE ROW EXCLUSIVE": "writes",
  SHARE: "writes",
  "SHARE UPDATE EXCLUSIVE": "schema-changes",
  "ROW EXCLUSIVE": "schema-changes",
};

/** Strongest first, for picking one mode out of several subcommands. */
const ORDER: readonly LockMode[] = ["ACCESS EXCLUSIVE", "EXCLUSIVE", "SHARE ROW EXCLUSIVE", "SHARE", "SHARE UPDATE EXCLUSIVE", "ROW EXCLUSIVE"];

export function lockOn(table: QualifiedName, mode: LockMode): LintAction {
  return { kind: "lock", lock: { table, mode, blocks: BLOCKS[mode] } };
}

export function strongest(modes: readonly LockMode[]): LockMode | undefined {
  return ORDER.find((mode) => modes.includes(mode));
}

/** LOCK TABLE's numeric modes (lockdefs.h). */
export function lockModeNumbered(mode: number | undefined): LockMode | undefined {
  switch (mode) {
    case 8:
      return "ACCESS EXCLUSIVE";
    case 7:
      return "EXCLUSIVE";
    case 6:
      return "SHARE ROW EXCLUSIVE";
    case 5:
      return "SHARE";
    case 4:
      return "SHARE UPDATE EXCLUSIVE";
    case 3:
      return "ROW EXCLUSIVE";
    default:
      return undefined;
  }
}

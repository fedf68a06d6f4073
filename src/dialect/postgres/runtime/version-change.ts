/**
 * One version-row change as SQL. Written once for both ways a value gets in:
 * as a bind parameter (stamp, offline output) or as a literal (a step's
 * bookkeeping, which travels in a multi-statement message that cannot carry
 * parameters).
 */
import type { VersionRowChange } from "../../runtime";

export function versionChangeSql(version: string, change: VersionRowChange, value: (value: string) => string): string {
  switch (change.kind) {
    case "insert":
      return `INSERT INTO ${version} (version_num) VALUES (${value(change.revision)})`;
    case "delete":
      return `DELETE FROM ${version} WHERE version_num = ${value(change.revision)}`;
    case "update":
      return `UPDATE ${version} SET version_num = ${value(change.to)} WHERE version_num = ${value(change.from)}`;
  }
}

/** One version-row change as SQL: with `?` parameters (stamp, offline output) or literals (a step's bookkeeping). */
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

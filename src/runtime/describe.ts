/** Version-row changes in words, for messages. */
import type { VersionRowChange } from "../revisions/version-rows";

export function describeVersionChange(change: VersionRowChange): string {
  switch (change.kind) {
    case "insert":
      return `insert ${change.revision}`;
    case "delete":
      return `delete ${change.revision}`;
    case "update":
      return `update ${change.from} -> ${change.to}`;
  }
}

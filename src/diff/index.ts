export { diff } from "./diff";
export { RenameHintError } from "./errors";
export type { DiffOptions, DiffResult } from "./types";

export { diff } from "./diff";
export { opTable } from "./op-table";
export { RenameHintError } from "./errors";
export type { DiffOptions, DiffResult } from "./types";

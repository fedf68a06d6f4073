export { diff } from "./diff";
export { onlinePhases, type OnlineOptions, type OnlinePhases } from "./online";
export { RenameHintError } from "./errors";
export type { DiffOptions, DiffResult } from "./types";

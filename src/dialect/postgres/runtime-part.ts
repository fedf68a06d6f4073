import type { DialectRuntime } from "../runtime";

export const postgresRuntime: DialectRuntime = Object.freeze({});

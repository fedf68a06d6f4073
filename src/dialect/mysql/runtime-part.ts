import type { DialectRuntime } from "../runtime";
import { notBuilt } from "./not-built";

export const mysqlRuntime: DialectRuntime = notBuilt<DialectRuntime>("runtime");

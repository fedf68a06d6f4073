import type { DialectLint } from "../lint";
import { notBuilt } from "./not-built";

export const mysqlLint: DialectLint = notBuilt<DialectLint>("lint");

import type { DialectQuoting } from "../quoting";
import { notBuilt } from "./not-built";

export const mysqlQuoting: DialectQuoting = notBuilt<DialectQuoting>("quoting");

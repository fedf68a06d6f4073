import type { DialectTypes } from "../types";
import { notBuilt } from "./not-built";

export const mysqlTypes: DialectTypes = notBuilt<DialectTypes>("types");

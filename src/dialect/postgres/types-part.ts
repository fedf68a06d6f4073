import type { DialectTypes } from "../types";

export const postgresTypes: DialectTypes = Object.freeze({});

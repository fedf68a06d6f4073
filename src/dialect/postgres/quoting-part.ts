import type { DialectQuoting } from "../quoting";
import { requalify } from "./requalify";
import { qualified, quoteIdent, quoteLiteral, renderLiteral } from "./quote";

export const postgresQuoting: DialectQuoting = Object.freeze({ ident: quoteIdent, qualified, literal: quoteLiteral, value: renderLiteral, requalify });

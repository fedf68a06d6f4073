import type { DialectQuoting } from "../quoting";
import { qualified, quoteIdent, quoteLiteral, renderLiteral } from "./quote";

export const mysqlQuoting: DialectQuoting = Object.freeze({ ident: quoteIdent, qualified, literal: quoteLiteral, value: renderLiteral });

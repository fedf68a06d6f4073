/**
 * DROP INDEX, keeping the foreign keys served. MySQL refuses to drop the only
 * index a foreign key can use; and when an index was added that starts with
 * a key's columns, it dropped the index it had made for the key. So the drop
 * adds back, in the same statement, an index named after each foreign key that
 * the dropped index served alone: the table is then as it was before that
 * index was created. Decided from the catalog when the statement runs, as is
 * whether it can assert ALGORITHM=INPLACE (not on a table without a primary key).
 */
import type { QualifiedName } from "../../../model/types";
import type { Statement } from "../../statement";
import { qualified, quoteIdent, quoteLiteral } from "../quote";
import { IN_PLACE } from "./online";
import { preparedFrom, textPiece } from "./prepared";
import { tableFilter } from "./schema-name";

const QUOTED_COLUMN = "CONCAT('`', REPLACE(COLUMN_NAME, '`', '``'), '`')";

export function dropIndex(table: QualifiedName, name: string): Statement[] {
  const keys =
    `SELECT CONSTRAINT_NAME AS name, GROUP_CONCAT(${QUOTED_COLUMN} ORDER BY ORDINAL_POSITION SEPARATOR ', ') AS cols ` +
    `FROM information_schema.KEY_COLUMN_USAGE WHERE ${tableFilter(table)} AND REFERENCED_TABLE_NAME IS NOT NULL GROUP BY CONSTRAINT_NAME`;
  const indexes =
    `SELECT INDEX_NAME AS name, GROUP_CONCAT(${QUOTED_COLUMN} ORDER BY SEQ_IN_INDEX SEPARATOR ', ') AS cols ` +
    `FROM information_schema.STATISTICS WHERE ${tableFilter(table)} GROUP BY INDEX_NAME`;
  const starts = (index: string): string => `LEFT(CONCAT(${index}.cols, ', '), LENGTH(k.cols) + 2) = CONCAT(k.cols, ', ')`;
  const dropped = quoteLiteral(name);
  const readd =
    `SELECT GROUP_CONCAT(CONCAT(', ADD INDEX \`', REPLACE(k.name, '\`', '\`\`'), '\` (', k.cols, ')') SEPARATOR '') FROM (${keys}) k ` +
    `WHERE EXISTS (SELECT 1 FROM (${indexes}) d WHERE d.name = ${dropped} AND ${starts("d")}) ` +
    `AND NOT EXISTS (SELECT 1 FROM (${indexes}) o WHERE o.name <> ${dropped} AND ${starts("o")})`;
  const drop = `ALTER TABLE ${qualified(table)} DROP INDEX ${quoteIdent(name)}`;
  // without a primary key InnoDB clusters on the first UNIQUE NOT NULL index, which it can only drop by a copy
  const inPlace = `IF(EXISTS (SELECT 1 FROM information_schema.STATISTICS WHERE ${tableFilter(table)} AND INDEX_NAME = 'PRIMARY'), ${textPiece(IN_PLACE)}, '')`;
  return preparedFrom(`CONCAT(${textPiece(drop)}, IFNULL((${readd}), ''), ${inPlace})`);
}

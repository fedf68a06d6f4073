/**
 * The online clauses an ALTER TABLE asserts. MySQL already picks the
 * fastest algorithm and the weakest lock a change allows; writing them turns
 * "silently copies the table under a lock" into an error instead. So a
 * clause is written only where every supported server (MySQL 5.7+, MariaDB
 * 10.2+) runs that change that way whatever the table holds: index builds
 * and drops in place without blocking writes, default changes instantly.
 * Changes whose way depends on the table (ADD COLUMN is instant unless the
 * table has a FULLTEXT index, a type change is in place only within the same
 * storage length, a foreign key only with foreign_key_checks off...) are left
 * plain: the server still picks the best way it has.
 */

/** Built beside reads and writes (secondary btree/hash indexes, their drops and renames, dropping a foreign key). */
export const IN_PLACE = ", ALGORITHM=INPLACE, LOCK=NONE";
/** A change to the table's metadata only (SET/DROP DEFAULT). */
export const INSTANT = ", ALGORITHM=INSTANT";

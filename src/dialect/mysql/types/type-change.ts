/**
 * MySQL has no USING clause: MODIFY COLUMN converts every value by the
 * server's own rules (strict mode rejects what does not fit, otherwise it is
 * cut or zeroed). So a type change never needs one; which changes lose data
 * is isWidening's to say (widening.ts), and the op factory marks the rest.
 */
import { MigratorError } from "../../../errors";
import type { IsEnum } from "../../../model/dialect-types";

export function needsUsing(_from: string, _to: string, _isEnum: IsEnum): boolean {
  return false;
}

export function usingCast(column: string, from: string, to: string, _isEnum: IsEnum): string {
  throw new MigratorError(`MySQL has no USING clause to convert ${column} from ${from} to ${to}`, {
    hint: "convert the values with an UPDATE (op.execute) before or after the type change",
  });
}

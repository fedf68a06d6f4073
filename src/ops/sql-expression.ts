/**
 * SQL written by a revision, kept apart from values: `op.sql\`coalesce(${x}, 0)\``
 * is the text around its parameters, never one string with `x` pasted in.
 * The dialect numbers the parameters ($1, $2, ...) where the expression lands,
 * or writes them as escaped literals offline.
 */
import { MigratorError } from "../errors";

/** The text pieces around the parameters: `text.length === params.length + 1`. */
export interface SqlExpression {
  readonly text: readonly string[];
  readonly params: readonly unknown[];
}

/**
 * What `op.sql` returns: marked as SQL by its class, so an object value (a
 * jsonb document) is never taken for an expression, nor an expression for a value.
 */
export class SqlFragment implements SqlExpression {
  readonly text: readonly string[];
  readonly params: readonly unknown[];

  constructor(text: readonly string[], params: readonly unknown[]) {
    this.text = Object.freeze([...text]);
    this.params = Object.freeze([...params]);
    Object.freeze(this);
  }
}

/**
 * The `op.sql` tag: interpolated values become parameters, an interpolated
 * fragment is inlined as SQL (so expressions compose).
 */
export function sqlTag(strings: TemplateStringsArray, ...values: readonly unknown[]): SqlFragment {
  const text: string[] = [strings[0] ?? ""];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    const after = strings[i + 1] ?? "";
    if (value instanceof SqlFragment) {
      text[text.length - 1] += value.text[0] ?? "";
      for (let j = 0; j < value.params.length; j += 1) {
        params.push(value.params[j]);
        text.push(value.text[j + 1] ?? "");
      }
      text[text.length - 1] += after;
      return;
    }
    params.push(value);
    text.push(after);
  });
  return new SqlFragment(text, params);
}

/** A condition given as op.sql or as SQL text (as createCheckConstraint's expression is). */
export function asSqlExpression(value: SqlExpression | string, what: string): SqlExpression {
  if (typeof value === "string") {
    if (value.trim() === "") throw new MigratorError(`${what} is empty`);
    return Object.freeze({ text: Object.freeze([value]), params: Object.freeze([]) });
  }
  if (value instanceof SqlFragment) return Object.freeze({ text: value.text, params: value.params });
  throw new MigratorError(`${what} must be SQL text or op.sql\`...\`, got ${typeof value}`);
}

/** The expression's text with its parameters numbered by `placeholder` (which records each value). */
export function renderSqlExpression(expression: SqlExpression, placeholder: (value: unknown) => string): string {
  let out = expression.text[0] ?? "";
  expression.params.forEach((value, i) => {
    out += placeholder(value) + (expression.text[i + 1] ?? "");
  });
  return out;
}

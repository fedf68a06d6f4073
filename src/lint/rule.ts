/** The rule interface is defined with the dialect's lint part (src/dialect/lint.ts): a dialect's rules implement it without importing src/lint. */
export type { Hit, Rule, RuleContext } from "../dialect/lint";

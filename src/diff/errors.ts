import { UsageError } from "../errors";

/** A rename hint that does not match a dropped+added pair in the comparison. */
export class RenameHintError extends UsageError {}

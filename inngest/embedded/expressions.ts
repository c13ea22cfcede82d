import { evaluate } from "@marcbachmann/cel-js";

/**
 * CEL, as Inngest uses it for trigger `if`, waitForEvent `if`/`match`, cancelOn and keys.
 * An expression that fails to evaluate (missing field, type mismatch) is false, not a crash.
 */
export function matches(expression: string | undefined | null, context: Record<string, unknown>): boolean {
  if (!expression) return true;
  try {
    return evaluate(expression, context) === true;
  } catch {
    return false;
  }
}

/** A key expression's value as a string (concurrency keys, idempotency keys); null if it fails. */
export function keyOf(expression: string | undefined | null, context: Record<string, unknown>): string | null {
  if (!expression) return null;
  try {
    return JSON.stringify(evaluate(expression, context));
  } catch {
    return null;
  }
}

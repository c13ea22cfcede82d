import { parse, type ParseResult } from "@marcbachmann/cel-js";

/** Parsed expressions, by source: triggers, waits and keys repeat the same few expressions. */
const compiled = new Map<string, ParseResult>();

function run(expression: string, context: Record<string, unknown>): unknown {
  let program = compiled.get(expression);
  if (!program) {
    program = parse(expression);
    if (compiled.size > 5_000) compiled.clear();
    compiled.set(expression, program);
  }
  return program(context);
}

/**
 * CEL, as Inngest uses it for trigger `if`, waitForEvent `if`/`match`, cancelOn and keys.
 * An expression that fails to evaluate (missing field, type mismatch) is false, not a crash.
 */
export function matches(expression: string | undefined | null, context: Record<string, unknown>): boolean {
  if (!expression) return true;
  try {
    return run(expression, context) === true;
  } catch {
    return false;
  }
}

/** A key expression's value as a string (concurrency keys, idempotency keys); null if it fails. */
export function keyOf(expression: string | undefined | null, context: Record<string, unknown>): string | null {
  if (!expression) return null;
  try {
    // CEL integers come back as bigint, which JSON cannot write: key `1` and `1.0` alike.
    return JSON.stringify(run(expression, context), (_k, v: unknown) => (typeof v === "bigint" ? Number(v) : v));
  } catch {
    return null;
  }
}

import { TRPCClientError } from "@trpc/client";
import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

/**
 * Puts a server's field errors (zod or AppError) on the form's fields. Returns the general
 * message to show above the form, or null when the fields already say it all.
 */
export function applyServerErrors<T extends FieldValues>(error: unknown, setError: UseFormSetError<T>, fallback: string): string | null {
  if (!(error instanceof TRPCClientError)) return fallback;
  const fieldErrors = Object.entries((error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {});
  for (const [field, messages] of fieldErrors) {
    if (messages[0]) setError(field as Path<T>, { type: "server", message: messages[0] });
  }
  return fieldErrors.length > 0 ? null : error.message || fallback;
}

/** A server's field errors by field (zod or AppError), for forms kept in plain state. */
export function serverFieldErrors(error: unknown): Record<string, string[]> {
  if (!(error instanceof TRPCClientError)) return {};
  return (error.data as { fieldErrors?: Record<string, string[]> | null } | undefined)?.fieldErrors ?? {};
}

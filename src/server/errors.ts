/**
 * The one application error. Domain code throws AppError; tRPC (src/server/api/trpc.ts)
 * and REST handlers convert it in one place each.
 */
export const appErrorStatus = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  /** The database (or another dependency) is unreachable for now: retry after a few seconds. */
  UNAVAILABLE: 503,
} as const;

export type AppErrorCode = keyof typeof appErrorStatus;
/** Field-level messages, keyed by form field name, shown next to the field in the UI. */
export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly fieldErrors?: FieldErrors,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }

  get status(): number {
    return appErrorStatus[this.code];
  }

  static notFound(what = "Recurso") {
    return new AppError("NOT_FOUND", `${what} no encontrado`);
  }

  static field(field: string, message: string, code: AppErrorCode = "BAD_REQUEST") {
    return new AppError(code, message, { [field]: [message] });
  }
}

/** All of a form's problems at once, each on its field: throws when there is any. */
export function throwIfFieldErrors(errors: FieldErrors): void {
  if (Object.keys(errors).length > 0) throw new AppError("BAD_REQUEST", "Revisá los campos marcados", errors);
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/**
 * The tRPC core: context, transformer, error shape, and the procedure ladder
 * public → authed → tenant member → writer → admin. AppError becomes TRPCError here and
 * only here.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { DB_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "@/server/db/availability";
import { AppError, type AppErrorCode, type FieldErrors } from "@/server/errors";
import { serverText } from "@/server/i18n/server-text";
import { DEFAULT_LOCALE } from "@/i18n/config";
import { resolveMembership } from "@/server/tenants/memberships";
import { scopeForMembership } from "@/server/clients/access";
import { ADMIN_ROLES, WRITER_ROLES } from "@/lib/roles";
import type { TenantScope } from "@/server/tenants/scope";
import type { Context } from "./context";

const trpcCode: Record<AppErrorCode, TRPCError["code"]> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNPROCESSABLE: "UNPROCESSABLE_CONTENT",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  INTERNAL: "INTERNAL_SERVER_ERROR",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

function fieldErrorsOf(cause: unknown): FieldErrors | null {
  if (cause instanceof ZodError) return z.flattenError(cause).fieldErrors as FieldErrors;
  if (cause instanceof AppError && cause.fieldErrors) return cause.fieldErrors;
  return null;
}

/** The generic message of an input that failed validation; the fields say what. */
const CHECK_FIELDS = "Revisá los campos marcados";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error, ctx }) {
    const isZod = error.cause instanceof ZodError;
    return {
      ...shape,
      message: serverText(isZod ? CHECK_FIELDS : shape.message, ctx?.locale ?? DEFAULT_LOCALE),
      data: { ...shape.data, stack: undefined, fieldErrors: fieldErrorsOf(error.cause) },
    };
  },
});

/**
 * Converts the one application error into tRPC's, keeping field errors for forms; an
 * unreachable database becomes 503 (the HTTP handler adds Retry-After). Messages and field
 * errors (AppError's and zod's) are written in the reader's locale (src/i18n/server-text.ts).
 */
const errorConversion = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  const tr = (text: string) => serverText(text, ctx.locale ?? DEFAULT_LOCALE);
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    const fieldErrors = cause.fieldErrors && Object.fromEntries(Object.entries(cause.fieldErrors).map(([k, v]) => [k, v.map(tr)]));
    const translated = new AppError(cause.code, tr(cause.message), fieldErrors, { cause: cause.cause });
    throw new TRPCError({ code: trpcCode[cause.code], message: translated.message, cause: translated });
  }
  if (!result.ok && result.error.cause instanceof ZodError) {
    for (const issue of result.error.cause.issues) (issue as { message: string }).message = tr(issue.message);
  }
  if (!result.ok && isDatabaseUnavailable(result.error.cause)) {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: DB_UNAVAILABLE_MESSAGE, cause: result.error.cause });
  }
  return result;
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(errorConversion);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Iniciá sesión para continuar");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Not a member of the requested tenant → NOT_FOUND: other tenants do not exist for you. */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const membership = await resolveMembership(ctx.user.id, ctx.requestedTenantId);
  if (!membership) throw AppError.notFound("Organización");
  const scope: TenantScope = await scopeForMembership(membership, ctx.user.id);
  return next({ ctx: { ...ctx, scope } });
});

export const writerProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (!WRITER_ROLES.includes(ctx.scope.role)) throw new AppError("FORBIDDEN", "Tu rol solo permite consultar");
  return next();
});

export const adminProcedure = tenantProcedure.use(({ ctx, next }) => {
  if (!ADMIN_ROLES.includes(ctx.scope.role)) throw new AppError("FORBIDDEN", "Solo administradores pueden hacer esto");
  return next();
});

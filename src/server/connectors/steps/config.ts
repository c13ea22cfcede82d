/**
 * The extra steps a connector may declare around its PUSH and PULL calls, stored as JSON on the
 * connector and validated here (at save time and again when read). Every string called an
 * "expression" is JSONata, evaluated with `$params` (the connector's parameters), `$session`
 * (the login step's token), `$secrets` (the auth secret as `password`, plus extra secrets),
 * `$username` and `$md5`.
 */
import { z } from "zod";

const expression = z.string().max(20_000);

/** One extra call. `path` is fixed (under the base URL); `query` and `body` are expressions over the step's input. */
export const stepRequestSchema = z.object({
  method: z.enum(["GET", "POST"]),
  path: z.string().max(2000),
  query: expression.optional(),
  body: expression.optional(),
  /** JSONata predicate on the answer's body: false means the ERP refused (a 200 with an error). */
  successPath: expression.optional(),
  /** JSONata expression for the ERP's error message when refused. */
  errorPath: expression.optional(),
});
export type StepRequest = z.infer<typeof stepRequestSchema>;

/** A login call whose token is `$session` in expressions and, optionally, a header on every call. */
export const loginStepSchema = z.object({
  request: stepRequestSchema,
  tokenPath: expression.min(1),
  header: z.string().max(100).optional(),
  headerPrefix: z.string().max(50).optional(),
});
export type LoginStep = z.infer<typeof loginStepSchema>;

/** `idPath` is evaluated on the answer with `$doc` (the mapping input) bound, to re-check what matched. */
const idCall = stepRequestSchema.extend({ idPath: expression.min(1) });
export type IdCall = z.infer<typeof idCall>;

/**
 * The ERP's supplier id (`proveedor.externalId`): synced suppliers by CUIT first, then `lookup`,
 * then `create` (present only when the preset allows creating suppliers), else the export fails.
 */
export const supplierResolutionSchema = z.object({
  lookup: idCall.optional(),
  create: idCall.optional(),
});
export type SupplierResolution = z.infer<typeof supplierResolutionSchema>;

/** Before create: a call that lists by number; an id found means the invoice is already in the ERP. */
export const duplicateCheckSchema = idCall;
export type DuplicateCheck = IdCall;

export function parseStep<T>(schema: z.ZodType<T>, value: unknown, what: string): T | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`La configuración «${what}» del conector no es válida: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  return parsed.data;
}

/**
 * Field mappings: JSONata (https://docs.jsonata.org), evaluated against a document (PUSH) or an
 * external record (PULL). A mapping is written in one of two forms (README.md in this folder):
 *
 * 1. A JSON object of field → JSONata expression. Values that are objects nest; every string
 *    value is an expression, so a fixed text is written with single quotes inside:
 *      { "numero": "numero", "importe": "total", "origen": "'contaflow'",
 *        "proveedor": { "cuit": "proveedor.cuit" } }
 *    Fields whose expression yields nothing are left out.
 * 2. Any other text is ONE JSONata expression whose result is the body:
 *      { "numero": numero, "lineas": items.{ "desc": descripcion, "neto": cantidad * precio } }
 *
 * An empty mapping sends the document as it is. The text is parsed once when the connector is
 * saved (syntax errors come back with their position) and evaluated with a time and depth limit.
 */
import "server-only";
import jsonata from "jsonata";

/** Limits for one evaluation: a mapping is configuration, not a program. */
const EVAL_OPTIONS = { timeout: 1000, stack: 300, sequence: 100_000 } as const;
const MAX_FIELDS = 500;

export type MappingIssue = { message: string; field?: string; position?: number };

type CompiledNode = { kind: "expr"; expr: jsonata.Expression; source: string } | { kind: "object"; fields: [string, CompiledNode][] };

export class MappingError extends Error {
  constructor(readonly issue: MappingIssue) {
    super(issue.message);
    this.name = "MappingError";
  }
}

interface JsonataFailure {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
  value?: unknown;
}

/** JSONata's own messages are English; the common ones get an es-AR sentence, the rest keep the detail. */
function describeFailure(e: JsonataFailure): string {
  switch (e.code) {
    case "D1012":
      return `La expresión tardó más de ${EVAL_OPTIONS.timeout} ms (¿una recursión infinita?)`;
    case "D1011":
      return "La expresión se anida demasiado (¿una recursión infinita?)";
    case "D2015":
      return "La expresión produce demasiados elementos";
    case "T2001":
    case "T2002":
      return `Una operación aritmética recibió algo que no es un número (${e.message ?? e.code})`;
    default:
      return e.message ?? String(e);
  }
}

function syntaxIssue(source: string, e: JsonataFailure, field?: string): MappingIssue {
  const where = typeof e.position === "number" ? ` en la posición ${e.position}` : "";
  const near = e.token ? ` (cerca de «${String(e.token)}»)` : "";
  const prefix = field ? `Campo «${field}»: error` : "Error";
  return { message: `${prefix} de sintaxis${where}${near}: ${e.message ?? e.code ?? "expresión inválida"}`, field, position: e.position };
}

function compileExpression(source: string, field?: string): CompiledNode {
  try {
    return { kind: "expr", expr: jsonata(source, EVAL_OPTIONS), source };
  } catch (e) {
    throw new MappingError(syntaxIssue(source, e as JsonataFailure, field));
  }
}

function compileObject(obj: Record<string, unknown>, prefix: string, count: { n: number }): CompiledNode {
  const fields: [string, CompiledNode][] = [];
  for (const [key, value] of Object.entries(obj)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (++count.n > MAX_FIELDS) throw new MappingError({ message: `El mapeo tiene más de ${MAX_FIELDS} campos` });
    if (typeof value === "string") {
      if (!value.trim()) throw new MappingError({ message: `Campo «${field}»: la expresión está vacía`, field });
      fields.push([key, compileExpression(value, field)]);
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      fields.push([key, compileObject(value as Record<string, unknown>, field, count)]);
    } else {
      throw new MappingError({ message: `Campo «${field}»: el valor tiene que ser una expresión entre comillas (ej.: "total") o un objeto`, field });
    }
  }
  return { kind: "object", fields };
}

/** Whether the text is the JSON-object form (a JSON object), not a single expression. */
function asJsonObject(text: string): Record<string, unknown> | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Named values an expression sees as `$name` (`$params`, `$session`, `$secrets`, `$md5`). */
export type Bindings = Record<string, unknown>;

export interface CompiledMapping {
  /** "identity" (empty mapping), "object" (field → expression) or "expression". */
  form: "identity" | "object" | "expression";
  evaluate(input: unknown, bindings?: Bindings): Promise<unknown>;
}

async function evaluateNode(node: CompiledNode, input: unknown, field?: string, bindings?: Bindings): Promise<unknown> {
  if (node.kind === "expr") {
    try {
      return normalize(await node.expr.evaluate(input, bindings));
    } catch (e) {
      const f = e as JsonataFailure;
      const message = `${field ? `Campo «${field}»: ` : ""}${describeFailure(f)}`;
      throw new MappingError({ message, field, position: f.position });
    }
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of node.fields) {
    const value = await evaluateNode(child, input, field ? `${field}.${key}` : key, bindings);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** JSONata sequences are arrays with extra flags; functions cannot be sent. Plain JSON out. */
function normalize(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  return JSON.parse(JSON.stringify(value)) as unknown;
}

/** Parses a mapping; throws MappingError (with the syntax error's position) when it is invalid. */
export function compileMapping(text: string): CompiledMapping {
  if (!text.trim()) return { form: "identity", evaluate: async (input) => normalize(input) };
  const obj = asJsonObject(text);
  const root = obj ? compileObject(obj, "", { n: 0 }) : compileExpression(text);
  return { form: obj ? "object" : "expression", evaluate: (input, bindings) => evaluateNode(root, input, undefined, bindings) };
}

/** Validation at save time: null when the mapping parses, else its issue. */
export function mappingIssue(text: string): MappingIssue | null {
  try {
    compileMapping(text);
    return null;
  } catch (e) {
    if (e instanceof MappingError) return e.issue;
    throw e;
  }
}

/** A single expression (record path, id field, cursor path): validated like a mapping in expression form. */
export function expressionIssue(text: string): MappingIssue | null {
  if (!text.trim()) return null;
  try {
    compileExpression(text);
    return null;
  } catch (e) {
    if (e instanceof MappingError) return e.issue;
    throw e;
  }
}

/** Evaluates one expression (e.g. the response id path) against a value; undefined when empty or no match. */
export async function evaluateExpression(text: string, input: unknown, bindings?: Bindings): Promise<unknown> {
  if (!text.trim()) return undefined;
  const node = compileExpression(text);
  return evaluateNode(node, input, undefined, bindings);
}

export type MappingPreview = { ok: true; output: unknown; form: CompiledMapping["form"] } | { ok: false; message: string; field?: string; position?: number };

/** The "vista previa": evaluates a mapping against a sample document typed as JSON. */
export async function previewMapping(mapping: string, sampleText: string): Promise<MappingPreview> {
  let sample: unknown;
  try {
    sample = JSON.parse(sampleText);
  } catch (e) {
    return { ok: false, message: `El documento de ejemplo no es JSON válido: ${(e as Error).message}` };
  }
  try {
    const compiled = compileMapping(mapping);
    return { ok: true, output: await compiled.evaluate(sample), form: compiled.form };
  } catch (e) {
    if (e instanceof MappingError) return { ok: false, ...e.issue };
    throw e;
  }
}

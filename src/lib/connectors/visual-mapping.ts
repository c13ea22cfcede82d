/**
 * The visual field mapper: rows of «target path ← document field | connector parameter | constant
 * | JSONata expression», compiled to the JSON-object JSONata mapping the connector stores today
 * (src/server/connectors/mapping.ts), so the push path does not change. The reverse (stored text →
 * rows) works for any JSON-object mapping: plain field paths, `$params.<key>` and literals become
 * their own rows, any other expression (a preset's per-rate lines…) an expression row kept
 * verbatim. Only a whole-body JSONata expression stays in the advanced mode, with the reason.
 * Client-safe: the form uses it while typing.
 */
import jsonata from "jsonata";

/** What a PUSH mapping sees (src/server/exports/mapping-input.ts), with the tax breakdown. */
export const DOCUMENT_FIELDS = [
  "documentoId",
  "version",
  "tipo",
  "tipoCodigo",
  "letra",
  "numero",
  "puntoVenta",
  "numeroComprobante",
  "fecha",
  "moneda",
  "cotizacion",
  "neto",
  "iva",
  "ivaDetalle",
  "noGravado",
  "exento",
  "percepcionesIva",
  "percepcionesIibb",
  "percepcionesIibbTotal",
  "impuestosInternos",
  "otrosTributos",
  "otrosImpuestos",
  "total",
  "proveedor.cuit",
  "proveedor.cuitDigitos",
  "proveedor.razonSocial",
  "proveedor.externalId",
  "receptor.cuit",
  "receptor.nombre",
  "cae",
  "caeVencimiento",
  "archivo",
] as const;
export type DocumentField = (typeof DOCUMENT_FIELDS)[number];

export type MapperSource =
  | { kind: "field"; field: string }
  | { kind: "constant"; value: string | number | boolean }
  /** A connector parameter (the ids a preset asks for): `$params.<key>`. */
  | { kind: "param"; key: string }
  /** Any other JSONata expression, kept as written. */
  | { kind: "expression"; expression: string };
export interface MapperRow {
  target: string;
  source: MapperSource;
}
export interface RowIssue {
  row: number;
  message: string;
}

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELDS: ReadonlySet<string> = new Set(DOCUMENT_FIELDS);

/** JSONata literal: 'text' (JSON escapes inside), or "text" when it contains a single quote. */
function literal(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  const escaped = JSON.stringify(value);
  return value.includes("'") ? escaped : `'${escaped.slice(1, -1)}'`;
}

/** Why a JSONata expression of an expression row cannot be used (null when it compiles). */
function expressionProblem(expr: string): string | null {
  if (!expr.trim()) return "Escribí la expresión JSONata (ej.: $string(total))";
  try {
    jsonata(expr);
    return null;
  } catch (e) {
    const err = e as { message?: string; position?: number };
    return `Expresión inválida${typeof err.position === "number" ? ` (posición ${err.position})` : ""}: ${err.message ?? String(e)}`;
  }
}

function sourceText(source: MapperSource): string {
  switch (source.kind) {
    case "field":
      return source.field;
    case "constant":
      return literal(source.value);
    case "param":
      return `$params.${source.key}`;
    case "expression":
      return source.expression;
  }
}

/** Problems of each row, by row index (empty when the rows compile). */
export function visualIssues(rows: MapperRow[]): RowIssue[] {
  const issues: RowIssue[] = [];
  const leaves = new Map<string, number>();
  rows.forEach((r, i) => {
    const target = r.target.trim();
    if (!target) return issues.push({ row: i, message: "Indicá el campo de destino (ej.: proveedor.cuit)" });
    const bad = target.split(".").find((s) => !SEGMENT.test(s));
    if (bad !== undefined) return issues.push({ row: i, message: `Destino «${target}» inválido: cada parte separada por «.» empieza con letra o _ y lleva solo letras, números y _ («${bad}» no cumple)` });
    for (const [other, j] of leaves) {
      if (other === target) return issues.push({ row: i, message: `El destino «${target}» ya está en la fila ${j + 1}` });
      if (other.startsWith(`${target}.`) || target.startsWith(`${other}.`)) return issues.push({ row: i, message: `El destino «${target}» choca con «${other}» (fila ${j + 1}): uno no puede ser valor y objeto a la vez` });
    }
    leaves.set(target, i);
    if (r.source.kind === "field" && !FIELDS.has(r.source.field)) issues.push({ row: i, message: `Campo del documento desconocido: «${r.source.field}»` });
    if (r.source.kind === "constant" && typeof r.source.value === "number" && !Number.isFinite(r.source.value)) issues.push({ row: i, message: "El valor fijo no es un número válido" });
    if (r.source.kind === "param" && !SEGMENT.test(r.source.key)) issues.push({ row: i, message: `Parámetro del conector inválido: «${r.source.key}»` });
    if (r.source.kind === "expression") {
      const problem = expressionProblem(r.source.expression);
      if (problem) issues.push({ row: i, message: problem });
    }
  });
  return issues;
}

/** The stored mapping text of valid rows ("" for no rows: the document is sent as it is). */
export function compileVisual(rows: MapperRow[]): { ok: true; text: string } | { ok: false; issues: RowIssue[] } {
  const issues = visualIssues(rows);
  if (issues.length) return { ok: false, issues };
  if (rows.length === 0) return { ok: true, text: "" };
  const out: Record<string, unknown> = {};
  for (const r of rows) {
    const parts = r.target.trim().split(".");
    let node = out;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts.at(-1)!] = sourceText(r.source);
  }
  return { ok: true, text: JSON.stringify(out, null, 2) };
}

interface AstNode {
  type: string;
  value?: unknown;
  steps?: AstNode[];
  stages?: unknown[];
  predicate?: unknown[];
  expression?: AstNode;
}

/** A field path, a connector parameter or a literal, read from the JSONata syntax tree; any other text is an expression row. */
function sourceOf(expr: string): MapperSource {
  const expression: MapperSource = { kind: "expression", expression: expr };
  let ast: AstNode;
  try {
    ast = jsonata(expr).ast() as AstNode;
  } catch {
    return expression;
  }
  if (ast.type === "string" && typeof ast.value === "string") return { kind: "constant", value: ast.value };
  if (ast.type === "number" && typeof ast.value === "number") return { kind: "constant", value: ast.value };
  if (ast.type === "unary" && ast.value === "-" && ast.expression?.type === "number") return { kind: "constant", value: -Number(ast.expression.value) };
  if (ast.type === "value" && typeof ast.value === "boolean") return { kind: "constant", value: ast.value };
  if (ast.type === "path" && ast.steps?.every((st) => st.type === "name" && !st.stages && !st.predicate)) {
    const field = ast.steps.map((st) => String(st.value)).join(".");
    return FIELDS.has(field) ? { kind: "field", field } : expression;
  }
  const [head, key, ...rest] = ast.type === "path" ? (ast.steps ?? []) : [];
  if (head?.type === "variable" && head.value === "params" && key?.type === "name" && !key.stages && !key.predicate && rest.length === 0 && SEGMENT.test(String(key.value))) {
    return { kind: "param", key: String(key.value) };
  }
  return expression;
}

/** Rows of a stored mapping, or why the visual editor cannot show it (it then stays in JSONata mode). */
export function visualFromMapping(text: string): { ok: true; rows: MapperRow[] } | { ok: false; reason: string } {
  if (!text.trim()) return { ok: true, rows: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: "El mapeo es una expresión JSONata completa, no un objeto campo → valor" };
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, reason: "El mapeo es una expresión JSONata completa, no un objeto campo → valor" };
  const rows: MapperRow[] = [];
  const walk = (obj: Record<string, unknown>, prefix: string): string | null => {
    for (const [key, value] of Object.entries(obj)) {
      const target = prefix ? `${prefix}.${key}` : key;
      if (!SEGMENT.test(key)) return `El destino «${target}» no se puede escribir en el editor visual`;
      if (value && typeof value === "object" && !Array.isArray(value)) {
        const why = walk(value as Record<string, unknown>, target);
        if (why) return why;
        continue;
      }
      if (typeof value !== "string") return `El campo «${target}» tiene el valor ${JSON.stringify(value)}, que no es una expresión: en el mapeo cada valor va como texto (un número fijo es "12")`;
      rows.push({ target, source: sourceOf(value) });
    }
    return null;
  };
  const why = walk(parsed as Record<string, unknown>, "");
  return why ? { ok: false, reason: why } : { ok: true, rows };
}

/** The row a mapping evaluation error points at (MappingIssue.field is the target path). */
export function rowOfTarget(rows: MapperRow[], field: string | undefined): number {
  if (!field) return -1;
  return rows.findIndex((r) => r.target.trim() === field || field.startsWith(`${r.target.trim()}.`));
}

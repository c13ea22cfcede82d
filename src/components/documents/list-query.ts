/** The document list's filters, sort and page as URL search params (bookmarkable; Back restores them). */
import { REVIEW_FILTERS, type ReviewFilter } from "@/lib/documents/review";
import { DOCUMENT_SORT_FIELDS, DOCUMENT_STATUSES, type DocumentSortField, type DocumentStatusName, type ListDocumentsInput } from "@/lib/schemas/documents";

/** `cliente`: the client selector (a client's CUIT, the `cliente` param shared with Exportar and the panel). */
export type Filters = { estado: string; from: string; to: string; supplier: string; tipo: string; exported: string; cliente: string };
export const EMPTY_FILTERS: Filters = { estado: "", from: "", to: "", supplier: "", tipo: "", exported: "", cliente: "" };
export type ListState = { filters: Filters; sort: DocumentSortField; dir: "asc" | "desc"; page: number };

const isIn = <T extends string>(list: readonly T[], v: string | null): v is T => v !== null && (list as readonly string[]).includes(v);
const day = (v: string | null) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : "");

/** One "Estado" select holds either a processing status or a review filter (their names do not overlap). */
export function fromSearchParams(p: URLSearchParams): ListState {
  const estado = p.get("review") ?? p.get("status");
  const sort = p.get("sort");
  const page = Number(p.get("page"));
  return {
    filters: {
      estado: isIn(REVIEW_FILTERS, estado) || isIn(DOCUMENT_STATUSES, estado) ? estado : "",
      from: day(p.get("from")),
      to: day(p.get("to")),
      supplier: p.get("supplier") ?? "",
      tipo: p.get("tipo") ?? "",
      exported: p.get("exported") === "si" || p.get("exported") === "no" ? p.get("exported")! : "",
      cliente: /^\d{11}$/.test(p.get("cliente") ?? "") ? p.get("cliente")! : "",
    },
    sort: isIn(DOCUMENT_SORT_FIELDS, sort) ? sort : "createdAt",
    dir: p.get("dir") === "asc" ? "asc" : "desc",
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function toSearchParams(s: ListState): URLSearchParams {
  const p = new URLSearchParams();
  const f = s.filters;
  if (isIn(REVIEW_FILTERS, f.estado)) p.set("review", f.estado);
  else if (f.estado) p.set("status", f.estado);
  for (const k of ["from", "to", "supplier", "tipo", "exported", "cliente"] as const) if (f[k].trim()) p.set(k, f[k].trim());
  if (s.sort !== "createdAt") p.set("sort", s.sort);
  if (s.dir !== "desc") p.set("dir", s.dir);
  if (s.page > 1) p.set("page", String(s.page));
  return p;
}

/** The tRPC list input (without page for "siguiente"). */
export function toListInput(s: ListState, pageSize: number): ListDocumentsInput {
  const f = s.filters;
  return {
    ...(isIn(DOCUMENT_STATUSES, f.estado) ? { status: f.estado as DocumentStatusName } : {}),
    ...(isIn(REVIEW_FILTERS, f.estado) ? { review: f.estado as ReviewFilter } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
    ...(f.supplier.trim() ? { supplier: f.supplier.trim() } : {}),
    ...(f.tipo ? { tipo: f.tipo } : {}),
    ...(f.exported ? { exported: f.exported === "si" } : {}),
    ...(f.cliente ? { cliente: f.cliente } : {}),
    sort: s.sort,
    dir: s.dir,
    page: s.page,
    pageSize,
  };
}

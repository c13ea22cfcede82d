/**
 * "Antes de generar": everything that blocks the Libro IVA of a client's month, each with the
 * document and the field to fix on the review page. Only REVIEWED documents go in the file, so a
 * document not yet read, failed or not reviewed blocks; so does any document that would break a
 * record (records.ts). The summary shows what the file would hold.
 */
import "server-only";
import type { Document } from "@/generated/prisma/client";
import { visibleClient } from "@/server/clients/access";
import { ALL_COMPROBANTES, comprobanteByCode } from "@/server/parsing/comprobantes";
import type { TenantScope } from "@/server/tenants/scope";
import { buildBook, type LibroBook } from "./book";
import type { LibroIssue } from "./records";
import { loadMonth, loadUnplaced, type Unplaced } from "./load";

export type PreflightIssue = LibroIssue & { label: string };

const numberLabel = (d: Document) => (d.puntoVenta != null && d.numero != null ? `${String(d.puntoVenta).padStart(5, "0")}-${String(d.numero).padStart(8, "0")}` : null);
/** "Factura A" as ARCA names it (by code, else by type), not the stored FACTURA_A. */
const tipoLabel = (d: Document) =>
  d.tipoCodigo != null ? comprobanteByCode(d.tipoCodigo).label : d.tipo ? (ALL_COMPROBANTES.find((c) => c.tipo === d.tipo)?.label ?? d.tipo.replace(/_/g, " ")) : null;
export const documentLabel = (d: Document) => [d.proveedorRazonSocial ?? d.fileName, tipoLabel(d), numberLabel(d)].filter(Boolean).join(" · ");

const STILL_READING = "Todavía se está leyendo";

/** Documents that are not (yet) REVIEWED, as blockers. */
function reviewBlockers(docs: Document[]): LibroIssue[] {
  return docs.flatMap((d): LibroIssue[] => {
    if (d.reviewStatus === "REVIEWED") return [];
    if (d.status === "FAILED") return [{ documentId: d.id, code: "NOT_REVIEWED", field: null, message: "La lectura falló: reprocesalo o cargá los datos a mano y marcalo como revisado" }];
    if (d.status !== "COMPLETED") return [{ documentId: d.id, code: "NOT_REVIEWED", field: null, message: STILL_READING }];
    return [{ documentId: d.id, code: "NOT_REVIEWED", field: null, message: "Falta marcarlo como revisado" }];
  });
}

/** A document not read yet has no receptor CUIT nor date: say that, not what to fill in. */
const unplacedMessage = (d: Document, message: string) => (d.status === "PENDING" || d.status === "PROCESSING" ? STILL_READING : message);

/**
 * Documents of the month with no receptor CUIT (load.ts `loadUnattributed`): they belong to no
 * client, so they block every client's month until the receptor CUIT is filled in on the review
 * page (or the document is discarded) — the book must not silently miss a purchase.
 */
function unattributedBlockers(docs: Document[]): LibroIssue[] {
  return docs.map((d) => ({ documentId: d.id, code: "NO_CLIENT", field: "receptorCuit", message: unplacedMessage(d, "Sin CUIT del receptor: no es de ningún cliente y podría faltar en este libro. Cargá el CUIT del receptor o descartalo") }));
}

/** The client's documents with no date (load.ts `loadUndated`): each blocks every month until dated. */
function undatedBlockers(docs: Document[]): LibroIssue[] {
  return docs.map((d) => ({ documentId: d.id, code: "NO_DATE", field: "fecha", message: unplacedMessage(d, "Sin fecha: no se sabe de qué mes es y podría faltar en este libro. Cargá la fecha o descartalo") }));
}

/**
 * A member limited to some clients cannot see documents without a receptor CUIT: instead of
 * them, one blocker that says how many there are (no label, no link).
 */
export function forMember<I extends LibroIssue>(scope: Pick<TenantScope, "clientCuits">, issues: I[]): (I | PreflightIssue)[] {
  if (!scope.clientCuits) return issues;
  const hidden = issues.filter((i) => i.code === "NO_CLIENT").length;
  const rest = issues.filter((i) => i.code !== "NO_CLIENT");
  if (!hidden) return rest;
  return [...rest, { documentId: "", code: "NO_CLIENT", field: null, label: "", message: `Hay ${hidden} comprobantes sin CUIT del receptor (de este mes o sin fecha) que no podés ver: pedile a un administrador que les cargue el CUIT del receptor` }];
}

export type LibroCheck = { book: LibroBook; blockers: PreflightIssue[]; warnings: PreflightIssue[]; documents: number };

/**
 * Builds the month (every document, so all problems show at once) and lists its blockers,
 * first the documents that could be missing from it (`unplaced`: each blocks).
 */
export function checkMonth(docs: Document[], unplaced: Unplaced = { unattributed: [], undated: [] }): LibroCheck {
  const book = buildBook(docs.filter((d) => d.status === "COMPLETED"));
  const byId = new Map([...docs, ...unplaced.unattributed, ...unplaced.undated].map((d) => [d.id, d]));
  const label = (i: LibroIssue): PreflightIssue => ({ ...i, label: documentLabel(byId.get(i.documentId)!) });
  const blockers = [...unattributedBlockers(unplaced.unattributed), ...undatedBlockers(unplaced.undated), ...reviewBlockers(docs), ...book.blockers].map(label);
  return { book, blockers, warnings: book.warnings.map(label), documents: docs.length };
}

export async function libroPreflight(scope: TenantScope, input: { clientId: string; period: string }) {
  const client = await visibleClient(scope, input.clientId);
  const docs = await loadMonth(scope, client.cuit, input.period);
  const { book, blockers: all, warnings, documents } = checkMonth(docs, await loadUnplaced(scope, client.cuit, input.period));
  const blockers = forMember(scope, all);
  return { client: { id: client.id, cuit: client.cuit, razonSocial: client.razonSocial }, period: input.period, documents, ready: blockers.length === 0 && documents > 0, blockers, warnings, summary: book.summary };
}

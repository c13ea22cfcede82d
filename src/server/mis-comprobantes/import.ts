import "server-only";
import type { AfipMatchState, Prisma } from "@/generated/prisma/client";
import { WRITER_ROLES } from "@/lib/roles";
import { db } from "@/server/db/client";
import { refreshReview } from "@/server/documents/review/refresh";
import { AppError } from "@/server/errors";
import { isValidCuit } from "@/lib/cuit";
import { canSeeReceptor, documentWhere } from "@/server/clients/access";
import { scoped, type TenantScope } from "@/server/tenants/scope";
import { formatCuit, formatMoney, formatPeriod } from "./format";
import { parseMisComprobantes } from "./parse";
import { reconcile, type Diff, type DocForMatch, type Line } from "./reconcile";

export const PERIOD_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
/** States that put a review reason on the document. */
const FLAGGED: AfipMatchState[] = ["UNKNOWN", "DIFFERENT", "TYPE_MISMATCH"];

export type ImportInput = { bytes: Uint8Array; fileName: string; receptorCuit: string; period: string };

const DIFF_LABEL: Record<string, string> = { total: "total", iva: "IVA", fecha: "fecha", moneda: "moneda", cotizacion: "cotización", receptorCuit: "CUIT del receptor", tipoCodigo: "tipo de comprobante" };
const show = (d: Diff, v: Diff["afip"]) => (v == null ? "—" : typeof v === "number" && !["cotizacion", "tipoCodigo"].includes(d.field) ? formatMoney(v) : String(v));

/** The Spanish note a document carries (its review reason). */
function noteFor(line: Line, receptorCuit: string, period: string): string | null {
  const where = `Mis Comprobantes de ARCA (CUIT ${formatCuit(receptorCuit)}, ${formatPeriod(period)})`;
  if (line.state === "UNKNOWN") return `No figura en ${where}: puede ser apócrifo, en papel o tener datos mal cargados (CUIT, tipo, punto de venta o número).`;
  if (line.state === "DIFFERENT" || line.state === "TYPE_MISMATCH" || line.state === "ROUNDING") {
    const parts = line.diffs.map((d) => `${DIFF_LABEL[d.field] ?? d.field}: ARCA ${show(d, d.afip)}, documento ${show(d, d.document)}`);
    return `Difiere de ${where} — ${parts.join("; ")}.`;
  }
  return null;
}

const num = (v: Prisma.Decimal | null) => (v == null ? null : Number(v));

/**
 * Imports a «Mis Comprobantes Recibidos» file for a receptor CUIT and a month (CONTADOR and above):
 * parses it (every layout), reconciles it with the tenant's documents, keeps the import and its
 * lines, and marks each document it saw (a review reason when it is not in ARCA or differs). All
 * in one transaction: a failed import leaves nothing behind.
 */
export async function importMisComprobantes(scope: TenantScope, input: ImportInput) {
  if (!WRITER_ROLES.includes(scope.role)) throw new AppError("FORBIDDEN", "Solo un contador o un administrador puede importar Mis Comprobantes");
  const receptorCuit = input.receptorCuit.replace(/\D/g, "");
  if (!isValidCuit(receptorCuit)) throw AppError.field("receptorCuit", "Elegí la CUIT del cliente (receptor): la que llegó no es válida");
  if (!canSeeReceptor(scope, receptorCuit)) throw new AppError("FORBIDDEN", "Tu usuario no tiene acceso a ese cliente");
  if (!PERIOD_RE.test(input.period)) throw AppError.field("period", "Elegí el mes (AAAA-MM)");
  const parsed = await parseMisComprobantes(input.bytes, input.fileName);
  if (parsed.titleCuit && parsed.titleCuit !== receptorCuit) {
    throw AppError.field("file", `El archivo es de la CUIT ${formatCuit(parsed.titleCuit)} y elegiste ${formatCuit(receptorCuit)}: elegí el cliente correcto o subí su archivo`, "UNPROCESSABLE");
  }
  const otherReceptor = parsed.rows.find((r) => r.receptorCuit && r.receptorCuit !== receptorCuit);
  if (otherReceptor) {
    throw AppError.field("file", `La fila ${otherReceptor.fileRow} es de la CUIT receptora ${formatCuit(otherReceptor.receptorCuit!)} y elegiste ${formatCuit(receptorCuit)}: el archivo es de otro cliente`, "UNPROCESSABLE");
  }
  if (!parsed.rows.some((r) => r.fecha.startsWith(`${input.period}-`))) {
    const months = [...new Set(parsed.rows.map((r) => formatPeriod(r.fecha.slice(0, 7))))].slice(0, 4).join(", ");
    throw AppError.field("period", `El archivo no tiene comprobantes de ${formatPeriod(input.period)} (tiene de ${months}): elegí el mes del archivo`, "UNPROCESSABLE");
  }

  const [y, m] = input.period.split("-").map(Number) as [number, number];
  const from = new Date(Date.UTC(y, m - 1, 1));
  const to = new Date(Date.UTC(y, m, 1));
  const emisores = [...new Set(parsed.rows.map((r) => r.emisorCuit))];
  const rows = await db().document.findMany({
    where: documentWhere(scope, {
      discardedAt: null,
      status: "COMPLETED" as const,
      OR: [{ receptorCuit, fecha: { gte: from, lt: to } }, { proveedorCuit: { in: emisores }, numero: { in: [...new Set(parsed.rows.map((r) => BigInt(r.numeroDesde)))] } }],
    }),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const docs: DocForMatch[] = rows.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    tipoCodigo: r.tipoCodigo,
    puntoVenta: r.puntoVenta,
    numero: r.numero == null ? null : Number(r.numero),
    proveedorCuit: r.proveedorCuit,
    proveedorRazonSocial: r.proveedorRazonSocial,
    receptorCuit: r.receptorCuit,
    fecha: r.fecha ? r.fecha.toISOString().slice(0, 10) : null,
    total: num(r.total),
    iva: Array.isArray(r.iva) ? (r.iva as DocForMatch["iva"]) : null,
    moneda: r.moneda,
    cotizacion: num(r.cotizacion),
  }));
  const versions = new Map(rows.map((r) => [r.id, { version: r.version, afipState: r.afipState }]));
  const result = reconcile(parsed.rows, docs, receptorCuit, input.period);
  const count = (...states: AfipMatchState[]) => result.lines.filter((l) => states.includes(l.state)).length;

  return db().$transaction(
    async (tx) => {
      const previous = await tx.misComprobantesImport.findMany({ where: scoped(scope, { receptorCuit, period: input.period }), select: { id: true } });
      const created = await tx.misComprobantesImport.create({
        data: {
          tenantId: scope.tenantId,
          uploadedById: scope.userId,
          receptorCuit,
          period: input.period,
          fileName: input.fileName.slice(0, 200),
          layout: parsed.layout,
          format: parsed.format,
          afipRows: parsed.rows.length - result.outsideRows,
          outsideRows: result.outsideRows,
          matched: count("MATCHED"),
          differences: count("ROUNDING", "DIFFERENT", "TYPE_MISMATCH"),
          missing: count("MISSING"),
          unknown: count("UNKNOWN"),
          notes: result.notes.slice(0, 50),
        },
      });
      await tx.misComprobantesLine.createMany({
        data: result.lines.map((l) => ({
          tenantId: scope.tenantId,
          importId: created.id,
          state: l.state,
          documentId: l.doc?.id ?? null,
          fileRow: l.afip?.fileRow ?? null,
          emisorCuit: l.afip?.emisorCuit ?? l.doc?.proveedorCuit ?? null,
          emisorNombre: l.afip?.emisorNombre || l.doc?.proveedorRazonSocial || null,
          tipoCodigo: l.afip?.tipoCodigo ?? l.doc?.tipoCodigo ?? null,
          puntoVenta: l.afip?.puntoVenta ?? l.doc?.puntoVenta ?? null,
          numero: l.afip ? BigInt(l.afip.numeroDesde) : l.doc?.numero != null ? BigInt(l.doc.numero) : null,
          fecha: l.afip ? new Date(l.afip.fecha) : l.doc?.fecha ? new Date(l.doc.fecha) : null,
          cae: l.afip?.cae ?? null,
          moneda: l.afip?.moneda ?? l.doc?.moneda ?? null,
          afipTotal: l.afip ? l.afip.total / 100 : null,
          docTotal: l.doc?.total ?? null,
          diffs: l.diffs as unknown as Prisma.InputJsonValue,
        })),
      });
      // Each document seen carries this import's verdict; those a previous import of the month flagged and this one no longer sees lose it
      const seen = new Set<string>();
      for (const l of result.lines) {
        if (!l.doc) continue;
        seen.add(l.doc.id);
        const before = versions.get(l.doc.id)!;
        await tx.document.update({
          where: scoped(scope, { id: l.doc.id }),
          data: { afipState: l.state, afipImportId: created.id, afipNote: noteFor(l, receptorCuit, input.period), afipCheckedVersion: before.version },
        });
        if (FLAGGED.includes(l.state) || (before.afipState && FLAGGED.includes(before.afipState))) await refreshReview(tx, scope, l.doc.id, "edit");
      }
      if (previous.length) {
        const stale = await tx.document.findMany({ where: scoped(scope, { afipImportId: { in: previous.map((p) => p.id) }, id: { notIn: [...seen] } }), select: { id: true } });
        for (const d of stale) {
          await tx.document.update({ where: scoped(scope, { id: d.id }), data: { afipState: null, afipImportId: null, afipNote: null, afipCheckedVersion: null } });
          await refreshReview(tx, scope, d.id, "edit");
        }
      }
      return { id: created.id, layout: parsed.layout, layoutName: parsed.layoutName };
    },
    { timeout: 120_000 },
  );
}

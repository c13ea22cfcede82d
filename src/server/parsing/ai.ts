import "server-only";
import { z } from "zod";
import type { FieldMetaMap, InvoiceFields } from "@/lib/documents/fields";
import type { AiProvider } from "@/server/ai/provider";
import { comprobanteByCode } from "./comprobantes";
import { isValidCuit } from "@/lib/cuit";
import { parseDate, round2 } from "./formats";
import { PARSE_LIMITS } from "./limits";
import type { StageResult } from "./stage";

const aiReply = z.object({
  tipoCodigo: z.number().int().nullable().optional(),
  puntoVenta: z.number().int().nullable().optional(),
  numero: z.number().int().nullable().optional(),
  fecha: z.string().nullable().optional(),
  proveedorCuit: z.string().nullable().optional(),
  proveedorRazonSocial: z.string().nullable().optional(),
  receptorCuit: z.string().nullable().optional(),
  receptorNombre: z.string().nullable().optional(),
  neto: z.number().nullable().optional(),
  total: z.number().nullable().optional(),
  moneda: z.string().nullable().optional(),
  cae: z.string().nullable().optional(),
});

const SYSTEM = `Sos un asistente que extrae datos de facturas argentinas (AFIP/ARCA). Respondé SOLO un objeto JSON con las claves:
tipoCodigo (código AFIP del comprobante: 1 Factura A, 6 Factura B, 11 Factura C, 3 Nota de Crédito A, etc.), puntoVenta (entero),
numero (entero), fecha (AAAA-MM-DD), proveedorCuit (11 dígitos, el EMISOR), proveedorRazonSocial, receptorCuit, receptorNombre,
neto, total (números con punto decimal), moneda ("PES", "DOL", "060"), cae (14 dígitos). Usá null cuando un dato no figura.`;

/** Optional AI fallback over the text (≤ 0.6 confidence; validators applied to every value). */
export async function extractWithAi(provider: AiProvider, text: string): Promise<StageResult | null> {
  if (!provider || !text.trim()) return null;
  const reply = await Promise.race([
    provider.completeJson({ system: SYSTEM, user: text.slice(0, 12_000), schema: aiReply, maxTokens: 600 }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("La IA tardó demasiado")), PARSE_LIMITS.timeouts.ai)),
  ]);
  const fields: Partial<InvoiceFields> = {};
  const meta: FieldMetaMap = {};
  const put = <K extends keyof InvoiceFields>(k: K, v: InvoiceFields[K] | null | undefined, ok = true) => {
    if (v == null || !ok) return;
    fields[k] = v;
    meta[k] = { source: "AI", confidence: 0.6 };
  };
  if (reply.tipoCodigo && reply.tipoCodigo > 0 && reply.tipoCodigo < 1000) {
    put("tipoCodigo", reply.tipoCodigo);
    put("tipo", comprobanteByCode(reply.tipoCodigo).tipo);
  }
  put("puntoVenta", reply.puntoVenta, reply.puntoVenta != null && reply.puntoVenta >= 0 && reply.puntoVenta <= 99999);
  put("numero", reply.numero, reply.numero != null && reply.numero >= 0 && reply.numero <= 99_999_999);
  put("fecha", parseDate(reply.fecha ?? null));
  const pc = reply.proveedorCuit?.replace(/\D/g, "") ?? null;
  put("proveedorCuit", pc, isValidCuit(pc));
  const rc = reply.receptorCuit?.replace(/\D/g, "") ?? null;
  put("receptorCuit", rc, isValidCuit(rc));
  put("proveedorRazonSocial", reply.proveedorRazonSocial?.trim() || null);
  put("receptorNombre", reply.receptorNombre?.trim() || null);
  put("neto", reply.neto != null ? round2(reply.neto) : null);
  put("total", reply.total != null ? round2(reply.total) : null);
  put("moneda", reply.moneda?.toUpperCase() ?? null, !!reply.moneda && /^[A-Z0-9]{3}$/i.test(reply.moneda));
  put("cae", reply.cae?.replace(/\D/g, "") ?? null, !!reply.cae && /^\d{14}$/.test(reply.cae.replace(/\D/g, "")));
  if (!Object.keys(fields).length) return null;
  return { fields, meta, notes: ["Datos completados con IA (revisar)"] };
}

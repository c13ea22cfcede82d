/**
 * Before a push through a preset whose ERP makes the total from the IVA lines (Alegra, Xubio,
 * Odoo): would the ERP record this document as it is? Refused, before any call and with the
 * reason: a credit note where the mapping only makes invoices; a document not in pesos (those
 * mappings send pesos); an IVA rate without its id in «Datos de tu cuenta»; a total that the
 * lines the mapping sends (base + IVA per rate) do not make, naming the amounts left out. Never
 * recorded with another total. A mapping the admin changed is theirs to vouch for: not checked.
 */
import "server-only";
import type { ApiConnector } from "@/generated/prisma/client";
import { presetByKey } from "@/server/connectors/presets";
import { CREDIT_NOTE_CODES } from "@/server/connectors/presets/types";
import type { pushMappingInput } from "./mapping-input";

type MappingInput = Pick<ReturnType<typeof pushMappingInput>, "tipoCodigo" | "moneda" | "cotizacion" | "total" | "ivaDetalle" | "noGravado" | "exento" | "percepcionesIva" | "percepcionesIibbTotal" | "impuestosInternos" | "otrosTributos">;

const CREDIT_NOTES = new Set(JSON.parse(CREDIT_NOTE_CODES) as number[]);
/** Rounding of the printed amounts: a few cents across the lines. */
const TOLERANCE = 0.05;
const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (n: number) => `$ ${n.toLocaleString("es-AR", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const rateLabel = (rate: number) => `${rate.toLocaleString("es-AR")} %`;

/** The reason (a clause: the push says «No se envió: …», /exportar «<ERP> no lo recibiría así: …»), or null. */
export function amountsLeftOut(connector: Pick<ApiConnector, "presetKey" | "pushMapping" | "parameters">, input: MappingInput): string | null {
  const preset = connector.presetKey ? presetByKey(connector.presetKey) : undefined;
  if (!preset?.totalFromIvaLines || connector.pushMapping !== preset.connector.pushMapping) return null;
  const name = preset.name;
  if (!preset.totalFromIvaLines.creditNotes && input.tipoCodigo != null && CREDIT_NOTES.has(input.tipoCodigo)) {
    return `es una nota de crédito y el mapeo de ${name} arma facturas de compra: ${name} la registraría como una factura más, sumando en vez de restar. Cargala a mano en ${name}.`;
  }
  if (input.moneda && input.moneda !== "ARS") {
    const rate = input.cotizacion ? `, cotización ${input.cotizacion.toLocaleString("es-AR", { maximumFractionDigits: 6 })}` : "";
    return `el comprobante está en ${input.moneda}${rate} y el mapeo de ${name} está armado para comprobantes en pesos: ${name} registraría los importes como pesos. Cargalo a mano en ${name}, o agregá la moneda al mapeo del conector.`;
  }
  const byRate = ((connector.parameters ?? {}) as Record<string, unknown>)[preset.totalFromIvaLines.perRateParameter];
  const rateIds = byRate && typeof byRate === "object" ? (byRate as Record<string, unknown>) : {};
  // A line with no IVA (0 %) loses nothing without a tax id; the ERP may still ask for one, visibly.
  const missingRates = [...new Set(input.ivaDetalle.filter((l) => !rateIds[String(l.rate)] && (l.amount ?? 0) !== 0).map((l) => l.rate))];
  if (missingRates.length > 0) {
    return `la alícuota de IVA ${missingRates.map(rateLabel).join(" y ")} no tiene su id de ${name} en «Datos de tu cuenta» del conector, y sin él ${name} registraría la factura sin ese IVA. Completalo y volvé a exportar.`;
  }
  if (input.total == null) return `el comprobante no tiene total, y no se puede comprobar que ${name} registre el mismo importe. Corregí el total en la revisión y volvé a exportar.`;
  const carried = round2(input.ivaDetalle.reduce((sum, l) => sum + (l.base ?? 0) + (l.amount ?? 0), 0));
  const gap = round2(input.total - carried);
  if (Math.abs(gap) <= TOLERANCE) return null;
  const named: [string, number | null][] = [
    ["no gravado", input.noGravado],
    ["exento", input.exento],
    ["percepciones de IVA", input.percepcionesIva],
    ["percepciones de IIBB", input.percepcionesIibbTotal],
    ["impuestos internos", input.impuestosInternos],
    ["otros tributos", input.otrosTributos],
  ];
  const parts = named.filter((p): p is [string, number] => typeof p[1] === "number" && p[1] !== 0);
  const what = parts.length > 0 ? parts.map(([label, amount]) => `${label} ${money(amount)}`).join(", ") : `${money(gap)} fuera del detalle de IVA`;
  return `${name} registraría un total de ${money(carried)} y el comprobante es de ${money(input.total)} (${what}). El mapeo de ${name} arma la factura solo con el neto gravado y el IVA de cada alícuota. Cargalo a mano en ${name}, o agregá esos importes al mapeo del conector.`;
}

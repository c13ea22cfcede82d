/** The review form sends only what a person edited: no phantom corrections. */
import { describe, expect, it } from "vitest";
import { editedFields, fromFormValues, toFormValues } from "@/components/documents/field-values";
import type { InvoiceFields } from "@/lib/documents/fields";

const t = (k: string) => k;
const extracted: InvoiceFields = {
  tipoCodigo: 1, tipo: "FACTURA_A", puntoVenta: 3, numero: 123, fecha: "2026-11-20", proveedorCuit: "30712345671", proveedorRazonSocial: "Proveedor SA",
  receptorCuit: null, receptorNombre: null, neto: 1000, iva: [], otrosImpuestos: null, total: 1000, moneda: "PES", cotizacion: 1, cae: "76123456789012", caeVencimiento: "2026-11-30",
  noGravado: null, exento: null, percepcionesIva: null, percepcionesIibb: null, impuestosInternos: null, otrosTributos: null,
};

describe("editedFields", () => {
  it("an untouched form sends nothing, even with an extracted empty IVA list (which parses back as null)", () => {
    const initial = toFormValues(extracted);
    const { fields } = fromFormValues(initial, t);
    expect(fields.iva).toBeNull();
    expect(editedFields(initial, initial, fields)).toEqual({});
  });

  it("editing one field sends only that field", () => {
    const initial = toFormValues(extracted);
    const current = { ...initial, total: "1.210,50" };
    expect(editedFields(initial, current, fromFormValues(current, t).fields)).toEqual({ total: 1210.5 });
  });

  it("adding an IVA line sends the IVA list; whitespace-only edits send nothing", () => {
    const initial = toFormValues(extracted);
    const current = { ...initial, proveedorRazonSocial: "Proveedor SA  ", iva: [{ rate: "21", base: "1000", amount: "210" }] };
    expect(editedFields(initial, current, fromFormValues(current, t).fields)).toEqual({ iva: [{ rate: 21, base: 1000, amount: 210 }] });
  });
});

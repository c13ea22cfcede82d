/** Name comparison for the directory check, and AFIP's condición IVA from an ERP's spelling. */
import { describe, expect, it } from "vitest";
import { condicionIvaCode, condicionIvaLabel } from "@/lib/suppliers/condicion-iva";
import { normalizeSupplierName, sameSupplierName } from "@/server/suppliers/names";

describe("sameSupplierName", () => {
  it.each([
    ["Distribuidora del Plata S.A.", "DISTRIBUIDORA DEL PLATA SA"],
    ["Ferretería San Martín S.R.L.", "FERRETERIA SAN MARTIN SRL"],
    ["Gómez y Asociados S. A. S.", "Gomez & Asociados"],
    ["Acme Sociedad Anónima", "ACME S.A."],
    ["Servicios Integrales Ñandú S.R.L.", "servicios integrales nandu"],
  ])("«%s» = «%s»", (a, b) => expect(sameSupplierName(a, b)).toBe(true));

  it.each([
    ["Distribuidora del Plata S.A.", "Distribuidora del Sur S.A."],
    ["Logística Pampeana S.A.", "Papelera Córdoba S.A."],
    ["Martínez Ana María", "Martínez Ana"],
  ])("«%s» ≠ «%s»", (a, b) => expect(sameSupplierName(a, b)).toBe(false));

  it("keeps a name that is only a legal form", () => expect(normalizeSupplierName("S.A.")).toBe("sa"));
});

describe("condición frente al IVA", () => {
  it("reads codes, AFIP names and common ERP spellings; unknown text is not guessed", () => {
    expect(condicionIvaCode("1")).toBe("1");
    expect(condicionIvaCode("IVA Responsable Inscripto")).toBe("1");
    expect(condicionIvaCode("RI")).toBe("1");
    expect(condicionIvaCode("Monotributista")).toBe("6");
    expect(condicionIvaCode("IVA Sujeto Exento")).toBe("4");
    expect(condicionIvaCode("Consumidor final")).toBe("5");
    expect(condicionIvaCode("Régimen especial XYZ")).toBeNull();
    expect(condicionIvaLabel("6")).toBe("Responsable Monotributo");
    expect(condicionIvaLabel("Régimen especial XYZ")).toBe("Régimen especial XYZ");
  });
});

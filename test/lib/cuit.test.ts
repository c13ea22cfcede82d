/**
 * The one CUIT module, with the behaviours its callers rely on: parsing and Libro IVA reject a bad
 * check digit, Mis Comprobantes matches CUITs written with or without dashes, the supplier sync
 * (PULL) stores valid CUITs as 11 digits and rejects invalid ones, the AI anomaly rule flags them.
 */
import { describe, expect, it } from "vitest";
import { cuitCheckDigit, cuitDigits, isValidCuit, makeCuit, validCuit } from "@/lib/cuit";

describe("CUIT", () => {
  it("computes AFIP's modulo-11 check digit, with 11 → 0 and 10 → never issued", () => {
    expect(cuitCheckDigit("2012345678")).toBe(6);
    expect(cuitCheckDigit("3071234567")).toBe(1);
    // sum % 11 = 0 → v = 11 → 0
    expect(cuitCheckDigit("2000000006")).toBe(0);
    expect(isValidCuit("20000000060")).toBe(true);
    // sum % 11 = 1 → v = 10: AFIP never issues it
    expect(cuitCheckDigit("2000000001")).toBe(null);
  });

  it("accepts a valid CUIT written any way, as its 11 digits", () => {
    for (const written of ["20123456786", "20-12345678-6", "20.12345678.6", "20 12345678 6", 20123456786]) expect(validCuit(written)).toBe("20123456786");
    expect(isValidCuit("30-71234567-1")).toBe(true);
  });

  it("rejects a wrong check digit, an unknown prefix, other lengths and non-values", () => {
    expect(validCuit("20-12345678-0")).toBeNull();
    expect(isValidCuit("20123456780")).toBe(false);
    // 99 is no CUIT/CUIL prefix, even with a right check digit
    const d = cuitCheckDigit("9912345678");
    expect(d).not.toBeNull();
    expect(isValidCuit(`9912345678${d}`)).toBe(false);
    for (const bad of ["2012345678", "201234567861", "", null, undefined, {}, true]) expect(validCuit(bad)).toBeNull();
    expect(isValidCuit(null)).toBe(false);
  });

  it("cuitDigits keeps any 11 digits without judging them (matching imports), null otherwise", () => {
    expect(cuitDigits("CUIT: 20-12345678-0")).toBe("20123456780");
    expect(cuitDigits(30712345671)).toBe("30712345671");
    expect(cuitDigits("12345")).toBeNull();
    expect(cuitDigits(null)).toBeNull();
  });

  it("makeCuit builds valid CUITs for the corpus and refuses bodies AFIP never issues", () => {
    expect(makeCuit("20", "12345678")).toBe("20123456786");
    expect(isValidCuit(makeCuit("30", "68123456"))).toBe(true);
    expect(makeCuit("20", "00000001")).toBeNull();
  });
});

/** The one formatting module: instants in an explicit zone and locale, amounts, CUITs, comprobante numbers. */
import { describe, expect, it } from "vitest";
import { formatAmount, formatBytes, formatComprobanteNumber, formatCuit, formatDateTime, formatDay, formatInstant, formatLongDate, formatRun, instantFromWallClock, isTimeZone, timeZoneOptions, wallClock, wallClockInput } from "@/lib/format";

const at = new Date("2026-03-05T17:07:09Z");

describe("instants", () => {
  it("are written in the zone given, never the machine's: the same instant reads 14:07 in Buenos Aires and 02:07 next day in Tokyo", () => {
    expect(formatDateTime(at)).toBe("5/3/26, 14:07");
    expect(formatDateTime(at, { timeZone: "Asia/Tokyo" })).toBe("6/3/26, 02:07");
    expect(formatDateTime(at.toISOString(), { locale: "en", timeZone: "Asia/Tokyo" })).toBe("3/6/26, 02:07");
    expect(formatLongDate(at, { timeZone: "Asia/Tokyo" })).toBe("6 de marzo de 2026");
    expect(formatLongDate(at, { locale: "en" })).toBe("March 5, 2026");
    expect(formatRun(at, { timeZone: "Asia/Tokyo" })).toBe("vie, 06/03/2026, 02:07");
  });

  it("datetime-local values are read and written on the organization's wall clock, not the machine's", () => {
    expect(wallClockInput(at)).toBe("2026-03-05T14:07");
    expect(wallClockInput(at, "Asia/Tokyo")).toBe("2026-03-06T02:07");
    expect(instantFromWallClock("2026-03-05T14:07")).toEqual(new Date("2026-03-05T17:07:00Z"));
    expect(instantFromWallClock("2026-03-06T02:07", "Asia/Tokyo")).toEqual(new Date("2026-03-05T17:07:00Z"));
    // Either side of a DST change: Madrid is +01:00 on 28 March and +02:00 on 30 March 2026.
    expect(instantFromWallClock("2026-03-28T12:00", "Europe/Madrid")).toEqual(new Date("2026-03-28T11:00:00Z"));
    expect(instantFromWallClock("2026-03-30T12:00", "Europe/Madrid")).toEqual(new Date("2026-03-30T10:00:00Z"));
    expect(wallClockInput(instantFromWallClock("2026-03-30T12:00", "Europe/Madrid")!, "Europe/Madrid")).toBe("2026-03-30T12:00");
    expect(instantFromWallClock("")).toBeNull();
    expect(instantFromWallClock("ayer")).toBeNull();
  });

  it("formatInstant names the offset and the zone, in the reader's date order", () => {
    expect(formatInstant(at)).toBe("05/03/2026 14:07:09 GMT-03:00 (America/Argentina/Buenos_Aires)");
    expect(formatInstant(at, "Asia/Tokyo", "en")).toBe("03/06/2026 02:07:09 GMT+09:00 (Asia/Tokyo)");
  });

  it("wallClock reads the zone's time in UTC fields, for zone-less cells (Excel)", () => {
    expect(wallClock(at, "Asia/Tokyo").toISOString()).toBe("2026-03-06T02:07:09.000Z");
    expect(wallClock(at).toISOString()).toBe("2026-03-05T14:07:09.000Z");
  });

  it("calendar dates have no zone: the invoice's day is the same everywhere", () => {
    expect(formatDay("2026-03-05")).toBe("05/03/2026");
    expect(formatDay("2026-03-05", "en")).toBe("03/05/2026");
    expect(formatDay(null)).toBe("—");
  });
});

describe("amounts", () => {
  it("use the reader's decimals and show pesos as $ and other currencies by code", () => {
    expect(formatAmount(1234.5)).toBe("$ 1.234,50");
    expect(formatAmount(1234.5, { locale: "en" })).toBe("$ 1,234.50");
    expect(formatAmount(10, { currency: "PES" })).toBe("$ 10,00");
    expect(formatAmount(10, { currency: "DOL", locale: "en" })).toBe("DOL 10.00");
    expect(formatAmount(null)).toBe("—");
    expect(formatBytes(3 * 1024 * 1024 + 200_000, "en")).toBe("3.2 MB");
    expect(formatBytes(3 * 1024 * 1024 + 200_000)).toBe("3,2 MB");
  });
});

describe("AFIP identifiers", () => {
  it("write a CUIT with dashes whatever the input, and leave anything else as given", () => {
    expect(formatCuit("30712345671")).toBe("30-71234567-1");
    expect(formatCuit("30-71234567-1")).toBe("30-71234567-1");
    expect(formatCuit("30 71234567 1")).toBe("30-71234567-1");
    expect(formatCuit("123")).toBe("123");
    expect(formatCuit(null)).toBe("—");
  });

  it("pad comprobante numbers to PPPPP-NNNNNNNN", () => {
    expect(formatComprobanteNumber(1, 123)).toBe("00001-00000123");
    expect(formatComprobanteNumber(3, 45, 4)).toBe("0003-00000045");
    expect(formatComprobanteNumber(null, 1)).toBeNull();
  });
});

describe("time zones", () => {
  it("accept IANA names Intl knows and refuse offsets, abbreviations and inventions", () => {
    for (const z of ["America/Argentina/Buenos_Aires", "America/Argentina/Cordoba", "Asia/Tokyo", "UTC"]) expect(isTimeZone(z), z).toBe(true);
    for (const z of ["-03:00", "ART", "Marte/Olympus", "", "America/"]) expect(isTimeZone(z), z).toBe(false);
    expect(timeZoneOptions()).toEqual(expect.arrayContaining(["America/Argentina/Buenos_Aires", "Asia/Tokyo", "UTC"]));
    expect(timeZoneOptions().every(isTimeZone)).toBe(true);
  });
});

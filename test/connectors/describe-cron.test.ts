/** Human-readable schedules and the cron builder's shapes. */
import { describe, expect, it } from "vitest";
import { cronOfShape, describeCron, parseCronShape } from "@/lib/connectors/describe-cron";

describe("describeCron", () => {
  it.each([
    ["0 8 * * *", "Todos los días a las 8:00", "Every day at 8:00"],
    ["0 9 * * 1", "Cada lunes a las 9:00", "Every Monday at 9:00"],
    ["*/15 * * * *", "Cada 15 minutos", "Every 15 minutes"],
    ["30 7 * * 1-5", "De lunes a viernes a las 7:30", "Monday to Friday at 7:30"],
    ["0 18 * * 1,3,5", "Cada lunes, miércoles y viernes a las 18:00", "Every Monday, Wednesday and Friday at 18:00"],
    ["0 6 1 * *", "El día 1 de cada mes a las 6:00", "On day 1 of every month at 6:00"],
  ])("%s → «%s»", (cron, es, en) => {
    expect(describeCron(cron, "es-AR")).toBe(es);
    expect(describeCron(cron, "en")).toBe(en);
  });

  it("falls back to cronstrue for shapes the builder does not know, and to null for garbage", () => {
    expect(describeCron("0 8 * 1 *", "es-AR")).toBe("A las 08:00, sólo en enero");
    expect(describeCron("no es cron", "es-AR")).toBeNull();
    expect(describeCron("", "es-AR")).toBeNull();
  });
});

describe("cron builder shapes", () => {
  it("round-trips every builder shape", () => {
    for (const cron of ["*/5 * * * *", "0 8 * * *", "15 9 * * 1", "0 8 * * 1-5", "0 18 * * 1,3,5", "0 6 28 * *"]) {
      const shape = parseCronShape(cron);
      expect(shape, cron).not.toBeNull();
      expect(cronOfShape(shape!)).toBe(cron);
    }
  });

  it("leaves to the advanced mode what the builder cannot show", () => {
    for (const cron of ["*/7 * * * *", "0 8 * 1 *", "0 8,20 * * *", "0 8 31 * *", "0 8 1 * 1", "5-10 * * * *"]) expect(parseCronShape(cron), cron).toBeNull();
  });
});

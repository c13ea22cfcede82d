import { describe, expect, it } from "vitest";
import { nextCronFire } from "~/inngest/embedded/cron";

describe("cron schedules", () => {
  it("honours the TZ= prefix (Buenos Aires is UTC−3)", () => {
    const after = new Date("2026-11-23T10:00:00Z");
    expect(nextCronFire("TZ=America/Argentina/Buenos_Aires 0 9 * * 1-5", after)?.toISOString()).toBe("2026-11-23T12:00:00.000Z");
    expect(nextCronFire("0 9 * * 1-5", after)?.toISOString()).toBe("2026-11-24T09:00:00.000Z");
    expect(nextCronFire("CRON_TZ=America/Argentina/Buenos_Aires 0 9 * * 6", after)?.toISOString()).toBe("2026-11-28T12:00:00.000Z");
  });
});

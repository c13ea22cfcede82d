/**
 * Spending windows in the organization's time zone. A "week" is Monday 00:00 to the next
 * Monday 00:00 on the organization's wall clock (so a purchase at 22:00 on a Sunday in
 * Buenos Aires belongs to that Sunday's week, not to Monday's in UTC), and both ends are kept:
 * later weeks never leak into an earlier purchase's figures. Intl only, no date library.
 */
export const DEFAULT_TIMEZONE = "America/Argentina/Buenos_Aires";
const DAY = 86_400_000;

function validZone(tz: string | null | undefined): string {
  if (!tz) return DEFAULT_TIMEZONE;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return DEFAULT_TIMEZONE;
  }
}

/** The wall-clock fields of `at` in `tz`. */
function wallClock(at: Date, tz: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { y: get("year"), m: get("month"), d: get("day"), h: get("hour"), min: get("minute"), s: get("second") };
}

/** Offset of `tz` at instant `t`, in ms (local − UTC). */
function offsetAt(t: number, tz: string): number {
  const w = wallClock(new Date(t), tz);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.min, w.s) - (t - (t % 1000));
}

/** The instant of local midnight of the calendar day (y, m, d) in `tz`. */
function localMidnight(y: number, m: number, d: number, tz: string): Date {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(guess, tz);
  t = guess - offsetAt(t, tz); // second pass settles DST changes between guess and result
  return new Date(t);
}

/** [start, end) of the local week (Monday 00:00 → next Monday 00:00) that contains `at`. */
export function weekWindow(at: Date, timezone?: string | null): { start: Date; end: Date } {
  const tz = validZone(timezone);
  const w = wallClock(at, tz);
  const weekday = (new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay() + 6) % 7; // Monday = 0
  const monday = new Date(Date.UTC(w.y, w.m - 1, w.d - weekday));
  const next = new Date(Date.UTC(w.y, w.m - 1, w.d - weekday + 7));
  return {
    start: localMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), tz),
    end: localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), tz),
  };
}

/** Local midnight `days` calendar days before the day that contains `at`. */
export function daysBefore(at: Date, days: number, timezone?: string | null): Date {
  const tz = validZone(timezone);
  const w = wallClock(at, tz);
  const day = new Date(Date.UTC(w.y, w.m - 1, w.d) - days * DAY);
  return localMidnight(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), tz);
}

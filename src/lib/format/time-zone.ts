/** The organization's time zone: every page, export, e-mail and schedule of a tenant shows instants in it. */
export const DEFAULT_TIME_ZONE = "America/Argentina/Buenos_Aires";

/** An IANA zone name Intl knows ("America/Argentina/Cordoba", "UTC"); offsets and abbreviations are refused. */
export function isTimeZone(tz: string): boolean {
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * The zones offered in the settings select. V8 lists some zones under their legacy alias
 * (America/Buenos_Aires): the Argentine default is added under its IANA name.
 */
export function timeZoneOptions(): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return [...new Set([DEFAULT_TIME_ZONE, "UTC", ...all])].sort();
}

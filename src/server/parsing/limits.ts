/** Limits for untrusted files (overridable by env for ops; tests use the defaults). */
export const PARSE_LIMITS = {
  maxBytes: Number(process.env.PARSE_MAX_BYTES ?? 20 * 1024 * 1024),
  maxPages: Number(process.env.PARSE_MAX_PAGES ?? 30),
  /** Pages looked at for text/QR/OCR (invoices put everything on the first pages). */
  scanPages: 3,
  ocrPages: 2,
  maxImagePixels: 60_000_000,
  timeouts: { inspect: 10_000, qr: 15_000, text: 10_000, render: 20_000, ocrPage: 20_000, ai: 60_000 },
} as const;

export const MAX_TEXT_CHARS = 64 * 1024;

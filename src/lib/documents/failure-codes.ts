/**
 * Why a document FAILED, as a stable code for integrations (public API `errorCode`, webhook
 * document.failed `codigoError`). The parser's internal reasons map onto these; adding a code is
 * an additive change, renaming one is not. The Spanish `error` text stays for people.
 */
export const FAILURE_CODES = [
  "UNREADABLE_FILE",
  "EMPTY_FILE",
  "UNSUPPORTED_FILE",
  "ENCRYPTED_PDF",
  "TOO_LARGE",
  "TOO_MANY_PAGES",
  "OCR_FAILED",
  "TIMEOUT",
  "NOT_AN_INVOICE",
  "INTERNAL_ERROR",
] as const;
export type FailureCode = (typeof FAILURE_CODES)[number];

export const FAILURE_CODE_DESCRIPTIONS: Record<FailureCode, string> = {
  UNREADABLE_FILE: "El archivo está dañado o no se pudo leer.",
  EMPTY_FILE: "El archivo está vacío.",
  UNSUPPORTED_FILE: "El tipo de archivo no se puede procesar.",
  ENCRYPTED_PDF: "El PDF está protegido con contraseña.",
  TOO_LARGE: "El archivo necesita demasiada memoria o es demasiado grande para procesarse.",
  TOO_MANY_PAGES: "El documento tiene más páginas de las que se procesan.",
  OCR_FAILED: "El reconocimiento de texto (OCR) falló.",
  TIMEOUT: "El procesamiento tardó demasiado.",
  NOT_AN_INVOICE: "No se encontraron datos suficientes de un comprobante.",
  INTERNAL_ERROR: "Error interno de Contaflow; reprocesalo más tarde.",
};

const BY_REASON: Record<string, FailureCode> = {
  CORRUPT: "UNREADABLE_FILE",
  EMPTY: "EMPTY_FILE",
  NOT_SUPPORTED: "UNSUPPORTED_FILE",
  ENCRYPTED: "ENCRYPTED_PDF",
  TOO_LARGE: "TOO_LARGE",
  TOO_MANY_PAGES: "TOO_MANY_PAGES",
  OCR_FAILED: "OCR_FAILED",
  TIMEOUT: "TIMEOUT",
  NO_DATA: "NOT_AN_INVOICE",
};

/** The public code of a parser failure reason (unknown reasons are ours: INTERNAL_ERROR). */
export function failureCodeOf(reason: string | null | undefined): FailureCode {
  return (reason && BY_REASON[reason]) || "INTERNAL_ERROR";
}

/** A stored code as the public enum (a code written by an older version reads as INTERNAL_ERROR). */
export function asFailureCode(code: string | null | undefined): FailureCode {
  return (FAILURE_CODES as readonly string[]).includes(code ?? "") ? (code as FailureCode) : "INTERNAL_ERROR";
}

/**
 * Characters that change how stored text is displayed without being visible: C0/C1 controls,
 * bidi marks/embeddings/overrides/isolates (`factura\u202Efdp.exe` shows as "factura" + "exe.pdf"),
 * zero-width characters, line/paragraph separators and the BOM. Stripped from stored names.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

export function stripUnsafeChars(text: string): string {
  return text.replace(UNSAFE, "");
}

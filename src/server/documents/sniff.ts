import "server-only";
import { AppError } from "@/server/errors";

export type SniffedType = { kind: "pdf" | "image"; mimeType: "application/pdf" | "image/jpeg" | "image/png" };

const startsWith = (bytes: Uint8Array, sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** HEIF family brands (iPhone photos): recognised only to explain that we cannot read them. */
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1", "avif"]);

/**
 * What the file is, by its first bytes (the name and the browser's type are only hints).
 * PDF (the header may follow up to 1 KiB of junk, as readers allow), JPEG, PNG; anything else
 * → AppError 400 with a message that says what to do.
 */
export function sniffUpload(bytes: Uint8Array, fileName: string): SniffedType {
  const head = ascii(bytes, 0, Math.min(bytes.length, 1024));
  if (head.includes("%PDF-")) return { kind: "pdf", mimeType: "application/pdf" };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "image", mimeType: "image/jpeg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", mimeType: "image/png" };
  if (bytes.length >= 12 && ascii(bytes, 4, 8) === "ftyp" && HEIF_BRANDS.has(ascii(bytes, 8, 12))) {
    throw AppError.field(
      "file",
      `«${fileName}» es una foto HEIC/HEIF (formato del iPhone), que todavía no podemos leer. Exportala como JPEG (en el iPhone: Ajustes › Cámara › Formatos › «Más compatible») o como PDF y volvé a subirla.`,
    );
  }
  const what = startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])
    ? "un archivo comprimido (ZIP u Office)"
    : startsWith(bytes, [0x47, 0x49, 0x46, 0x38])
      ? "una imagen GIF"
      : /^\s*</.test(head)
        ? "un documento HTML/XML"
        : "un tipo de archivo que no reconocemos";
  throw AppError.field("file", `«${fileName}» no es un PDF ni una imagen JPEG o PNG: parece ${what}. Subí la factura en PDF, JPEG o PNG.`);
}

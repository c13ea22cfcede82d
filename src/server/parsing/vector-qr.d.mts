/** Types of vector-qr.mjs (plain JS: it runs in the parse worker). */
export type UserRect = { x0: number; y0: number; x1: number; y1: number };
export type QrBitmap = { width: number; height: number; data: Uint8ClampedArray; bbox: UserRect };
export function darkRects(ops: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): UserRect[];
export function qrBitmapFromRects(rects: UserRect[]): QrBitmap | null;

/**
 * Fakes for the generic presets: a REST JSON receiver that answers HTTP 200 with
 * `{ ok: false, error: { mensaje } }` when it refuses (the kind of API a success rule is for),
 * a Libro IVA Compras relay that appends `{ values: [[…]] }` rows (the Sheets append shape),
 * and a Tango Delta-style list (brief §7.2): `Get?process=&pageSize=&pageIndex=` with
 * **0-based** pageIndex and records at `resultData.list`.
 */
import { json, startFakeServer, type FakeServer } from "./server";

export interface FakeRestJson extends FakeServer {
  received: Record<string, unknown>[];
}

export async function startFakeRestJson(token: string): Promise<FakeRestJson> {
  const received: Record<string, unknown>[] = [];
  const server = await startFakeServer((req) => {
    if (req.headers.authorization !== `Bearer ${token}`) return json(401, { ok: false, error: { mensaje: "Token inválido" } });
    if (req.method !== "POST" || req.path !== "/api/comprobantes") return json(404, { ok: false, error: { mensaje: "No existe" } });
    const b = req.json as Record<string, unknown>;
    if (Number(b.total) > 100_000) return json(200, { ok: false, error: { mensaje: `El total ${String(b.total)} supera el límite de la cuenta` } });
    received.push(b);
    return json(200, { ok: true, id: `REST-${received.length}` });
  });
  return { ...server, received };
}

export interface FakeLibro extends FakeServer {
  rows: unknown[][];
}

export async function startFakeLibro(): Promise<FakeLibro> {
  const rows: unknown[][] = [];
  const server = await startFakeServer((req) => {
    const values = (req.json as { values?: unknown[][] } | null)?.values;
    if (req.method !== "POST" || !Array.isArray(values)) return json(400, { error: "Se esperaba { values: [[…]] }" });
    rows.push(...values);
    return json(200, { updates: { updatedRange: `Compras!A${rows.length + 1}:P${rows.length + 1}`, updatedRows: values.length } });
  });
  return { ...server, rows };
}

export type TangoRecord = { ID_GVA14: number; RAZON_SOCI: string; CUIT: string };
export async function startFakeTango(opts: { token: string; company: string; records: TangoRecord[] }): Promise<FakeServer> {
  return startFakeServer((req) => {
    if (req.headers.apiauthorization !== opts.token || req.headers.company !== opts.company) return json(401, { succeeded: false, message: "No autorizado" });
    if (req.method !== "GET" || req.path !== "/api/Get") return json(404, { succeeded: false, message: "No existe" });
    const size = Number(req.query.get("pageSize") ?? 10);
    const index = Number(req.query.get("pageIndex") ?? 0);
    return json(200, { succeeded: true, resultData: { list: opts.records.slice(index * size, (index + 1) * size) } });
  });
}

/**
 * ERP behaviour for PUSH and PULL tests on top of the connectors' test ERP (auth variants,
 * 429 + Retry-After, delays): POST /facturas stores invoices and honours Idempotency-Key (a
 * repeated key returns the first answer and creates nothing), with per-invoice scripted
 * failures; GET /proveedores serves suppliers with page / offset / cursor / Link pagination.
 */
import type { ServerResponse } from "node:http";
import { startErp, type ErpAuth, type ErpRequest, type ErpServer } from "../../connectors/support/erp-server";

export type Invoice = { id: string; key: string; body: Record<string, unknown> };

export interface PushErp extends ErpServer {
  created: Map<string, Invoice>;
  /** Scripted answers for an invoice number: consumed one per call, e.g. [500, 500] then 201. */
  script: Map<string, (number | "slow" | "garbage")[]>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
}

export async function startPushErp(auth: ErpAuth = { kind: "none" }, opts: { slowMs?: number } = {}): Promise<PushErp> {
  const erp = (await startErp(auth)) as PushErp;
  erp.created = new Map();
  erp.script = new Map();
  erp.route("POST /facturas", (req: ErpRequest, res) => {
    const key = req.headers["idempotency-key"];
    if (!key) return send(res, 400, { message: "Falta Idempotency-Key" });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return send(res, 400, { message: "JSON inválido" });
    }
    const numero = String(body.numero ?? "");
    const step = erp.script.get(numero)?.shift();
    if (step === "slow") return void setTimeout(() => send(res, 201, { data: { id: "tarde" } }), opts.slowMs ?? 3000);
    if (step === "garbage") return res.writeHead(201, { "content-type": "application/json" }).end("{ no es json");
    if (typeof step === "number") return send(res, step, step === 422 ? { message: "El CUIT del proveedor no existe en el ERP" } : { error: `falla ${step}` }, step === 429 ? { "retry-after": "1" } : {});
    const existing = erp.created.get(key);
    if (existing) return send(res, 200, { data: { id: existing.id } });
    const invoice = { id: `ERP-${erp.created.size + 1}`, key, body };
    erp.created.set(key, invoice);
    send(res, 201, { data: { id: invoice.id } });
  });
  return erp;
}

export type Supplier = { codigo: string; cuit: string; nombre: string; mail?: string };

function checkDigit(base: string): number | null {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = weights.reduce((acc, w, j) => acc + w * Number(base[j]), 0);
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check === 10 ? null : check;
}

/** `n` suppliers with valid CUITs, except where `invalid` (index → value) says otherwise. */
export function suppliers(n: number, invalid: Record<number, string> = {}): Supplier[] {
  const list: Supplier[] = [];
  let k = 0;
  for (let i = 0; i < n; i++) {
    let cuit = "";
    while (!cuit) {
      const base = `30${String(70000000 + k++).padStart(8, "0")}`;
      const c = checkDigit(base);
      if (c !== null) cuit = `${base}${c}`;
    }
    list.push({ codigo: `P${String(i + 1).padStart(4, "0")}`, cuit: invalid[i] ?? cuit, nombre: `Proveedor ${i + 1} SA`, mail: `p${i + 1}@example.com` });
  }
  return list;
}

export type Pagination = "PAGE" | "OFFSET" | "CURSOR" | "LINK_HEADER" | "NONE";

/** GET /proveedores over `data` with the given pagination; `faults` scripts answers per call number (1-based). */
export function serveSuppliers(erp: ErpServer, data: Supplier[], pagination: Pagination, faults: Record<number, number | "garbage"> = {}) {
  let calls = 0;
  erp.route("GET /proveedores", (req, res) => {
    calls++;
    const fault = faults[calls];
    if (fault === "garbage") return res.writeHead(200, { "content-type": "application/json" }).end('{"items": [ {"codigo": "X"');
    if (typeof fault === "number") return send(res, fault, { error: `falla ${fault}` }, fault === 429 ? { "retry-after": "1" } : {});
    const q = new URL(req.path, "http://erp.local").searchParams;
    const size = Number(q.get("limit") ?? 10);
    if (pagination === "NONE") return send(res, 200, { items: data });
    if (pagination === "PAGE") {
      const page = Number(q.get("page") ?? 1);
      return send(res, 200, { items: data.slice((page - 1) * size, page * size), page });
    }
    if (pagination === "OFFSET") {
      const offset = Number(q.get("offset") ?? 0);
      return send(res, 200, { items: data.slice(offset, offset + size), total: data.length });
    }
    if (pagination === "CURSOR") {
      const start = q.get("cursor") ? Number(Buffer.from(q.get("cursor")!, "base64url").toString()) : 0;
      const end = start + size;
      return send(res, 200, { items: data.slice(start, end), meta: { next_cursor: end < data.length ? Buffer.from(String(end)).toString("base64url") : null } });
    }
    const page = Number(q.get("p") ?? 1);
    const next = page * size < data.length ? `<${erp.url}/proveedores?p=${page + 1}&limit=${size}>; rel="next"` : null;
    send(res, 200, data.slice((page - 1) * size, page * size), next ? { link: `<${erp.url}/proveedores?p=1&limit=${size}>; rel="first", ${next}` } : {});
  });
  return { calls: () => calls };
}

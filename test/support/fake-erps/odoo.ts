/**
 * Fake Odoo 19 External JSON-2 API (brief §6): POST /json/2/<model>/<method>, `Authorization:
 * bearer <key>` (any case), `X-Odoo-Database`, named parameters in the body, real HTTP errors
 * (422 `{ name, message }`). res.partner search_read (domain on vat / supplier_rank, offset and
 * limit) and create; account.move create (vals_list → [ids]) and search_read by number.
 */
import { json, startFakeServer, type FakeServer } from "./server";

export type OdooPartner = { id: number; name: string; vat: string | false; email: string | false; supplier_rank: number };
export interface FakeOdoo extends FakeServer {
  partners: OdooPartner[];
  moves: { id: number; vals: Record<string, unknown> }[];
  /**
   * When set, account.move/create answers HTTP 200 with the JSON-RPC `error` object of Odoo's
   * legacy endpoint (brief §6: `/jsonrpc` reports errors inside a 200), as a proxy to it would.
   */
  rpcErrorIn200: string | null;
}

type Domain = [string, string, unknown][];
function matches(rec: Record<string, unknown>, domain: Domain): boolean {
  return domain.every(([field, op, value]) => {
    const v = field.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), rec);
    if (op === "=") return v === value;
    if (op === ">") return typeof v === "number" && v > (value as number);
    if (op === "in") return (value as unknown[]).includes(v);
    throw new Error(`operador ${op}`);
  });
}

/** Configuration records the preset's form lists (search_read on these models). */
const LISTS: Record<string, Record<string, unknown>[]> = {
  "l10n_latam.document.type": [
    { id: 3, code: "1", name: "FACTURAS A", country_id: { code: "AR" } },
    { id: 5, code: "3", name: "NOTAS DE CREDITO A", country_id: { code: "AR" } },
    { id: 8, code: "6", name: "FACTURAS B", country_id: { code: "AR" } },
    { id: 90, code: "33", name: "Factura electrónica (CL)", country_id: { code: "CL" } },
  ],
  "account.tax": [
    { id: 11, name: "IVA 21% (compras)", amount: 21, type_tax_use: "purchase" },
    { id: 12, name: "IVA 10,5% (compras)", amount: 10.5, type_tax_use: "purchase" },
    { id: 21, name: "IVA 21% (ventas)", amount: 21, type_tax_use: "sale" },
  ],
  "account.account": [{ id: 600, code: "5.1.01", name: "Compras de mercadería" }],
  "res.currency": [
    { id: 19, name: "ARS", active: true },
    { id: 2, name: "USD", active: true },
    { id: 1, name: "EUR", active: false },
  ],
};

export async function startFakeOdoo(opts: { apiKey: string; database: string; partners?: OdooPartner[] }): Promise<FakeOdoo> {
  const partners = opts.partners ?? [];
  const moves: FakeOdoo["moves"] = [];
  let next = 1000;
  const state = { rpcErrorIn200: null as string | null };
  const server = await startFakeServer((req) => {
    const m = /^\/json\/2\/([\w.]+)\/(\w+)$/.exec(req.path);
    if (req.method !== "POST" || !m) return json(404, { name: "werkzeug.exceptions.NotFound", message: "Not Found" });
    if ((req.headers.authorization ?? "").toLowerCase() !== `bearer ${opts.apiKey}`) return json(401, { name: "odoo.exceptions.AccessDenied", message: "Invalid apikey" });
    if (req.headers["x-odoo-database"] !== opts.database) return json(404, { name: "odoo.exceptions.UserError", message: "Database not found" });
    const [, model, method] = m;
    const b = (req.json ?? {}) as { domain?: Domain; fields?: string[]; offset?: number; limit?: number; vals_list?: Record<string, unknown>[] };
    const pick = (r: Record<string, unknown>) => (b.fields ? Object.fromEntries(b.fields.map((f) => [f, r[f] ?? false])) : r);
    if (model === "res.partner" && method === "search_read") {
      const list = partners.filter((p) => matches(p, b.domain ?? [])).sort((x, y) => x.id - y.id);
      const offset = b.offset ?? 0;
      return json(200, list.slice(offset, b.limit ? offset + b.limit : undefined).map(pick));
    }
    if (method === "search_read" && LISTS[model!]) return json(200, LISTS[model!]!.filter((r) => matches(r, b.domain ?? [])).map(pick));
    if (model === "res.partner" && method === "create") {
      const ids = (b.vals_list ?? []).map((v) => {
        const p = { id: ++next, name: String(v.name), vat: (v.vat as string) ?? false, email: false as const, supplier_rank: Number(v.supplier_rank ?? 0) };
        partners.push(p);
        return p.id;
      });
      return json(200, ids);
    }
    if (model === "account.move" && method === "search_read") {
      return json(200, moves.map((x) => ({ id: x.id, ...x.vals })).filter((r) => matches(r, b.domain ?? [])).map(pick));
    }
    if (model === "account.move" && method === "create") {
      if (state.rpcErrorIn200) return json(200, { jsonrpc: "2.0", id: null, error: { code: 200, message: "Odoo Server Error", data: { name: "odoo.exceptions.UserError", message: state.rpcErrorIn200 } } });
      const ids: number[] = [];
      for (const vals of b.vals_list ?? []) {
        if (!partners.some((p) => p.id === vals.partner_id)) return json(422, { name: "odoo.exceptions.ValidationError", message: `El contacto ${String(vals.partner_id)} no existe` });
        const lines = (vals.invoice_line_ids as [number, number, { tax_ids?: unknown[] }][] | undefined) ?? [];
        // l10n_ar: exactly one VAT tax per line
        if (lines.some(([, , l]) => ((l.tax_ids?.[0] as [number, number, number[]] | undefined)?.[2] ?? []).length !== 1)) {
          return json(422, { name: "odoo.exceptions.UserError", message: "Debe haber exactamente un impuesto de IVA por línea" });
        }
        const id = ++next;
        moves.push({ id, vals });
        ids.push(id);
      }
      return json(200, ids);
    }
    return json(404, { name: "odoo.exceptions.MissingError", message: `${model}.${method}` });
  });
  return {
    ...server,
    partners,
    moves,
    get rpcErrorIn200() {
      return state.rpcErrorIn200;
    },
    set rpcErrorIn200(v: string | null) {
      state.rpcErrorIn200 = v;
    },
  };
}

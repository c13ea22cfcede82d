/**
 * Fake Alegra (brief §5): Basic email:token; GET /taxes, /categories; contacts of type provider
 * with offset pagination start/limit (limit ≤ 30) and an identification filter; POST /contacts;
 * GET /bills filtered by number; POST /bills that needs an existing provider id. Errors are real
 * HTTP statuses with `{ code, message }`. Base path /api/v1.
 */
import { digits, json, startFakeServer, type FakeServer } from "./server";

export type AlegraContact = { id: number; name: string; identificationObject: { type: string; number: string }; email?: string; type: string[] };
export type AlegraBill = { id: number; body: Record<string, unknown> };

export interface FakeAlegra extends FakeServer {
  baseUrl: string;
  contacts: AlegraContact[];
  bills: AlegraBill[];
  /**
   * Not Alegra's documented behaviour (its errors are HTTP statuses): when set, POST /bills answers
   * 200 with `{ code, message }` and no bill, as a gateway or an account limit in front of it might.
   */
  errorIn200: string | null;
}

export async function startFakeAlegra(opts: { email: string; token: string; contacts?: AlegraContact[] }): Promise<FakeAlegra> {
  const contacts = opts.contacts ?? [];
  const bills: AlegraBill[] = [];
  let nextId = 9000;
  const basic = `Basic ${Buffer.from(`${opts.email}:${opts.token}`).toString("base64")}`;
  const state = { errorIn200: null as string | null };
  const server = await startFakeServer((req) => {
    if (req.headers.authorization !== basic) return json(401, { code: 401, message: "Autenticación fallida" });
    const path = req.path.replace(/^\/api\/v1/, "");
    if (req.method === "GET" && path === "/taxes") return json(200, [{ id: 3, name: "IVA 21%", percentage: 21, type: "IVA" }, { id: 4, name: "IVA 10.5%", percentage: 10.5, type: "IVA" }, { id: 7, name: "IVA 27%", percentage: 27, type: "IVA" }]);
    if (req.method === "GET" && path === "/categories") return json(200, [{ id: 5064, name: "Compras de mercadería" }, { id: 5080, name: "Servicios contratados" }]);
    if (req.method === "GET" && path === "/contacts") {
      const start = Number(req.query.get("start") ?? 0);
      const limit = Number(req.query.get("limit") ?? 30);
      if (limit > 30) return json(400, { code: 400, message: "El límite máximo es 30" });
      let list = contacts.filter((c) => !req.query.get("type") || c.type.includes(req.query.get("type")!));
      const ident = req.query.get("identification");
      if (ident) list = list.filter((c) => digits(c.identificationObject.number) === digits(ident));
      return json(200, list.slice(start, start + limit));
    }
    if (req.method === "POST" && path === "/contacts") {
      const b = req.json as Partial<AlegraContact>;
      if (!b?.name || !b.identificationObject?.number) return json(400, { code: 1001, message: "El nombre y la identificación son obligatorios" });
      const contact = { id: ++nextId, name: b.name, identificationObject: b.identificationObject, type: b.type ?? [] };
      contacts.push(contact);
      return json(201, contact);
    }
    if (req.method === "GET" && path === "/bills") {
      const number = req.query.get("numberTemplate.number");
      return json(200, bills.filter((b) => !number || (b.body.numberTemplate as { number?: string })?.number === number).map((b) => ({ id: b.id, ...b.body })));
    }
    if (req.method === "POST" && path === "/bills") {
      if (state.errorIn200) return json(200, { code: 429, message: state.errorIn200 });
      const b = req.json as Record<string, unknown>;
      const providerId = (b.provider as { id?: number } | undefined)?.id;
      if (!contacts.some((c) => c.id === providerId)) return json(400, { code: 3016, message: `El proveedor ${String(providerId)} no existe` });
      const categories = (b.purchases as { categories?: { id?: number }[] } | undefined)?.categories ?? [];
      if (categories.length === 0 || categories.some((c) => c.id !== 5064 && c.id !== 5080)) return json(400, { code: 3020, message: "La categoría no es válida" });
      const bill = { id: ++nextId, body: b };
      bills.push(bill);
      return json(201, { id: bill.id, ...b, status: "open" });
    }
    return json(404, { code: 404, message: `No existe ${req.method} ${req.path}` });
  });
  return {
    ...server,
    baseUrl: `${server.url}/api/v1`,
    contacts,
    bills,
    get errorIn200() {
      return state.errorIn200;
    },
    set errorIn200(v: string | null) {
      state.errorIn200 = v;
    },
  };
}

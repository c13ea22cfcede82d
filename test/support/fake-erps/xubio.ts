/**
 * Fake Xubio (brief §3): OAuth2 client credentials at /API/1.1/TokenEndpoint with Basic
 * client:secret and a form body; the token answer has NO token_type (the brief's open question,
 * so the tolerant token client is exercised). Bearer on /ProveedorBean (GET with
 * numeroIdentificacion, POST create) and POST /comprobanteCompraBean, which needs the
 * supplier's id and answers 400 `{ description }` otherwise.
 */
import { digits, json, startFakeServer, type FakeServer } from "./server";

export type XubioProveedor = { proveedorid: number; razonSocial: string; cuit: string; email?: string };
export interface FakeXubio extends FakeServer {
  baseUrl: string;
  tokenUrl: string;
  proveedores: XubioProveedor[];
  comprobantes: { transaccionid: number; body: Record<string, unknown> }[];
}

export async function startFakeXubio(opts: { clientId: string; secretId: string; proveedores?: XubioProveedor[] }): Promise<FakeXubio> {
  const proveedores = opts.proveedores ?? [];
  const comprobantes: FakeXubio["comprobantes"] = [];
  const tokens = new Set<string>();
  let next = 30_000;
  const server = await startFakeServer((req) => {
    const path = req.path.replace(/^\/API\/1\.1/, "");
    if (req.method === "POST" && path === "/TokenEndpoint") {
      // RFC 6749 §2.3.1: client id and secret are form-urlencoded before Base64.
      const [id, secret] = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString("utf8").split(":").map((s) => decodeURIComponent(s.replace(/\+/g, " ")));
      if (id !== opts.clientId || secret !== opts.secretId) return json(401, { error: "invalid_client" });
      if (new URLSearchParams(req.text).get("grant_type") !== "client_credentials") return json(400, { error: "unsupported_grant_type" });
      const token = `xb-${++next}`;
      tokens.add(token);
      return json(200, { access_token: token, expires_in: 3600 });
    }
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer || !tokens.has(bearer)) return json(401, { error: "invalid_token", description: "Token inválido o vencido" });
    // The lists the preset's form picks ids from (XS: ProductoCompraBean, provinciaBean, centroDeCostoBean).
    if (req.method === "GET" && path === "/ProductoCompraBean") return json(200, [{ productoid: 501, nombre: "Mercadería gravada 21%", codigo: "M21" }, { productoid: 502, nombre: "Mercadería gravada 10,5%", codigo: "M105" }]);
    if (req.method === "GET" && path === "/provinciaBean") return json(200, [{ provincia_id: 1, nombre: "Buenos Aires" }, { provincia_id: 2, nombre: "Ciudad Autónoma de Buenos Aires" }]);
    if (req.method === "GET" && path === "/centroDeCostoBean") return json(200, [{ ID: 7, nombre: "Administración" }]);
    if (req.method === "GET" && path === "/ProveedorBean") {
      const id = req.query.get("numeroIdentificacion");
      return json(200, id ? proveedores.filter((p) => digits(p.cuit) === digits(id)) : proveedores);
    }
    if (req.method === "POST" && path === "/ProveedorBean") {
      const b = req.json as { razonSocial?: string; cuit?: string; identificacionTributaria?: { ID?: number } };
      if (!b.razonSocial || !b.cuit || b.identificacionTributaria?.ID !== 9) return json(400, { description: "Faltan razonSocial, cuit o identificacionTributaria" });
      const p = { proveedorid: ++next, razonSocial: b.razonSocial, cuit: b.cuit };
      proveedores.push(p);
      return json(200, { ...b, proveedorid: p.proveedorid });
    }
    if (req.method === "POST" && path === "/comprobanteCompraBean") {
      const b = req.json as Record<string, unknown> & { proveedor?: { ID?: number } };
      if (!proveedores.some((p) => p.proveedorid === b.proveedor?.ID)) return json(400, { description: `El proveedor ${String(b.proveedor?.ID)} no existe` });
      const required = ["condicionDePago", "cotizacion", "deposito", "descripcion", "externalId", "fecha", "fechaComprobante", "fechaVto", "importeMonPrincipal", "nombre", "numeroDocumento", "provincia", "tipo", "transaccionProductoItems", "transaccionPercepcionItems"];
      const missing = required.filter((k) => b[k] === undefined);
      if (missing.length) return json(400, { description: `Faltan campos: ${missing.join(", ")}` });
      const c = { transaccionid: ++next, body: b };
      comprobantes.push(c);
      return json(200, { ...b, transaccionid: c.transaccionid });
    }
    return json(404, { description: `No existe ${req.method} ${req.path}` });
  });
  return { ...server, baseUrl: `${server.url}/API/1.1`, tokenUrl: `${server.url}/API/1.1/TokenEndpoint`, proveedores, comprobantes };
}

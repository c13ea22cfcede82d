/**
 * Fake Colppy (brief §4): one JSON-RPC endpoint, POST only. Every call carries the developer's
 * `auth {usuario, password: md5}`; `Usuario/iniciar_sesion` returns `claveSesion`; other calls
 * need `parameters.sesion {usuario, claveSesion}`. Errors are HTTP 200 with
 * `response.success: false` and a message. `Proveedor/listar_proveedor` pages with start/limit
 * in the body and filters by CUIT with dashes; `FacturaCompra/alta_facturacompra` refuses a
 * repeated number (as CP's "duplicad" message suggests).
 */
import { createHash } from "node:crypto";
import { json, startFakeServer, type FakeServer } from "./server";

export const COLPPY_PATH = "/lib/frontera2/service.php";
const md5 = (s: string) => createHash("md5").update(s).digest("hex");

export type ColppyProveedor = { idProveedor: string; RazonSocial: string; CUIT: string; Email?: string };
export interface FakeColppy extends FakeServer {
  baseUrl: string;
  proveedores: ColppyProveedor[];
  facturas: { idFactura: string; parameters: Record<string, unknown> }[];
  sessions: string[];
}

export async function startFakeColppy(opts: { devUser: string; devPassword: string; user: string; password: string; idEmpresa: string; proveedores?: ColppyProveedor[] }): Promise<FakeColppy> {
  const proveedores = opts.proveedores ?? [];
  const facturas: FakeColppy["facturas"] = [];
  const sessions: string[] = [];
  let next = 700;
  const refuse = (message: string) => json(200, { service: {}, result: { estado: 1, mensaje: message }, response: { success: false, message } });
  const ok = (data: unknown, extra: Record<string, unknown> = {}) => json(200, { result: { estado: 0 }, response: { success: true, message: "", data, ...extra } });
  const server = await startFakeServer((req) => {
    if (req.method !== "POST" || req.path !== COLPPY_PATH) return json(404, "<html>Not found</html>");
    const b = req.json as { auth?: { usuario?: string; password?: string }; service?: { provision?: string; operacion?: string }; parameters?: Record<string, unknown> } | null;
    if (!b) return refuse("Pedido inválido");
    if (b.auth?.usuario !== opts.devUser || b.auth.password !== md5(opts.devPassword)) return refuse("Usuario de desarrollador o clave incorrectos");
    const op = `${b.service?.provision}/${b.service?.operacion}`;
    const p = b.parameters ?? {};
    if (op === "Usuario/iniciar_sesion") {
      if (p.usuario !== opts.user || p.password !== md5(opts.password)) return refuse("Usuario o clave de Colppy incorrectos");
      const key = `ses-${++next}-${Math.random().toString(36).slice(2, 10)}`;
      sessions.push(key);
      return ok({ claveSesion: key });
    }
    const sesion = p.sesion as { usuario?: string; claveSesion?: string } | undefined;
    if (!sesion || sesion.usuario !== opts.user || !sessions.includes(sesion.claveSesion ?? "")) return refuse("La sesión no es válida o expiró");
    if (p.idEmpresa !== opts.idEmpresa) return refuse(`La empresa ${String(p.idEmpresa)} no existe`);
    if (op === "Proveedor/listar_proveedor") {
      const filter = (p.filter as { field: string; op: string; value: string }[] | undefined) ?? [];
      const list = proveedores.filter((x) => filter.every((f) => f.field !== "CUIT" || x.CUIT === f.value));
      const start = Number(p.start ?? 0);
      const limit = Number(p.limit ?? 50);
      return ok(list.slice(start, start + limit), { total: list.length });
    }
    if (op === "FacturaCompra/alta_facturacompra") {
      if (!proveedores.some((x) => x.idProveedor === p.idProveedor)) return refuse(`El proveedor ${String(p.idProveedor)} no existe`);
      if (facturas.some((f) => f.parameters.idProveedor === p.idProveedor && f.parameters.nroFactura1 === p.nroFactura1 && f.parameters.nroFactura2 === p.nroFactura2)) {
        return refuse(`Ya existe una factura con nroFactura ${String(p.nroFactura1)}-${String(p.nroFactura2)} (duplicada)`);
      }
      const idFactura = String(++next);
      facturas.push({ idFactura, parameters: p });
      return ok({ idFactura });
    }
    return refuse(`Operación desconocida ${op}`);
  });
  return { ...server, baseUrl: `${server.url}${COLPPY_PATH}`, proveedores, facturas, sessions };
}

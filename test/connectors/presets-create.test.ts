/**
 * Creating from a preset refuses clearly what is missing or unknown (every problem on its
 * field, nothing saved), never returns secrets, and the OAuth token client accepts the loose
 * token answers real ERPs send (no / odd-cased token_type, `token` for `access_token`, JSON as text).
 */
import { describe, expect, it, onTestFinished } from "vitest";
import { db } from "@/server/db/client";
import { tolerantTokenResponse } from "@/server/connectors/oauth";
import { createConnectorFromPreset } from "@/server/connectors/presets/create";
import { PRESETS } from "@/server/connectors/presets";
import { listPresets } from "@/server/connectors/presets/view";
import { AppError } from "@/server/errors";
import { allowLoopback } from "../support/loopback";
import { presetTenant } from "./support/presets";

describe("presets", () => {
  it("the gallery lists the six presets with their verification and facts, without mappings", () => {
    const list = listPresets();
    expect(list.map((p) => p.key)).toEqual(["alegra", "xubio", "odoo", "colppy", "rest-json", "csv-libro"]);
    for (const p of list) {
      expect(["recorded", "documentation"]).toContain(p.verification);
      expect(p.facts.length).toBeGreaterThan(0);
      expect(JSON.stringify(p)).not.toContain("pushMapping");
    }
    expect(list.find((p) => p.key === "xubio")!.facts.some((f) => f.source === "recorded")).toBe(true);
    expect(PRESETS.every((p) => p.credentials.length > 0)).toBe(true);
  });

  it("refuses missing credentials and parameters and unknown keys, each on its field, saving nothing", async () => {
    const scope = await presetTenant();
    const attempt = createConnectorFromPreset(scope, { presetKey: "alegra", name: "Alegra", credentials: { username: "ana@estudio.com.ar", bogus: "x" }, parameters: { categoriaId: "", impuestoPorAlicuota: { "21": "3", "19": "9" }, otro: "1" } });
    const error = (await attempt.catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors).toMatchObject({
      "credentials.secret": ["Completá «Token de la API»."],
      "credentials.bogus": ["El preset Alegra no usa «bogus»."],
      "parameters.categoriaId": ["Completá «Categoría contable (cuenta de compras)»."],
      "parameters.impuestoPorAlicuota": ["Alícuota desconocida: 19."],
      "parameters.otro": ["El preset Alegra no usa el parámetro «otro»."],
    });
    await expect(createConnectorFromPreset(scope, { presetKey: "sap", name: "SAP" })).rejects.toThrow("No hay un preset «sap».");
    expect(await db().apiConnector.count({ where: { tenantId: scope.tenantId } })).toBe(0);
  });

  it("stores secrets encrypted and returns only hints; extra secrets never leave the server", async () => {
    allowLoopback(true);
    onTestFinished(() => allowLoopback(false));
    const scope = await presetTenant();
    const c = await createConnectorFromPreset(scope, {
      presetKey: "colppy",
      name: "Colppy",
      // (the real host does not resolve in tests: a loopback URL, allowed for this test)
      credentials: { baseUrl: "http://127.0.0.1:9/service.php", "extra:devPassword": "clave-dev-secreta", username: "ana@estudio.com.ar", secret: "clave-usuario-1" },
      parameters: { devUsuario: "dev", idEmpresa: "1", idPlanCuenta: "Compras" },
    });
    expect(JSON.stringify(c)).not.toContain("clave-dev-secreta");
    expect(JSON.stringify(c)).not.toContain("clave-usuario-1");
    expect(c).toMatchObject({ hasSecret: true, hasExtraSecrets: true, parameters: { idCondicionPago: "Contado", idEmpresa: "1" } });
    const row = await db().apiConnector.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.extraSecretsEnc).not.toContain("clave-dev-secreta");
  });

  it("accepts loose token answers and leaves errors untouched", async () => {
    const read = async (body: unknown, init: ResponseInit = { status: 200, headers: { "content-type": "text/plain" } }) => {
      const res = await tolerantTokenResponse(new Response(typeof body === "string" ? body : JSON.stringify(body), init));
      return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
    };
    expect(await read({ access_token: "a", expires_in: 3600 })).toEqual({ status: 200, type: "application/json", body: { access_token: "a", expires_in: 3600, token_type: "bearer" } });
    expect((await read({ access_token: "a", token_type: "Bearer" })).body.token_type).toBe("bearer");
    expect((await read({ token: "t", expires_in: "60" })).body).toEqual({ token: "t", access_token: "t", token_type: "bearer", expires_in: 60 });
    // Another token type stays what it is (oauth4webapi refuses it with its own message).
    expect((await read({ access_token: "a", token_type: "mac" })).body.token_type).toBe("mac");
    const refused = await tolerantTokenResponse(new Response(JSON.stringify({ error: "invalid_client" }), { status: 401, headers: { "content-type": "application/json" } }));
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: "invalid_client" });
  });
});

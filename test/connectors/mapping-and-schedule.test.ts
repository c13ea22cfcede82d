/** The mapping language (JSONata) and the cron schedule preview, through the tRPC procedures. */
import { beforeAll, describe, expect, it } from "vitest";
import { compileMapping, evaluateExpression } from "@/server/connectors/mapping";
import { inngestCron, previewSchedule } from "@/server/connectors/schedule";
import { callerFor, createTenantWith, createUser } from "../support/factories";

let caller: ReturnType<typeof callerFor>;
const documento = {
  documentoId: "doc_123",
  tipo: "FACTURA_A",
  numero: "0001-00012345",
  fecha: "2026-11-20",
  total: 12500.5,
  proveedor: { cuit: "30-71234567-8", razonSocial: "Insumos SA" },
  items: [
    { descripcion: "Papel", cantidad: 10, precio: 1000 },
    { descripcion: "Tóner", cantidad: 1, precio: 2500.5 },
  ],
};

beforeAll(async () => {
  const admin = await createUser();
  caller = callerFor(admin, (await createTenantWith(admin)).id);
});

describe("mapping", () => {
  it("object form: field → expression, nested objects, quoted literals, missing fields left out", async () => {
    const mapping = JSON.stringify({ numero: "numero", importe: "total", origen: "'contaflow'", proveedor: { cuit: "$replace(proveedor.cuit, '-', '')" }, vence: "fechaVencimiento" });
    const preview = await caller.connectors.previewMapping({ mapping, sample: JSON.stringify(documento) });
    expect(preview).toEqual({ ok: true, form: "object", output: { numero: "0001-00012345", importe: 12500.5, origen: "contaflow", proveedor: { cuit: "30712345678" } } });
  });

  it("expression form: one JSONata expression builds the whole body", async () => {
    const mapping = '{ "comprobante": tipo & " " & numero, "lineas": items.{ "desc": descripcion, "neto": cantidad * precio }, "neto": $sum(items.(cantidad * precio)) }';
    const preview = await caller.connectors.previewMapping({ mapping, sample: JSON.stringify(documento) });
    expect(preview).toMatchObject({ ok: true, form: "expression", output: { comprobante: "FACTURA_A 0001-00012345", lineas: [{ desc: "Papel", neto: 10000 }, { desc: "Tóner", neto: 2500.5 }], neto: 12500.5 } });
    expect(await compileMapping("").evaluate(documento)).toEqual(documento);
  });

  it("reports syntax errors with their position, evaluation errors with their field, and bad sample JSON", async () => {
    expect(await caller.connectors.previewMapping({ mapping: "total *", sample: "{}" })).toMatchObject({ ok: false, position: expect.any(Number), message: expect.stringMatching(/^Error de sintaxis en la posición \d+/) });
    expect(await caller.connectors.previewMapping({ mapping: '{ "neto": "total - \'x\'" }', sample: JSON.stringify(documento) })).toMatchObject({ ok: false, field: "neto", message: expect.stringMatching(/^Campo «neto»: /) });
    expect(await caller.connectors.previewMapping({ mapping: '{ "a": 1 }', sample: "{}" })).toMatchObject({ ok: false, message: expect.stringMatching(/Campo «a»: el valor tiene que ser una expresión/) });
    expect(await caller.connectors.previewMapping({ mapping: "total", sample: "{ roto" })).toMatchObject({ ok: false, message: expect.stringMatching(/no es JSON válido/) });
  });

  it("an endless expression is stopped by the time and depth limits", async () => {
    const started = Date.now();
    const preview = await caller.connectors.previewMapping({ mapping: "($f := function($x) { $f($x + 1) }; $f(0))", sample: "{}" });
    expect(preview).toMatchObject({ ok: false, message: expect.stringMatching(/recursión infinita/) });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("single expressions (response id path) evaluate against a response", async () => {
    expect(await evaluateExpression("data.id", { data: { id: "ext-9" } })).toBe("ext-9");
    expect(await evaluateExpression("", { id: 1 })).toBeUndefined();
  });
});

describe("schedules", () => {
  it("describes the cron in Spanish and lists the next 3 runs in Buenos Aires time", async () => {
    const from = new Date("2026-11-20T12:00:00Z"); // Friday 09:00 in Buenos Aires (UTC-3)
    const preview = previewSchedule("0 8 * * 1-5", "America/Argentina/Buenos_Aires", 3, from);
    expect(preview).toMatchObject({ ok: true, description: "De lunes a viernes a las 8:00", inngestCron: "TZ=America/Argentina/Buenos_Aires 0 8 * * 1-5" });
    if (!preview.ok) throw new Error("unreachable");
    expect(preview.nextRuns.map((r) => r.at.toISOString())).toEqual(["2026-11-23T11:00:00.000Z", "2026-11-24T11:00:00.000Z", "2026-11-25T11:00:00.000Z"]);
    expect(preview.nextRuns[0]!.label).toMatch(/lun.*23\/11\/2026.*08:00/);
  });

  it("the procedure validates", async () => {
    expect(await caller.connectors.previewSchedule({ cron: "*/30 9-18 * * *" })).toMatchObject({ ok: true, description: expect.stringMatching(/Cada 30 minutos/) });
    expect(await caller.connectors.previewSchedule({ cron: "0 8 * *" })).toMatchObject({ ok: false, message: expect.stringMatching(/5 campos/) });
    expect(await caller.connectors.previewSchedule({ cron: "0 25 * * *" })).toMatchObject({ ok: false, message: expect.stringMatching(/hora/) });
    expect(await caller.connectors.previewSchedule({ cron: "*/2 * * * *" })).toMatchObject({ ok: false, message: expect.stringMatching(/al menos 5 minutos/) });
    expect(await caller.connectors.previewSchedule({ cron: "0 8 * * *", timezone: "Marte/Olympus" })).toMatchObject({ ok: false, message: expect.stringMatching(/Zona horaria desconocida/) });
    expect(inngestCron(" 0  8 * * 1-5 ", "UTC")).toBe("TZ=UTC 0 8 * * 1-5");
  });
});

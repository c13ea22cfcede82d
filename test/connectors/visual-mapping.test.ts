/**
 * The visual mapper: rows compile to the stored JSON-object mapping and produce the same body as a
 * hand-written JSONata mapping on a real document (real PostgreSQL, through the tRPC procedure);
 * inline errors per row; switching modes keeps what the visual editor can show.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileVisual, DOCUMENT_FIELDS, rowOfTarget, visualFromMapping, visualIssues, type MapperRow } from "@/lib/connectors/visual-mapping";
import { db } from "@/server/db/client";
import { pushMappingInput } from "@/server/exports/mapping-input";
import { alegra } from "@/server/connectors/presets/alegra";
import { createId } from "@/server/ids";
import { callerFor, createConnectorRow, createTenantWith, createUser } from "../support/factories";
import { createDocuments } from "../exports/support/fixtures";

let caller: ReturnType<typeof callerFor>;
let otherCaller: ReturnType<typeof callerFor>;
let documentId: string;

beforeAll(async () => {
  const admin = await createUser();
  const tenantId = (await createTenantWith(admin)).id;
  caller = callerFor(admin, tenantId);
  const other = await createUser();
  otherCaller = callerFor(other, (await createTenantWith(other)).id);
  documentId = (await createDocuments(tenantId, 1, { firstNumber: 77 }))[0]!;
});

const rows: MapperRow[] = [
  { target: "numero", source: { kind: "field", field: "numero" } },
  { target: "importe", source: { kind: "field", field: "total" } },
  { target: "proveedor.cuit", source: { kind: "field", field: "proveedor.cuit" } },
  { target: "proveedor.nombre", source: { kind: "field", field: "proveedor.razonSocial" } },
  { target: "impuestos.iva", source: { kind: "field", field: "ivaDetalle" } },
  { target: "origen", source: { kind: "constant", value: "Contaflow 'OCR'" } },
  { target: "centroCosto", source: { kind: "constant", value: -12.5 } },
  { target: "borrador", source: { kind: "constant", value: false } },
];
const handWritten = `{ "numero": numero, "importe": total, "proveedor": { "cuit": proveedor.cuit, "nombre": proveedor.razonSocial },
  "impuestos": { "iva": ivaDetalle }, "origen": "Contaflow 'OCR'", "centroCosto": -12.5, "borrador": false }`;

describe("visual mapper compilation", () => {
  it("compiles to a stored mapping that sends the same body as the hand-written JSONata, on a real document", async () => {
    const compiled = compileVisual(rows);
    expect(compiled.ok).toBe(true);
    const text = (compiled as { text: string }).text;
    const visual = await caller.connectors.previewMappingOnDocument({ mapping: text, documentId });
    const hand = await caller.connectors.previewMappingOnDocument({ mapping: handWritten, documentId });
    expect(visual.ok && hand.ok).toBe(true);
    if (!visual.ok || !hand.ok) return;
    expect(visual.body).toEqual(hand.body);
    expect(visual.body).toEqual({
      numero: "0001-00000077",
      importe: 1210,
      proveedor: { cuit: "30-71234567-1", nombre: "Insumos 1 SA" },
      impuestos: { iva: [{ rate: 21, base: 1000, amount: 210 }] },
      origen: "Contaflow 'OCR'",
      centroCosto: -12.5,
      borrador: false,
    });
    // The preview shows what the mapping saw: the PUSH input of that document.
    expect(visual.input).toMatchObject({ documentoId: documentId, total: 1210 });
  });

  it("lists every field the PUSH input has (no drift from mapping-input.ts)", async () => {
    const row = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    const input = pushMappingInput(row);
    const paths = Object.entries(input).flatMap(([k, v]) => (v && typeof v === "object" && !Array.isArray(v) ? Object.keys(v).map((s) => `${k}.${s}`) : [k]));
    expect([...DOCUMENT_FIELDS].sort()).toEqual(paths.filter((p) => p !== "items").sort());
  });

  it("round-trips rows → text → rows", () => {
    const text = (compileVisual(rows) as { text: string }).text;
    expect(visualFromMapping(text)).toEqual({ ok: true, rows });
    expect(visualFromMapping(handWritten)).toMatchObject({ ok: false });
    expect(visualFromMapping(JSON.stringify({ numero: "numero", moneda: "'ARS'" }))).toEqual({
      ok: true,
      rows: [
        { target: "numero", source: { kind: "field", field: "numero" } },
        { target: "moneda", source: { kind: "constant", value: "ARS" } },
      ],
    });
    expect(visualFromMapping("")).toEqual({ ok: true, rows: [] });
  });

  it("says why a mapping stays in JSONata mode", () => {
    expect(visualFromMapping('{ "n": numero }')).toEqual({ ok: false, reason: "El mapeo es una expresión JSONata completa, no un objeto campo → valor" });
    expect(visualFromMapping(JSON.stringify({ x: 12 }))).toMatchObject({ ok: false, reason: expect.stringContaining("«x»") });
  });

  it("shows any other expression as an expression row and $params.<key> as a parameter row, and compiles them back verbatim", () => {
    const text = JSON.stringify({ numero: "numero", cuit: "$replace(proveedor.cuit, '-', '')", categoria: { id: "$params.categoriaId" }, x: "desconocido" });
    const r = visualFromMapping(text);
    expect(r).toEqual({
      ok: true,
      rows: [
        { target: "numero", source: { kind: "field", field: "numero" } },
        { target: "cuit", source: { kind: "expression", expression: "$replace(proveedor.cuit, '-', '')" } },
        { target: "categoria.id", source: { kind: "param", key: "categoriaId" } },
        { target: "x", source: { kind: "expression", expression: "desconocido" } },
      ],
    });
    expect(JSON.parse((compileVisual((r as { rows: MapperRow[] }).rows) as { text: string }).text)).toEqual(JSON.parse(text));
    // An expression row that does not compile is flagged on its row.
    expect(visualIssues([{ target: "a", source: { kind: "expression", expression: "total *" } }, { target: "b", source: { kind: "expression", expression: " " } }])).toEqual([
      { row: 0, message: expect.stringMatching(/^Expresión inválida \(posición \d+\): /) as unknown as string },
      { row: 1, message: "Escribí la expresión JSONata (ej.: $string(total))" },
    ]);
  });

  it("opens a preset's mapping (Alegra) row by row; rows added visually keep its body and the preview sees the connector's parameters and supplier id", async () => {
    const text = alegra.connector.pushMapping;
    const parsed = visualFromMapping(text);
    expect(parsed.ok).toBe(true);
    const presetRows = (parsed as { rows: MapperRow[] }).rows;
    expect(presetRows.map((r) => [r.target, r.source.kind])).toEqual([
      ["date", "field"],
      ["dueDate", "field"],
      ["numberTemplate.number", "expression"],
      ["provider.id", "expression"],
      ["purchases.categories", "expression"],
      ["observations", "expression"],
    ]);
    const edited = (compileVisual([...presetRows, { target: "total", source: { kind: "field", field: "total" } }, { target: "warehouse.id", source: { kind: "param", key: "depositoId" } }]) as { text: string }).text;

    // A saved Alegra-like connector: its parameters and the synced supplier's Alegra id reach the preview.
    const doc = await db().document.findUniqueOrThrow({ where: { id: documentId } });
    const connector = await createConnectorRow(doc.tenantId, { name: `Alegra vista ${Date.now()}`, direction: "PUSH", pushMapping: text, parameters: { categoriaId: "5064", impuestoPorAlicuota: { "21": "3" }, depositoId: "2" } });
    // Before the supplier is synced the preview still evaluates (the export would look it up first).
    const unresolved = await caller.connectors.previewMappingOnDocument({ mapping: text, documentId, connectorId: connector.id });
    expect(unresolved).toMatchObject({ ok: true, body: { numberTemplate: { number: "A-0001-00000077" } } });
    expect((unresolved as { body: { provider?: { id?: unknown } } }).body.provider?.id).toBeUndefined();
    await db().supplier.create({ data: { id: createId(), tenantId: doc.tenantId, cuit: (doc.proveedorCuit ?? "").replace(/\D/g, ""), razonSocial: "Insumos 1 SA", externalId: "77", sourceConnectorId: connector.id } });
    const original = await caller.connectors.previewMappingOnDocument({ mapping: text, documentId, connectorId: connector.id });
    const withRows = await caller.connectors.previewMappingOnDocument({ mapping: edited, documentId, connectorId: connector.id });
    expect(original.ok && withRows.ok).toBe(true);
    if (!original.ok || !withRows.ok) return;
    expect(original.body).toMatchObject({ provider: { id: 77 }, purchases: { categories: [{ id: 5064, price: 1000, quantity: 1, tax: [{ id: 3 }] }] } });
    expect(withRows.body).toEqual({ ...(original.body as object), total: 1210, warehouse: { id: "2" } });
    // Without the connector the same mapping has no parameters (and another organization cannot borrow it).
    const bare = await caller.connectors.previewMappingOnDocument({ mapping: edited, documentId });
    expect(bare.ok && (bare.body as { warehouse?: unknown }).warehouse).toBeFalsy();
    await expect(otherCaller.connectors.previewMappingOnDocument({ mapping: edited, documentId, connectorId: connector.id })).rejects.toThrow();
  });
});

describe("inline errors", () => {
  it("points at the row: unknown field, invalid or duplicate or clashing target path", () => {
    const bad: MapperRow[] = [
      { target: "numero", source: { kind: "field", field: "numero" } },
      { target: "importe total", source: { kind: "field", field: "total" } },
      { target: "cuit", source: { kind: "field", field: "proveedor.cuil" } },
      { target: "numero", source: { kind: "field", field: "fecha" } },
      { target: "numero.x", source: { kind: "constant", value: 1 } },
      { target: "", source: { kind: "constant", value: 1 } },
    ];
    expect(visualIssues(bad)).toEqual([
      { row: 1, message: "Destino «importe total» inválido: cada parte separada por «.» empieza con letra o _ y lleva solo letras, números y _ («importe total» no cumple)" },
      { row: 2, message: "Campo del documento desconocido: «proveedor.cuil»" },
      { row: 3, message: "El destino «numero» ya está en la fila 1" },
      { row: 4, message: "El destino «numero.x» choca con «numero» (fila 1): uno no puede ser valor y objeto a la vez" },
      { row: 5, message: "Indicá el campo de destino (ej.: proveedor.cuit)" },
    ]);
    expect(compileVisual(bad).ok).toBe(false);
  });

  it("JSONata compile and evaluation errors come back with the field, mapped to the row", async () => {
    const syntax = await caller.connectors.previewMappingOnDocument({ mapping: JSON.stringify({ numero: "numero", importe: "total *" }), documentId });
    expect(syntax).toMatchObject({ ok: false, field: "importe" });
    expect((syntax as { message: string }).message).toMatch(/^Campo «importe»: error de sintaxis/);
    const evalError = await caller.connectors.previewMappingOnDocument({ mapping: JSON.stringify({ a: { b: "proveedor.razonSocial * 2" } }), documentId });
    expect(evalError).toMatchObject({ ok: false, field: "a.b", message: expect.stringContaining("Campo «a.b»: Una operación aritmética recibió algo que no es un número") });
    expect(rowOfTarget([{ target: "x", source: { kind: "field", field: "total" } }, { target: "a.b", source: { kind: "field", field: "total" } }], "a.b")).toBe(1);
  });

  it("never previews another organization's document", async () => {
    await expect(otherCaller.connectors.previewMappingOnDocument({ mapping: "", documentId })).rejects.toThrow(/Documento/);
    expect((await otherCaller.connectors.previewDocuments()).map((d) => d.id)).not.toContain(documentId);
    expect((await caller.connectors.previewDocuments()).map((d) => d.id)).toContain(documentId);
  });
});

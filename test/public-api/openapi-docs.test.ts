/**
 * The served OpenAPI document explains itself: every operation has a description, every schema
 * property (at any depth, in components and inline) has a description and an example, every
 * parameter has both, and every example validates against its own schema (so examples follow the
 * wire shapes: amounts as decimal strings, …).
 */
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer } from "./support/api-server";

type Json = Record<string, unknown>;
let server: Awaited<ReturnType<typeof startApiServer>>;
let doc: Json & { paths: Record<string, Record<string, Json>>; webhooks: Record<string, Record<string, Json>>; components: { schemas: Record<string, Json> } };

beforeAll(async () => {
  server = await startApiServer();
  doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as typeof doc;
});
afterAll(() => server.close());

/** Every object schema's properties found anywhere under `node`, with a readable path. */
function properties(node: unknown, path: string, out: { path: string; schema: Json }[] = []) {
  if (Array.isArray(node)) node.forEach((n, i) => properties(n, `${path}[${i}]`, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      // Example values are data, not schemas.
      if (k === "examples" || k === "example") continue;
      if (k === "properties" && v && typeof v === "object") {
        for (const [name, schema] of Object.entries(v as Json)) {
          out.push({ path: `${path}.${name}`, schema: schema as Json });
          properties(schema, `${path}.${name}`, out);
        }
      } else properties(v, `${path}.${k}`, out);
    }
  }
  return out;
}

const OPERATIONS = ["get", "post", "put", "patch", "delete"];

describe("OpenAPI descriptions and examples", () => {
  it("every operation (paths and webhooks) has a summary and a description", () => {
    const ops = [...Object.entries(doc.paths), ...Object.entries(doc.webhooks)].flatMap(([path, item]) => OPERATIONS.filter((m) => item[m]).map((m) => ({ at: `${m.toUpperCase()} ${path}`, op: item[m]! })));
    expect(ops.length).toBeGreaterThanOrEqual(20);
    const missing = ops.filter(({ op }) => !op.summary || !op.description || String(op.description).length < 20).map((o) => o.at);
    expect(missing).toEqual([]);
  });

  it("every schema property has a description and an example", () => {
    const all = properties(doc, "#");
    expect(all.length).toBeGreaterThan(200);
    const noDescription = all.filter((p) => typeof p.schema.description !== "string" || p.schema.description.length === 0).map((p) => p.path);
    const noExample = all.filter((p) => !(Array.isArray(p.schema.examples) && p.schema.examples.length > 0) && !("example" in p.schema)).map((p) => p.path);
    expect(noDescription).toEqual([]);
    expect(noExample).toEqual([]);
  });

  it("every parameter has a description and an example", () => {
    const params = Object.values(doc.paths).flatMap((item) => OPERATIONS.flatMap((m) => ((item[m]?.parameters as Json[] | undefined) ?? []))).map((p) => ("$ref" in p ? (doc.components as unknown as { parameters: Record<string, Json> }).parameters[String(p.$ref).split("/").pop()!]! : p));
    expect(params.length).toBeGreaterThan(15);
    expect(params.filter((p) => !p.description || !("example" in p)).map((p) => `${String(p.in)} ${String(p.name)}`)).toEqual([]);
  });

  it("every component's example validates against the component (with unknown fields refused)", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const closed = (node: unknown): unknown =>
      Array.isArray(node)
        ? node.map(closed)
        : node && typeof node === "object"
          ? { ...Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "examples" ? v : closed(v)])), ...("properties" in node && !("additionalProperties" in node) ? { additionalProperties: false } : {}) }
          : node;
    for (const [id, schema] of Object.entries(doc.components.schemas)) ajv.addSchema(closed(schema) as object, `#/components/schemas/${id}`);
    const components = Object.entries(doc.components.schemas);
    expect(components.length).toBeGreaterThanOrEqual(25);
    for (const [id, schema] of components) {
      expect(schema.examples, `${id} has no example`).toEqual([expect.anything()]);
      const validate = ajv.getSchema(`#/components/schemas/${id}`)!;
      expect(validate((schema.examples as unknown[])[0]), `${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it("the amounts convention is stated and followed by the Document example", () => {
    const info = doc.info as { description: string };
    expect(info.description).toMatch(/importes como texto decimal/);
    const example = (doc.components.schemas.Document!.examples as { fields: Json }[])[0]!;
    expect(example.fields.total).toBe("12500.50");
  });
});

/**
 * Server messages in the reader's language: the "server" catalogue matches Spanish texts to keys
 * (parity with en is in messages.test.ts), and tRPC errors — AppError and zod, message and field
 * errors — come back in the locale of the request.
 */
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/en/server.json";
import es from "@/i18n/messages/es-AR/server.json";
import { matchServerText, translateServerText } from "@/i18n/server-text";
import { validateInvoice } from "@/server/parsing/validate";
import { EMPTY_INVOICE_FIELDS } from "@/lib/documents/fields";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

type Tree = { [key: string]: string | Tree };
const flat = (tree: Tree, prefix = ""): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));

describe("the server catalogue", () => {
  it("finds every catalogued Spanish text under its own key, with its params", () => {
    for (const [key, text] of flat(es)) {
      const sample = text.replace(/\{(\w+)\}/g, (_, n: string) => `«${n}»`);
      const m = matchServerText(sample, es);
      expect(m?.key, text).toBe(key);
    }
    expect(matchServerText("Máximo 80 caracteres", es)).toEqual({ key: "validation.maxChars", params: { n: "80" } });
  });

  it("writes English, translating a catalogued param (a noun) too, and leaves unknown texts as they are", () => {
    expect(translateServerText("Organización no encontrado", es, en)).toBe("Organization not found");
    expect(translateServerText("El total (100.00) no coincide con neto + IVA + otros (121.00)", es, en)).toBe("The total (100.00) does not match net + VAT + others (121.00)");
    expect(translateServerText("Un texto sin clave", es, en)).toBe("Un texto sin clave");
    expect(translateServerText("Revisá los campos marcados", es, es)).toBe("Revisá los campos marcados");
  });

  it("covers every review reason the invoice validation writes for an empty invoice", () => {
    const issues = validateInvoice({ ...EMPTY_INVOICE_FIELDS, cae: "123" }).issues;
    expect(issues.length).toBeGreaterThan(4);
    for (const i of issues) expect(translateServerText(i.message, es, en), i.message).not.toBe(i.message);
  });
});

/** The zod issue messages of a rejected call (what the form shows next to each field). */
const issuesOf = (call: Promise<unknown>) =>
  call.then(
    () => null,
    (e: { cause?: { issues?: { message: string }[] } }) => e.cause?.issues?.map((i) => i.message),
  );

describe("tRPC errors", () => {
  it("come back in the request's locale: AppError messages and zod field errors", async () => {
    const owner = await createUser();
    const tenantId = (await createTenantWith(owner, "Estudio Idiomas")).id;
    const viewer = (await addMember(tenantId, "VIEWER")).user;
    await expect(callerFor(viewer, tenantId, "en").tenant.rename({ name: "Otro" })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only administrators can do this" });
    await expect(callerFor(viewer, tenantId).tenant.rename({ name: "Otro" })).rejects.toMatchObject({ message: "Solo administradores pueden hacer esto" });
    await expect(callerFor(owner, "no-existe", "en").tenant.current()).rejects.toMatchObject({ code: "NOT_FOUND", message: "Organization not found" });
    expect(await issuesOf(callerFor(owner, tenantId, "en").tenant.rename({ name: " x " }))).toEqual(["Enter at least 2 characters"]);
    expect(await issuesOf(callerFor(owner, tenantId).tenant.setTimeZone({ timeZone: "Marte/Olympus" }))).toEqual(["Zona horaria desconocida"]);
    expect(await issuesOf(callerFor(owner, tenantId, "en").tenant.setTimeZone({ timeZone: "Marte/Olympus" }))).toEqual(["Unknown time zone"]);
  });
});

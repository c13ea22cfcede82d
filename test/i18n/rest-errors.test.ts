/**
 * REST answers in the reader's language: the documents routes' `{ error }` bodies follow the locale
 * cookie or Accept-Language, and the public API's problem details write domain messages in English
 * through the server catalogue (the generic English text only for uncatalogued ones).
 */
import { describe, expect, it } from "vitest";
import { POST as upload } from "@/app/api/documents/upload/route";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { AppError } from "@/server/errors";
import { toProblem } from "@/server/public-api/problem";
import { APP_URL, signUp, trpc } from "../support/http";

const post = (headers: Record<string, string>, body: BodyInit = "x") =>
  upload(new Request(`${APP_URL}/api/documents/upload`, { method: "POST", headers: { origin: APP_URL, ...headers }, body }));

describe("documents REST errors", () => {
  it("are Spanish by default and English with the locale cookie, or Accept-Language: en from a script", async () => {
    expect((await (await post({})).json()).error.message).toBe("Iniciá sesión para continuar");
    expect((await (await post({ "accept-language": "en-US,en;q=0.9" })).json()).error.message).toBe("Sign in to continue");
    // A browser without the cookie shows the Spanish UI: its Accept-Language does not switch errors alone.
    expect((await (await post({ "accept-language": "en-US", "sec-fetch-site": "same-origin" })).json()).error.message).toBe("Iniciá sesión para continuar");
    // The cookie (the UI's choice) wins over the browser's Accept-Language.
    expect((await (await post({ cookie: "NEXT_LOCALE=en", "accept-language": "es-AR" })).json()).error.message).toBe("Sign in to continue");
  });

  it("refuse a cross-site request in the reader's language", async () => {
    const res = await post({ origin: "https://otro-sitio.example", "accept-language": "en" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe("Request from another site refused: actions are only accepted from the application itself.");
    expect((await (await post({ origin: "https://otro-sitio.example" })).json()).error.message).toMatch(/^Solicitud de otro sitio rechazada/);
  });

  it("answer a non-JSON tRPC mutation in the reader's language", async () => {
    const res = await trpcPost(new Request(`${APP_URL}/api/trpc/tenant.rename`, { method: "POST", headers: { origin: APP_URL, "content-type": "text/plain", cookie: "NEXT_LOCALE=en" }, body: "x" }));
    expect(res.status).toBe(415);
    expect((await res.json()).error.message).toBe("Actions are sent as application/json");
  });

  it("translate field errors too (an upload that is not multipart)", async () => {
    const cookie = await signUp(`rest-en-${Date.now()}@example.com`);
    const created = await trpc("tenant.create", { name: "Estudio REST" }, { cookie });
    expect(created.status).toBe(200);
    const res = await post({ cookie: `${cookie}; NEXT_LOCALE=en`, "content-type": "text/plain" });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: "BAD_REQUEST", message: "Send the file as multipart/form-data in the «file» field", fieldErrors: { file: ["Send the file as multipart/form-data in the «file» field"] } });
    const es = await (await post({ cookie, "content-type": "text/plain" })).json();
    expect(es.error.message).toBe("Enviá el archivo como multipart/form-data en el campo «file»");
  });
});

describe("public API problem details", () => {
  it("write a catalogued domain message in English, with its params and field errors", () => {
    const e = AppError.field("connectorId", "«ERP Norte» está deshabilitado.");
    expect(toProblem(e, "/api/v1/x", "en")).toMatchObject({ title: "Bad request", detail: "«ERP Norte» is disabled.", errors: { connectorId: ["«ERP Norte» is disabled."] } });
    expect(toProblem(e, "/api/v1/x", "es")).toMatchObject({ title: "Solicitud inválida", detail: "«ERP Norte» está deshabilitado." });
    expect(toProblem(AppError.notFound("Documento"), undefined, "en").detail).toBe("Document not found");
  });

  it("fall back to the generic English text of the code for an uncatalogued message", () => {
    expect(toProblem(new AppError("CONFLICT", "Un texto nuevo sin clave"), undefined, "en").detail).toBe("The request conflicts with the current state of the resource.");
  });
});

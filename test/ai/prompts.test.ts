/** Versioned prompts: history, diff between versions, "restaurar" (a new version, history kept). */
import { beforeAll, describe, expect, it } from "vitest";
import { activePrompt } from "@/server/ai/provider";
import { DEFAULT_PROMPTS } from "@/server/ai/default-prompts";
import { addMember, callerFor, createTenantWith, createUser } from "../support/factories";

let owner: Awaited<ReturnType<typeof createUser>>;
let tenantId: string;
const V1 = "Sos un contador.\nSugerí la cuenta contable.\nRespondé en JSON.";
const V2 = "Sos un contador argentino.\nSugerí la cuenta contable y la categoría.\nRespondé en JSON.";

beforeAll(async () => {
  owner = await createUser({ name: "Marta Prompts" });
  tenantId = (await createTenantWith(owner)).id;
});

describe("prompt versions", () => {
  it("starts with the built-in default as version 0", async () => {
    const history = await callerFor(owner, tenantId).ai.promptHistory({ task: "classification" });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ version: 0, isDefault: true, active: true, content: DEFAULT_PROMPTS.classification });
  });

  it("each save adds a version with its author; the newest is active", async () => {
    const c = callerFor(owner, tenantId);
    await expect(c.ai.savePrompt({ task: "classification", content: V1, note: "más corto" })).resolves.toEqual({ version: 1 });
    await expect(c.ai.savePrompt({ task: "classification", content: V2 })).resolves.toEqual({ version: 2 });
    const history = await c.ai.promptHistory({ task: "classification" });
    expect(history.map((h) => [h.version, h.active])).toEqual([
      [2, true],
      [1, false],
      [0, false],
    ]);
    expect(history[1]).toMatchObject({ note: "más corto", createdByName: "Marta Prompts" });
    expect(await activePrompt(tenantId, "classification")).toBe(V2);
    // Other tasks are untouched.
    expect(await activePrompt(tenantId, "suggestions")).toBe(DEFAULT_PROMPTS.suggestions);
  });

  it("saving the active text again is refused on the field", async () => {
    await expect(callerFor(owner, tenantId).ai.savePrompt({ task: "classification", content: V2 })).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("igual") });
  });

  it("diff shows removed and added lines between two versions", async () => {
    const diff = await callerFor(owner, tenantId).ai.promptDiff({ task: "classification", from: 1, to: 2 });
    const removed = diff.parts.filter((p) => p.kind === "removed").map((p) => p.text).join("");
    const added = diff.parts.filter((p) => p.kind === "added").map((p) => p.text).join("");
    const same = diff.parts.filter((p) => p.kind === "same").map((p) => p.text).join("");
    expect(removed).toBe("Sos un contador.\nSugerí la cuenta contable.\n");
    expect(added).toBe("Sos un contador argentino.\nSugerí la cuenta contable y la categoría.\n");
    expect(same).toBe("Respondé en JSON.");
  });

  it("a line added at the end shows as that line only (no newline-at-end noise)", async () => {
    const { diffTexts } = await import("@/server/ai/prompts");
    expect(diffTexts("Línea uno\nLínea dos", "Línea uno\nLínea dos\nLínea tres")).toEqual([
      { kind: "same", text: "Línea uno\nLínea dos\n" },
      { kind: "added", text: "Línea tres" },
    ]);
  });

  it("restaurar makes an old text the newest version and keeps the history", async () => {
    const c = callerFor(owner, tenantId);
    await expect(c.ai.restorePrompt({ task: "classification", version: 1 })).resolves.toEqual({ version: 3 });
    expect(await activePrompt(tenantId, "classification")).toBe(V1);
    const history = await c.ai.promptHistory({ task: "classification" });
    expect(history.map((h) => h.version)).toEqual([3, 2, 1, 0]);
    expect(history[0]).toMatchObject({ restoredFromVersion: 1, note: "Restaurada la versión 1", content: V1 });
    // Back to the default, too.
    await c.ai.restorePrompt({ task: "classification", version: 0 });
    expect(await activePrompt(tenantId, "classification")).toBe(DEFAULT_PROMPTS.classification);
    await expect(c.ai.restorePrompt({ task: "classification", version: 42 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("accountants and viewers cannot edit prompts", async () => {
    for (const role of ["ACCOUNTANT", "VIEWER"] as const) {
      const { user } = await addMember(tenantId, role);
      await expect(callerFor(user, tenantId).ai.savePrompt({ task: "suggestions", content: "Un prompt nuevo cualquiera" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

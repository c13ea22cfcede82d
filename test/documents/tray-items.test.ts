/** The upload tray never drops a file that is still on its way or failed, however big the batch. */
import { describe, expect, it } from "vitest";
import { keepInView, MAX_TRAY_ITEMS, type TrayState } from "@/components/documents/tray-items";

const items = (n: number, state: TrayState, tag: string) => Array.from({ length: n }, (_, i) => ({ key: `${tag}-${i}`, state }));

describe("keepInView", () => {
  it("keeps everything up to the limit", () => {
    const list = [...items(3, "queued", "q"), ...items(5, "done", "d")];
    expect(keepInView(list)).toEqual(list);
  });

  it("a batch bigger than the limit keeps every queued file (cutting at 200 hid the last ones)", () => {
    const batch = items(MAX_TRAY_ITEMS + 5, "queued", "nuevo");
    expect(keepInView(batch)).toHaveLength(MAX_TRAY_ITEMS + 5);
  });

  it("past the limit only uploads that ended well make room, oldest first; errors and uploads in flight stay", () => {
    const list = [...items(150, "queued", "nuevo"), ...items(10, "error", "error"), ...items(2, "uploading", "subiendo"), ...items(60, "done", "viejo"), ...items(5, "duplicate", "dup")];
    const kept = keepInView(list);
    expect(kept).toHaveLength(MAX_TRAY_ITEMS);
    expect(kept.filter((i) => i.state !== "done" && i.state !== "duplicate")).toHaveLength(162);
    expect(kept.filter((i) => i.state === "done").map((i) => i.key)).toEqual(items(38, "done", "viejo").map((i) => i.key));
    expect(kept.some((i) => i.state === "duplicate")).toBe(false);
  });
});

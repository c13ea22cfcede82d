/**
 * `npm test`'s machine check decides from what it found: use what is there, install on Debian as
 * root, download Playwright's Chromium when allowed, else stop with the exact command.
 */
import { describe, expect, it } from "vitest";
import { DEBIAN_CHROMIUM, plan, type Found } from "~/scripts/prereqs/plan";

const ready: Found = { debianChromium: true, tesseract: { installed: true, langs: ["eng", "osd", "spa"] }, apt: true, root: false };

describe("check-prereqs plan", () => {
  it("uses what is there and installs nothing", () => {
    expect(plan(ready, { install: true })).toEqual({ chromium: DEBIAN_CHROMIUM, apt: [], playwrightDownload: false, stop: [] });
  });

  it("prefers CHROMIUM_PATH, then Debian's, then Playwright's download", () => {
    expect(plan({ ...ready, chromiumEnv: { path: "/opt/chrome", exists: true } }, { install: true }).chromium).toBe("/opt/chrome");
    expect(plan({ ...ready, debianChromium: false, playwrightChromium: "/root/.cache/ms-playwright/chrome" }, { install: true }).chromium).toBe("/root/.cache/ms-playwright/chrome");
  });

  it("stops on a CHROMIUM_PATH that does not exist instead of silently using another browser", () => {
    const p = plan({ ...ready, chromiumEnv: { path: "/nope/chromium", exists: false } }, { install: true });
    expect(p.chromium).toBeUndefined();
    expect(p.stop).toEqual([expect.stringContaining("CHROMIUM_PATH=/nope/chromium does not exist")]);
  });

  it("as root on Debian installs exactly the missing packages", () => {
    const p = plan({ ...ready, root: true, debianChromium: false, tesseract: { installed: true, langs: ["eng", "spa"] } }, { install: true });
    expect(p).toEqual({ apt: ["chromium", "tesseract-ocr-osd"], playwrightDownload: false, stop: [] });
    const bare = plan({ ...ready, root: true, debianChromium: false, tesseract: { installed: false, langs: [] } }, { install: true });
    expect(bare.apt).toEqual(["chromium", "tesseract-ocr", "tesseract-ocr-spa", "tesseract-ocr-osd"]);
  });

  it("without root (or on a machine without apt-get) downloads Playwright's Chromium when allowed, else stops with the commands", () => {
    const noBrowser = { ...ready, debianChromium: false };
    expect(plan(noBrowser, { install: true })).toEqual({ apt: [], playwrightDownload: true, stop: [] });
    expect(plan(noBrowser, { install: false }).stop).toEqual([expect.stringContaining("sudo apt-get install -y chromium (or: npx playwright install chromium)")]);
    expect(plan({ ...noBrowser, apt: false }, { install: false }).stop).toEqual([expect.stringContaining("Install one: npx playwright install chromium,")]);
  });

  it("stops at once on missing Tesseract data it cannot install, with the apt-get command", () => {
    const p = plan({ ...ready, tesseract: { installed: false, langs: [] } }, { install: true });
    expect(p.stop).toEqual(["Tesseract (OCR) with Spanish and orientation data is missing. Install it: sudo apt-get install -y tesseract-ocr tesseract-ocr-spa tesseract-ocr-osd"]);
    // After an install attempt as root that did not help: a stop, not another attempt, and no sudo.
    const root = plan({ ...ready, root: true, debianChromium: false, tesseract: { installed: true, langs: ["spa"] } }, { install: false });
    expect(root.apt).toEqual([]);
    expect(root.stop).toEqual([expect.stringContaining("Install one: apt-get install -y chromium"), expect.stringContaining("Install it: apt-get install -y tesseract-ocr-osd")]);
  });
});

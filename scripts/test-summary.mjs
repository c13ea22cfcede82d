#!/usr/bin/env node
/** Prints one closing line for the whole `npm test` run from the runners' JSON reports. */
import { readFileSync } from "node:fs";

const read = (p) => {
  try {
    return JSON.parse(readFileSync(p, "utf8"));
  } catch {
    return null;
  }
};
const vitest = read(".data/test-report/vitest.json");
const playwright = read(".data/test-report/playwright.json");
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
console.log(`\nvitest ${vitest?.numPassedTests ?? 0}/${vitest?.numTotalTests ?? 0}, playwright ${playwright?.stats?.expected ?? 0}/${(playwright?.stats?.expected ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0) + (playwright?.stats?.skipped ?? 0)}`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);

/** The app's parse function on the embedded engine in this test process (import this file first). */
import { startInProcessEngine } from "../../support/in-process-engine";

export function startParseEngine() {
  return startInProcessEngine(async () => [(await import("~/inngest/functions/documents/parse-document")).parseDocument]);
}

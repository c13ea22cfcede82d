import { EventEmitter } from "node:events";

/** In-process nudge: new work was queued, so the worker polls now instead of at its next tick. */
export const wake = new EventEmitter();
wake.setMaxListeners(0);

export function wakeWorker() {
  wake.emit("work");
}

import { syncRun } from "./sync-run";

export const syncFunctions = [syncRun];

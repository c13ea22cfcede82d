import { exportDocument } from "./export-document";
import { executePush } from "./execute-push";
import { schedulesTick } from "./schedules-tick";

export const exportFunctions = [executePush, exportDocument, schedulesTick];

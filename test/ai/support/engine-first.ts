/** Import FIRST in a test file: picks the engine port before the Inngest client loads, then starts it. */
import { startAiEngine } from "./engine";

export const engineReady = startAiEngine();

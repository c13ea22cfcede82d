/**
 * Runs in the browser before the app's code (Next's client instrumentation hook). Zod compiles
 * fast object parsers with `new Function` when it may; under our CSP (no 'unsafe-eval') even its
 * probe is a reported violation, so the browser uses the interpreted parsers instead.
 */
import { config } from "zod";

config({ jitless: true });

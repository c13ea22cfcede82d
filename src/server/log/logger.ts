import pino from "pino";
import { env } from "@/env";

/** Structured JSON logs; one child logger per module (`logger.child({ module: "mail" })`). */
export const logger = pino({
  level: env().LOG_LEVEL,
  redact: { paths: ["*.password", "*.secret", "*.token", "headers.authorization", "headers.cookie"], censor: "[oculto]" },
});

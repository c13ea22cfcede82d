/** Step retries of n8n calls: 1 + 4 attempts with the engine's exponential backoff. */
export const N8N_RETRIES = 4;

/**
 * An n8n failure written for who reads it: admins get the call log's message (what happened and
 * what to change) without the raw code prefix; other roles — who cannot open the n8n settings —
 * get what happened and who can fix it.
 */
export function n8nErrorText(message: string, isAdmin: boolean, memberText: string): string {
  return isAdmin ? message.replace(/^(\[[A-Z_]+\] )?[A-Z_]{4,}: /, "") : memberText;
}

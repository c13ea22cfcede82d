/** Saves a file the browser built or received (JSON of a selection; the CSV/XLSX come from /api/exports/download). */
export function downloadFile(name: string, type: string, content: string | Blob) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The selection as an es-AR CSV or an XLSX, built by the server; a refusal carries its message. */
export async function fetchSpreadsheet(selection: unknown, format: "csv" | "xlsx", headers: Record<string, string>): Promise<{ name: string; blob: Blob }> {
  const res = await fetch("/api/exports/download", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ selection, format }) });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `Error ${res.status}`);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? `documentos.${format}`;
  return { name, blob: await res.blob() };
}

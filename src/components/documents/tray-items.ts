/** What the upload tray keeps in view: at most this many files. */
export const MAX_TRAY_ITEMS = 200;

export type TrayState = "queued" | "uploading" | "done" | "duplicate" | "error";

/**
 * The tray's items, newest first, at most `max` — but only uploads that already ended well
 * (done, duplicate) make room: a file still queued or uploading, or its error, never leaves the
 * tray, so every chosen file ends visibly. (Cutting the list at 200 hid the last files of a bigger
 * batch: they uploaded, or failed, with nothing on screen.)
 */
export function keepInView<T extends { state: TrayState }>(list: T[], max = MAX_TRAY_ITEMS): T[] {
  if (list.length <= max) return list;
  const endedWell = (i: T) => i.state === "done" || i.state === "duplicate";
  let room = max - list.filter((i) => !endedWell(i)).length;
  return list.filter((i) => !endedWell(i) || room-- > 0);
}

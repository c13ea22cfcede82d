/**
 * A full page load to `path`, for the moments the session or the active organization changes
 * (sign-in, sign-up, sign-out, a new organization, an accepted invitation): every client cache of
 * the previous identity is dropped, and there is no race between `router.push` and
 * `router.refresh` (a refresh issued before the push lands can leave the browser on the old page).
 */
export function hardNavigate(path: string) {
  window.location.assign(path);
}

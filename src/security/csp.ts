/**
 * The Content-Security-Policy of the app, in one place: the built page carries it as a
 * `<meta http-equiv>` (for any static host) and the dev and preview servers send it as a header
 * too (vite.config.ts). Scripts and workers come only from the app's own origin (no inline
 * script, no eval); MapLibre's worker and ours are files of the build; `blob:` is allowed for
 * workers only. Styles, images and data fetches are not restricted beyond the defaults, so that
 * the optional OpenStreetMap basemap keeps working.
 */
export const CONTENT_SECURITY_POLICY = [
  "script-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Directives a `<meta>` policy cannot carry (headers only). */
export const CONTENT_SECURITY_POLICY_HEADER = `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

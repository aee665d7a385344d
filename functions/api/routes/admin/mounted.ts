/**
 * The author's side routed into the app directly (the local runtime and the tests, so `app.routes`
 * lists every admin route). The Lambda bundles get a stub instead (scripts/lambda-plugins.mjs): the
 * api Lambda loads ./lazy.ts on its first author request, and this static import would put it all
 * back into the cold start.
 */
export { authorSide as mountedAuthorSide } from './lazy.js';

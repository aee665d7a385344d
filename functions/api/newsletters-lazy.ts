/**
 * Everything the api needs for newsletters beyond mounting their routes: the use-cases (with the
 * Markdown renderer), the admin pages, the archive and the newsletter sign-up page. One module,
 * imported on the first newsletter request from wherever it is needed, so the bundle gets one lazy
 * entry (each extra dynamic-import target adds shared chunks to the cold start).
 */
export * as compose from '../core/newsletters/compose.js';
export * as broadcast from '../core/newsletters/broadcast.js';
export * as admin from '../core/newsletters/admin.js';
export * as archive from '../core/newsletters/archive.js';
export * as archivePages from './pages/archive.js';
export * as signupPage from './pages/newsletter-signup.js';
export * as confirmPages from './pages/confirm-more.js';
export * as adminPages from './pages/admin/newsletters.js';
export { newslettersApi } from './routes/admin/api/newsletters.js';
export { newsletterPages } from './routes/admin/dash/newsletters.js';

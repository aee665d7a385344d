// What the Lambda bundles get instead of functions/api/routes/admin/mounted.ts (scripts/lambda-plugins.mjs):
// the api Lambda builds the author's side on its first request (createApp's authorSideOnFirstUse).
export function mountedAuthorSide() {
  throw new Error('The Lambda builds the author\'s side on first use (authorSideOnFirstUse): mounting it directly is local only.');
}

// What the Lambda bundles get instead of functions/api/routes/dev.ts (scripts/lambda-plugins.mjs):
// the /dev routes are local only, and without them no Lambda but inbound carries mailparser.
export function devRoutes() {
  throw new Error('The /dev routes are local only: the Lambda build leaves them out.');
}

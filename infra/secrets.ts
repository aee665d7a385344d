/**
 * Set per stage, never committed:
 *   npx sst secret set SigningSecret "$(openssl rand -base64 48)" --stage prod
 *   npx sst secret set AdminToken "$(openssl rand -base64 32)" --stage prod
 * (SigningSecretPrevious only when rotating the signing secret, below.)
 * Linked functions read them as Resource.SigningSecret.value / Resource.AdminToken.value.
 */

/**
 * HMAC key for every signed link and reply token. To rotate it, first move the current value into
 * SigningSecretPrevious with today's date, then set a new one: links in sent emails keep working
 * for 30 days, then stop (functions/core/links/rotation.ts).
 */
export const signingSecret = new sst.Secret('SigningSecret');

/**
 * "<rotation date, ISO 8601> <the signing secret before it>", or "none" (the placeholder: no
 * rotation yet, nothing to set):
 *   npx sst secret set SigningSecretPrevious "$(date -u +%FT%TZ) <old SigningSecret>" --stage prod
 */
export const signingSecretPrevious = new sst.Secret('SigningSecretPrevious', 'none');

/** Bearer token for the author's admin API and dashboard login. */
export const adminToken = new sst.Secret('AdminToken');

/**
 * Set per stage, never committed:
 *   npx sst secret set SigningSecret "$(openssl rand -base64 48)" --stage prod
 *   npx sst secret set AdminToken "$(openssl rand -base64 32)" --stage prod
 * Linked functions read them as Resource.SigningSecret.value / Resource.AdminToken.value.
 */

/** HMAC key for every signed link and reply token. Rotating it invalidates links in sent emails. */
export const signingSecret = new sst.Secret('SigningSecret');

/** Bearer token for the author's admin API and dashboard login. */
export const adminToken = new sst.Secret('AdminToken');

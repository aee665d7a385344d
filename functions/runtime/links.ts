/**
 * What each Lambda links (infra/*.ts `link:`), and so all it may read through SST's `Resource`:
 * SST throws on first access to a name that is not linked, and a link is also an IAM grant, so each
 * function gets only what it uses. infra/links.ts turns these names into the linked components;
 * functions/runtime/aws.ts reads exactly these, nothing more. Names match the components in infra/.
 *
 * - MendTable: every function.
 * - SigningSecret: whoever makes or checks signed links and reply tokens (api, dispatch, inbound),
 *   and whoever keys the suppression list's address hashes (ses-events too).
 * - SigningSecretPrevious: whoever checks links or looks addresses up on the suppression list (api,
 *   dispatch, inbound), for the grace after a rotation.
 * - AdminToken: only the api (the author's dashboard and admin API).
 * - MendEmail: whoever sends (its link grants ses:* on the identity and configuration set).
 * - InboundBucket: inbound, which reads the raw message SES stored there, and the api, which
 *   deletes a reader's raw messages when the author erases them.
 */
export const FUNCTION_LINKS = {
  api: ['MendTable', 'SigningSecret', 'SigningSecretPrevious', 'AdminToken', 'MendEmail', 'InboundBucket'],
  dispatch: ['MendTable', 'SigningSecret', 'SigningSecretPrevious', 'MendEmail'],
  inbound: ['MendTable', 'SigningSecret', 'SigningSecretPrevious', 'InboundBucket'],
  sesEvents: ['MendTable', 'SigningSecret'],
} as const;

export type FunctionName = keyof typeof FUNCTION_LINKS;
export type LinkName = (typeof FUNCTION_LINKS)[FunctionName][number];

export const links = (fn: FunctionName): readonly LinkName[] => FUNCTION_LINKS[fn];
export const linksTo = (fn: FunctionName, name: LinkName): boolean => links(fn).includes(name);

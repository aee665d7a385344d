import { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesClientOptions } from '../core/sending/client-options.js';

/**
 * The SES client of the functions that send (api, dispatch). A module of its own so the functions
 * that send nothing (inbound, ses-events) never bundle it, and handlers never import the SDK.
 */
export const sesClient = () => new SESv2Client(sesClientOptions);

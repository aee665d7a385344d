/** Starts dynalite and the SES emulator in this process and prints their URLs (bench: services off the dispatcher's CPU). */
import { startDynalite, startSes } from '../functions/local/services.js';
const d = await startDynalite();
const s = await startSes();
process.stdout.write(JSON.stringify({ dynamoUrl: d.url, sesUrl: s.url }) + '\n');

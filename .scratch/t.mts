import { Entity } from 'electrodb';
import { startDynalite } from '/work/wt/newsletters/functions/local/services.js';
import { makeDb } from '/work/wt/newsletters/functions/core/db/client.js';
import { ensureTable } from '/work/wt/newsletters/functions/local/table.js';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED='true';
const d = await startDynalite();
const db = makeDb({ table: 'ttt', endpoint: d.url });
await ensureTable(d.url, 'ttt');
const e = new Entity({ model: { entity: 'x', version: '1', service: 'mend' }, attributes: { issueId: {type:'string',required:true}, readerId:{type:'string',required:true}, state:{type:'string'}, dueSlot:{type:'string'}, n:{type:'number'} },
 indexes: { byKey: { pk: { field: 'pk', composite: ['issueId'], template: 'NL#${issueId}', casing: 'none' }, sk: { field: 'sk', composite: ['readerId'], template: 'TO#${readerId}', casing: 'none' } },
  due: { index: 'list', condition: (a: any) => a.dueSlot !== undefined, pk: { field: 'listPk', composite: ['issueId'], template: 'NLDUE#${issueId}', casing: 'none' }, sk: { field: 'listSk', composite: ['dueSlot'], template: '${dueSlot}', casing: 'none' } } } }, { client: db.client, table: 'ttt' });
await e.put({ issueId: 'i', readerId: 'r1', state: 'queued', dueSlot: 'a#r1' }).go();
console.log((await e.query.due({ issueId: 'i' }).go()).data.length);
try { console.log(e.patch({ issueId: 'i', readerId: 'r1' }).set({ state: 'claimed', dueSlot: 'b#r1' }).where(({state},{eq})=>eq(state,'queued')).params()); } catch (err) { console.log('ERR1', (err as Error).message); }
try { console.log(JSON.stringify(e.patch({ issueId: 'i', readerId: 'r1' }).set({ state: 'sent' }).remove(['dueSlot']).params())); await e.patch({ issueId: 'i', readerId: 'r1' }).set({ state: 'sent' }).remove(['dueSlot']).go(); } catch (err) { console.log('ERR2', (err as Error).message); }
console.log((await e.query.due({ issueId: 'i' }).go()).data.length, (await e.get({issueId:'i',readerId:'r1'}).go()).data);
await d.close(); process.exit(0);

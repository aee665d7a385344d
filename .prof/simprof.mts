import { simulate } from '../functions/local/simulate.js';
const t = performance.now();
const r = await simulate({ readers: 30, days: 60, seed: 7 });
console.log('readers', r.readers.length, 'ms', Math.round(performance.now() - t));

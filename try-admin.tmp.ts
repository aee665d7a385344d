import { startStack } from '/work/main/functions/local/stack.ts';
const s = await startStack({ dataDir: null, silent: true });
for (const r of s.app.routes) if (/admin/.test(r.path)) console.log(r.method, r.path);
await s.close();

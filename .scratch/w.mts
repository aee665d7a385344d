import { buildLambdas } from '../scripts/build-lambdas.ts';
const { bundles } = await buildLambdas({ outDir: '/tmp/lw' });
for (const b of bundles) if (b.fn === 'api' || b.fn === 'sesEvents') console.log(b.fn, b.bytes, b.weights.slice(0, 25).map(([k, v]) => `${k}:${Math.round(v / 1024)}`).join(' '));

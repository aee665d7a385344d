const fs=require('fs');
function w(f){const m=JSON.parse(fs.readFileSync(f));const out=m.outputs;const eager=Object.entries(out).filter(([k,v])=>k.endsWith('handler.mjs'))[0];
// eager: handler + its static imports
const seen=new Set();const q=[eager[0]];while(q.length){const k=q.pop();if(seen.has(k))continue;seen.add(k);for(const i of out[k].imports||[]) if(i.kind==='import-statement') q.push(i.path.startsWith('/')?i.path:require('path').join(require('path').dirname(k),'..','..',i.path))}
const by={};for(const k of seen){const o=out[k]||out[Object.keys(out).find(x=>x.endsWith(require('path').basename(k)))];if(!o)continue;for(const [inp,v] of Object.entries(o.inputs)){const key=inp.includes('node_modules/')?inp.split('node_modules/').pop().split('/').slice(0,inp.split('node_modules/').pop().startsWith('@')?2:1).join('/'):inp.split('/').slice(0,3).join('/');by[key]=(by[key]||0)+v.bytesInOutput}}
return by}
const a=w('/tmp/lw2/api/meta.json'), b=w('/tmp/lw/api/meta.json');
const keys=new Set([...Object.keys(a),...Object.keys(b)]);const d=[...keys].map(k=>[k,(b[k]||0)-(a[k]||0)]).filter(x=>Math.abs(x[1])>2000).sort((x,y)=>y[1]-x[1]);console.log(d.map(x=>x[0]+':'+Math.round(x[1]/1024)).join(' '));

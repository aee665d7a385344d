const path=require('path');
function eager(dir){const m=require(dir+'/meta.json');const out=m.outputs;const root=Object.keys(out).find(k=>k.endsWith('handler.mjs'));
const seen=new Set();const q=[root];while(q.length){const k=q.pop();if(seen.has(k))continue;seen.add(k);for(const i of out[k].imports||[]) if(i.kind==='import-statement'&&!i.external) q.push(i.path)}
const by={};for(const k of seen){const o=out[k];if(!o)continue;for(const [inp,v] of Object.entries(o.inputs)) by[inp]=(by[inp]||0)+v.bytesInOutput}return by}
const a=eager('/tmp/lw2/api'), b=eager('/tmp/lw/api');
const keys=new Set([...Object.keys(a),...Object.keys(b)]);const d=[...keys].map(k=>[k,(b[k]||0)-(a[k]||0)]).filter(x=>Math.abs(x[1])>800).sort((x,y)=>y[1]-x[1]);
console.log(d.map(x=>x[0].replace(/^.*node_modules\//,'nm:')+' '+Math.round(x[1]/1024)).join('\n'));

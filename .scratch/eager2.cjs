function eager(dir){const m=require(dir+'/meta.json');const out=m.outputs;const root=Object.keys(out).find(k=>k.endsWith('/handler.mjs'));
const seen=new Set();const q=[root];while(q.length){const k=q.pop();if(seen.has(k))continue;seen.add(k);for(const i of out[k].imports||[]) if(i.kind==='import-statement'&&!i.external) q.push(i.path)}
const by={};let tot=0;for(const k of seen){const o=out[k];if(!o)continue;tot+=o.bytes;for(const [inp,v] of Object.entries(o.inputs)) by[inp.replace(/^.*node_modules\//,'nm:').replace(/^.*?functions\//,'functions/')]=(by[inp]||0)+v.bytesInOutput}return [by,tot]}
const [a,ta]=eager('/tmp/lw2/api'), [b,tb]=eager('/tmp/lw/api');console.log('totals',ta,tb);
const keys=new Set([...Object.keys(a),...Object.keys(b)]);const d=[...keys].map(k=>[k,(b[k]||0)-(a[k]||0)]).filter(x=>Math.abs(x[1])>300).sort((x,y)=>y[1]-x[1]);
console.log(d.map(x=>x[0]+' '+(x[1]/1024).toFixed(1)).join('\n'));

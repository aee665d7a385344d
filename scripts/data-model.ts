/**
 * `npm run data-model`: prints the data-model table generated from the ElectroDB entities;
 * `-- --write` puts it into README.md between its markers.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { makeDb } from '../functions/core/db/client.js';
import { MODEL_BEGIN, MODEL_END, dataModelTable } from '../functions/core/db/model.js';

const table = dataModelTable(makeDb({ table: 'mend', endpoint: 'http://127.0.0.1:1' }).entities);
if (!process.argv.includes('--write')) {
  console.log(table);
} else {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf(MODEL_BEGIN);
  const end = readme.indexOf(MODEL_END);
  if (start < 0 || end < start) {
    console.error(`README.md has no data-model markers (${MODEL_BEGIN} ... ${MODEL_END})`);
    process.exit(1);
  }
  writeFileSync('README.md', `${readme.slice(0, start + MODEL_BEGIN.length)}\n${table}\n${readme.slice(end)}`);
  console.log('README.md data-model table updated');
}

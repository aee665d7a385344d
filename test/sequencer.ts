import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that run longest here (their simulations), started first and in this order, so no
 * worker is left running one alone at the end of the suite. Vitest's own order uses the durations
 * it cached on the last run (none on a fresh clone, and a file's beforeAll, where these seed their
 * worlds, is left out of them) or else file size.
 */
const FIRST = [
  // Seeds the course world (helpers/course-world.ts) the dashboard's browser test copies later,
  // once it is there, instead of waiting beside it.
  'test/local/simulate.test.ts',
  'test/local/faults.test.ts',
  'test/local/simulate-options.test.ts',
  'test/core/course-fidelity.test.ts',
  'test/local/start.test.ts',
  'test/lambda/handlers.test.ts',
  'test/browser/dashboard.test.ts',
  // One of the two files on the shared admin world seeds it early; the other copies it later
  // instead of waiting beside it.
  'test/api/admin/reports.test.ts',
];
const LAST = ['test/api/admin/readers.test.ts'];

const rank = (spec: TestSpecification) => {
  const file = spec.moduleId.slice(spec.project.config.root.length).replace(/^\/+/, '');
  const first = FIRST.indexOf(file);
  if (first >= 0) return first - FIRST.length;
  return LAST.includes(file) ? 1 : 0;
};

export default class HeavyFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    // A stable sort: the rest keep vitest's order.
    return base.map((spec, i) => ({ spec, i, r: rank(spec) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.spec);
  }
}

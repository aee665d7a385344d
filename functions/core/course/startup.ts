import { templateIds } from '../mailer/template-source.js';
import { checkCourse } from './check.js';
import { courseVersions, currentCourse } from './versions.js';

/**
 * Start-up refuses a broken course: better no emails than a reader stranded mid-course. The local
 * runtime runs it when it starts, every Lambda at cold start (functions/runtime/aws.ts). The lesson
 * ids come from the template source: live templates locally, the precompiled artifact in a Lambda.
 */
export function checkCourseOrThrow(templates: ReadonlySet<string> = templateIds): void {
  const problems = [...courseVersions.values()].flatMap((c) =>
    checkCourse(c, templates, { retired: c.version !== currentCourse.version }).map((p) => `${c.version}: ${p}`),
  );
  if (problems.length) throw new Error(`The course is not sound:\n- ${problems.join('\n- ')}`);
}

import { lessonTemplates } from '../../../emails/lessons/index.js';
import { checkCourse } from './check.js';
import { courseVersions, currentCourse } from './versions.js';

/** Start-up refuses a broken course: better no emails than a reader stranded mid-course. */
export function checkCourseOrThrow(): void {
  const templates = new Set(lessonTemplates.keys());
  const problems = [...courseVersions.values()].flatMap((c) =>
    checkCourse(c, templates, { retired: c.version !== currentCourse.version }).map((p) => `${c.version}: ${p}`),
  );
  if (problems.length) throw new Error(`The course is not sound:\n- ${problems.join('\n- ')}`);
}

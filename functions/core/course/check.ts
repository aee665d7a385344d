import type { CourseDefinition } from './schema.js';
import { CourseDefinition as CourseSchema } from './schema.js';

/**
 * Proves a course is sound before anyone is sent anything: every lesson reachable from some
 * track's start, every path ends in a final lesson or a branch, day offsets only increase along
 * a path, every branch choice leads somewhere real, every lesson has a template.
 * Returns the problems found; an empty list means the course is good.
 */
export function checkCourse(def: CourseDefinition, templates: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const parsed = CourseSchema.safeParse(def);
  if (!parsed.success) return parsed.error.issues.map((i) => `schema: ${i.path.join('.')}: ${i.message}`);

  const reached = new Set<string>(); // 'track/path'
  const queue: string[] = Object.keys(def.tracks).map((t) => `${t}/main`);
  // Replies that resolve the story lead to closing lessons: those paths are reachable too.
  const targets = Object.values(def.resolutions).flatMap((byTrack) => Object.values(byTrack));
  for (const t of targets) queue.push(`${t.track}/${t.path}`);
  const onPath = (t: { track: string; path: string; lesson?: string }) =>
    !t.lesson || !!def.tracks[t.track as keyof CourseDefinition['tracks']]?.paths[t.path]?.some((l) => l.lesson === t.lesson);
  for (const b of Object.values(def.branches))
    for (const c of b.choices)
      if (c.action.type === 'goto' && !onPath(c.action.to))
        problems.push(`a choice leads to ${c.action.to.lesson}, which is not on ${c.action.to.track}/${c.action.to.path}`);
  for (const t of targets)
    if (!onPath(t))
      problems.push(`a resolution leads to ${t.lesson}, which is not on ${t.track}/${t.path}`);
  const lessonsSeen = new Set<string>();
  const allLessons = new Set<string>();
  for (const [track, t] of Object.entries(def.tracks)) {
    if (!t.paths.main) problems.push(`track ${track} has no main path`);
    for (const [name, path] of Object.entries(t.paths)) {
      const ids = new Set<string>();
      path.forEach((ref, i) => {
        allLessons.add(ref.lesson);
        if (ids.has(ref.lesson)) problems.push(`${track}/${name}: lesson ${ref.lesson} appears twice`);
        ids.add(ref.lesson);
        if (i > 0 && ref.day <= path[i - 1]!.day) problems.push(`${track}/${name}: day ${ref.day} of ${ref.lesson} does not increase`);
        if (ref.branch && i !== path.length - 1) problems.push(`${track}/${name}: branch ${ref.branch} must end its path`);
        if (ref.branch && !def.branches[ref.branch]) problems.push(`${track}/${name}: unknown branch ${ref.branch}`);
      });
    }
  }
  while (queue.length) {
    const key = queue.shift()!;
    if (reached.has(key)) continue;
    reached.add(key);
    const [track, name] = key.split('/') as [keyof CourseDefinition['tracks'], string];
    const path = def.tracks[track]?.paths[name];
    if (!path) {
      problems.push(`a choice leads to missing path ${key}`);
      continue;
    }
    for (const ref of path) lessonsSeen.add(ref.lesson);
    const last = path.at(-1)!;
    if (!last.branch) continue; // ends in a final lesson
    const branch = def.branches[last.branch];
    if (!branch) continue;
    const ids = new Set(branch.choices.map((c) => c.id));
    for (const k of ['onTimeout', 'finally'] as const)
      if (!ids.has(branch[k])) problems.push(`branch ${branch.id}: ${k} '${branch[k]}' is not one of its choices`);
    let leavesBranch = false;
    for (const choice of branch.choices) {
      if (choice.action.type === 'goto') {
        leavesBranch = true;
        queue.push(`${choice.action.to.track}/${choice.action.to.path}`);
      } else {
        lessonsSeen.add(choice.action.lesson);
        allLessons.add(choice.action.lesson);
      }
    }
    if (!leavesBranch) problems.push(`branch ${branch.id}: no choice ever leaves it (a dead end)`);
    const fin = branch.choices.find((c) => c.id === branch.finally);
    if (fin && fin.action.type !== 'goto') problems.push(`branch ${branch.id}: 'finally' must move the reader on`);
  }
  for (const [track, t] of Object.entries(def.tracks))
    for (const name of Object.keys(t.paths))
      if (!reached.has(`${track}/${name}`)) problems.push(`path ${track}/${name} is unreachable`);
  for (const id of Object.values(def.interjections)) {
    lessonsSeen.add(id);
    allLessons.add(id);
  }
  for (const id of allLessons) {
    if (!templates.has(id)) problems.push(`lesson ${id} has no template`);
    if (!lessonsSeen.has(id)) problems.push(`lesson ${id} is unreachable`);
  }
  return problems;
}

import type { CourseDefinition } from './schema.js';
import { CourseDefinition as CourseSchema } from './schema.js';
import { contactProblems } from './contact.js';
import { FACTS } from './facts.js';

export interface CheckOptions {
  /**
   * A retired version is only checked for soundness (readers on it must never be stranded); the
   * rules about what a question may do to a silent reader apply to the course new readers get.
   */
  retired?: boolean;
}

/**
 * Proves a course is sound before anyone is sent anything: every lesson reachable from some
 * track's start, every path ends in a final lesson or a branch, day offsets only increase along
 * a path, every branch choice leads somewhere real, every lesson has a template. For the current
 * course also: silence is never taken for a choice a reader could have made (a branch's `finally`
 * is a hidden choice), re-asks never repeat one lesson in a row and end by asking whether to keep
 * asking, and questions only name facts the engine knows.
 * Returns the problems found; an empty list means the course is good.
 */
export function checkCourse(def: CourseDefinition, templates: ReadonlySet<string>, opts: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const parsed = CourseSchema.safeParse(def);
  if (!parsed.success) return parsed.error.issues.map((i) => `schema: ${i.path.join('.')}: ${i.message}`);
  const strict = !opts.retired;

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
  const pathLessons = new Set<string>();
  for (const [track, t] of Object.entries(def.tracks)) {
    if (!t.paths.main) problems.push(`track ${track} has no main path`);
    for (const [name, path] of Object.entries(t.paths)) {
      const ids = new Set<string>();
      path.forEach((ref, i) => {
        allLessons.add(ref.lesson);
        pathLessons.add(ref.lesson);
        if (ids.has(ref.lesson)) problems.push(`${track}/${name}: lesson ${ref.lesson} appears twice`);
        ids.add(ref.lesson);
        if (i > 0 && ref.day <= path[i - 1]!.day) problems.push(`${track}/${name}: day ${ref.day} of ${ref.lesson} does not increase`);
        if (ref.branch && i !== path.length - 1) problems.push(`${track}/${name}: branch ${ref.branch} must end its path`);
        if (ref.branch && !def.branches[ref.branch]) problems.push(`${track}/${name}: unknown branch ${ref.branch}`);
      });
    }
  }

  const visited = new Set<string>();
  /** A branch the reader can be asked: its choices' paths are reachable, its lessons too. */
  const visitBranch = (id: string, from: string) => {
    if (visited.has(id)) return;
    const branch = def.branches[id];
    if (!branch) {
      problems.push(`${from} asks unknown branch ${id}`);
      return;
    }
    visited.add(id);
    const ids = new Set(branch.choices.map((c) => c.id));
    for (const k of ['onTimeout', 'finally'] as const)
      if (!ids.has(branch[k])) problems.push(`branch ${branch.id}: ${k} '${branch[k]}' is not one of its choices`);
    let leavesBranch = false;
    for (const choice of branch.choices) {
      if (choice.action.type === 'goto') {
        leavesBranch = true;
        queue.push(`${choice.action.to.track}/${choice.action.to.path}`);
        continue;
      }
      const lessons = [choice.action.lesson, ...(choice.action.then ?? [])];
      for (const l of lessons) {
        lessonsSeen.add(l);
        allLessons.add(l);
      }
      if (strict && new Set(lessons).size !== lessons.length) problems.push(`branch ${branch.id}: choice ${choice.id} re-asks with the same lesson twice in a row`);
      const asks = choice.action.ask ?? branch.id;
      if (choice.action.ask) visitBranch(choice.action.ask, `branch ${branch.id}`);
      const asked = def.branches[asks];
      if (strict && asked && !asked.enough && !choice.hidden)
        problems.push(`branch ${asks}: re-asks never end (give it 'enough': a lesson asking whether to keep asking)`);
    }
    if (branch.enough) {
      lessonsSeen.add(branch.enough.lesson);
      allLessons.add(branch.enough.lesson);
      visitBranch(branch.enough.branch, `branch ${branch.id}`);
    }
    if (!leavesBranch) problems.push(`branch ${branch.id}: no choice ever leaves it (a dead end)`);
    const fin = branch.choices.find((c) => c.id === branch.finally);
    if (fin && fin.action.type !== 'goto') problems.push(`branch ${branch.id}: 'finally' must move the reader on`);
    if (strict && fin && !fin.hidden)
      problems.push(`branch ${branch.id}: 'finally' is a choice a reader could click; silence needs a hidden choice of its own, leading to a lesson that says no answer came`);
    if (branch.choices.filter((c) => !c.hidden).length < 2) problems.push(`branch ${branch.id}: fewer than two choices to click`);
    for (const q of [branch.question, branch.reask ?? ''])
      for (const [, name] of q.matchAll(/\{(\w+)\}/g))
        if (!(FACTS as readonly string[]).includes(name!)) problems.push(`branch ${branch.id}: the question names an unknown fact {${name}}`);
  };

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
    if (last.branch && def.branches[last.branch]) visitBranch(last.branch, key);
  }
  for (const [track, t] of Object.entries(def.tracks))
    for (const name of Object.keys(t.paths))
      if (!reached.has(`${track}/${name}`)) problems.push(`path ${track}/${name} is unreachable`);
  for (const id of Object.keys(def.branches))
    if (!visited.has(id)) problems.push(`branch ${id} is never asked`);
  for (const id of Object.values(def.interjections)) {
    lessonsSeen.add(id);
    allLessons.add(id);
  }
  for (const kind of Object.keys(def.interjectionTimes ?? {}))
    if (!def.interjections[kind]) problems.push(`interjectionTimes names ${kind}, which is not an interjection`);
  for (const id of def.waiting ?? []) {
    lessonsSeen.add(id);
    allLessons.add(id);
    // A waiting lesson is sent at most once, outside every path: on a path it would be skipped or doubled.
    if (pathLessons.has(id)) problems.push(`waiting lesson ${id} is also on a path`);
  }
  for (const id of allLessons) {
    if (!templates.has(id)) problems.push(`lesson ${id} has no template`);
    if (!lessonsSeen.has(id)) problems.push(`lesson ${id} is unreachable`);
  }
  // Replies are read against these names (course/contact.ts): a renamed lesson must not silently turn contact back into slips.
  if (strict) problems.push(...contactProblems(def));
  return problems;
}

/** Lesson ids carry a '/', which SES tag values cannot: emails tag them with '.' instead. */
export const lessonTag = (ref: string) => ref.replace(/\//g, '.');
export const lessonFromTag = (tag: string) => tag.replace(/\./g, '/');

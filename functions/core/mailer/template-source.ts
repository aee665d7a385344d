/**
 * Where the app gets its email templates and the set of lesson ids that have one. Here: live
 * React rendering (local runtime, tests, the react-email preview's own templates). The Lambda
 * build replaces this one module with the generated artifact of precompiled templates
 * (scripts/lambda-plugins.mjs), which exports the same two names, so no Lambda bundle carries React.
 */
export { liveTemplates as templates, liveTemplateIds as templateIds, liveLessonSubjects as lessonSubjects } from './live-templates.js';

/** npm run bench: prints figures and ratios measured in the same run. Not a test. */
export {};
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { benchDispatch } = await import('./dispatch.js');

const which = process.argv[2];
if (!which || which === 'dispatch') await benchDispatch();

/** npm run bench [dispatch|report|lambdas|newsletter|reader-item]: prints figures and ratios measured in the same run. Not a test. */
export {};
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const which = process.argv[2];
if (which && !['dispatch', 'report', 'lambdas', 'newsletter', 'reader-item'].includes(which)) {
  console.error(`bench: unknown case '${which}' (use dispatch, report, lambdas, newsletter or reader-item)`);
  process.exit(2);
}
if (!which || which === 'dispatch') await (await import('./dispatch.js')).benchDispatch();
if (!which || which === 'report') await (await import('./report.js')).benchReport();
if (!which || which === 'lambdas') await (await import('./lambdas.js')).benchLambdas();
if (!which || which === 'newsletter') await (await import('./newsletter.js')).benchNewsletter();
if (!which || which === 'reader-item') await (await import('./reader-item.js')).benchReaderItem();

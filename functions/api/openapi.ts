/**
 * OpenAPI 3.1 description of the author's admin API, served at /api/admin/openapi.json (itself
 * behind the bearer token). Hand-written and short: the routes are few and stable.
 */
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const q = (name: string, schema: object, description?: string) => ({ name, in: 'query', required: false, schema, ...(description ? { description } : {}) });
const p = (name: string) => ({ name, in: 'path', required: true, schema: { type: 'string' } });
const json = (schema: object) => ({ 'application/json': { schema } });
const ok = (schema: object, csv = false) => ({
  200: { description: 'OK', content: { ...json(schema), ...(csv ? { 'text/csv': { schema: { type: 'string' } } } : {}) } },
  401: { description: 'Missing or wrong bearer token' },
  429: { description: 'Too many wrong tokens from this address: wait for Retry-After seconds' },
});
const format = q('format', { enum: ['json', 'csv'], default: 'json' }, 'csv streams every matching row (pagination ignored)');
const page = [q('cursor', { type: 'string' }, 'from the previous page'), q('limit', { type: 'integer' })];
const body = (schema: object) => ({ required: true, content: json(schema) });
// The API codes, with the names readers see: tumultuous = stormy, healthy = loving, stress = under stress.
const tracks = { enum: ['tumultuous', 'healthy', 'stress'], description: 'tumultuous = a stormy relationship, healthy = a loving one that ended, stress = a breakup under stress' };
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', properties, required });

export function openapi(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: { title: 'Mend admin API', version: '1', description: 'The author\'s data: readers, replies, outcomes, reports. Every route needs `Authorization: Bearer <admin token>`.' },
    servers: [{ url: `${serverUrl}/api/admin` }],
    security: [{ bearer: [] }],
    paths: {
      '/overview': { get: { summary: 'Readers by status and track, lessons sent in 7/30 days, replies awaiting review, next dispatch', responses: ok({ type: 'object' }) } },
      '/readers': {
        get: {
          summary: 'Search readers, newest first',
          parameters: [q('email', { type: 'string' }, 'exact address'), q('q', { type: 'string' }, 'part of an address or first name'), q('track', tracks), q('status', { type: 'string' }), ...page, format],
          responses: ok(obj({ readers: { type: 'array', items: ref('ReaderSummary') }, cursor: { type: ['string', 'null'] } }), true),
        },
      },
      '/readers/{id}': { get: { summary: 'A reader\'s whole story', parameters: [p('id')], responses: { ...ok(ref('ReaderStory')), 404: { description: 'No such reader' } } } },
      '/readers/{id}/notes': { post: { summary: 'Add a private note', parameters: [p('id')], requestBody: body(obj({ text: { type: 'string' } }, ['text'])), responses: { 201: { description: 'Created' } } } },
      '/replies': {
        get: {
          summary: 'Replies inbox, newest first',
          parameters: [q('box', { enum: ['unreviewed', 'reviewed'] }), q('signal', { type: 'string' }), q('track', tracks), ...page, format],
          responses: ok(obj({ replies: { type: 'array', items: { type: 'object' } }, cursor: { type: ['string', 'null'] } }), true),
        },
      },
      '/replies/{readerId}/{replyId}/review': { post: { summary: 'Mark reviewed (or back to unreviewed)', parameters: [p('readerId'), p('replyId')], requestBody: body(obj({ reviewed: { type: 'boolean', default: true } })), responses: ok({ type: 'object' }) } },
      '/replies/{readerId}/{replyId}/signals': { post: { summary: 'Replace the reply\'s signals with the author\'s reading', parameters: [p('readerId'), p('replyId')], requestBody: body(obj({ signals: { type: 'array', items: { type: 'string' } } }, ['signals'])), responses: ok({ type: 'object' }) } },
      '/replies/{readerId}/{replyId}/outcome': { post: { summary: 'Confirm the proposed outcome (or another) for the check-in the reply answers', parameters: [p('readerId'), p('replyId')], requestBody: body(obj({ outcome: { type: 'string' }, checkpoint: { type: 'string', example: '3m' } })), responses: ok({ type: 'object' }) } },
      '/replies/{readerId}/{replyId}/note': { post: { summary: 'Private note on a reply', parameters: [p('readerId'), p('replyId')], requestBody: body(obj({ text: { type: 'string' } }, ['text'])), responses: { 201: { description: 'Created' } } } },
      '/unmatched': { get: { summary: 'Inbound mail no reader was found for', parameters: [...page, format], responses: ok({ type: 'object' }, true) } },
      '/unmatched/{id}/assign': { post: { summary: 'Make it a reply of a reader', parameters: [p('id')], requestBody: body(obj({ readerId: { type: 'string' }, email: { type: 'string' } })), responses: ok({ type: 'object' }) } },
      '/outcomes': { get: { summary: 'Per-reader outcome records, newest first', parameters: [q('checkpoint', { type: 'string' }), q('situation', tracks), q('track', tracks), ...page, format], responses: ok({ type: 'object' }, true) } },
      '/reports/outcomes': {
        get: {
          summary: 'Outcome report per situation (or track when asked) and checkpoint, from the counters',
          parameters: [q('by', { enum: ['situation', 'track'], default: 'situation' }), format],
          responses: ok(ref('OutcomeReport'), true),
        },
      },
      '/reports/cohorts': { get: { summary: 'The same per enrolment month', parameters: [q('situation', tracks), q('from', { type: 'string', example: '2026-01' }), q('to', { type: 'string' }), format], responses: ok({ type: 'object' }, true) } },
      '/reports/funnel': { get: { summary: 'Per track and lesson: sent, replied, clicked, unsubscribed', parameters: [q('track', tracks), format], responses: ok({ type: 'object' }, true) } },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        ReaderSummary: obj({ id: { type: 'string' }, email: { type: 'string' }, firstName: { type: 'string' }, situation: { type: 'string' }, track: { type: 'string' }, status: { type: 'string' }, createdAt: { type: 'string' } }),
        ReaderStory: obj({
          id: { type: 'string' },
          email: { type: 'string' },
          firstName: { type: 'string' },
          situation: { type: 'string' },
          track: { type: 'string' },
          status: { type: 'string' },
          sends: { type: 'array', items: obj({ lessonId: { type: 'string' }, sentAt: { type: 'string' }, track: { type: 'string' }, day: { type: 'integer' } }) },
          checkins: { type: 'array', items: obj({ checkpoint: { type: 'string' }, sentAt: { type: 'string' } }) },
          choices: { type: 'array', items: { type: 'object' } },
          replies: { type: 'array', items: obj({ receivedAt: { type: 'string' }, lessonId: { type: 'string' }, text: { type: 'string' }, signals: { type: 'array' } }) },
          outcomes: { type: 'array', items: obj({ checkpoint: { type: 'string' }, outcome: { type: 'string' } }) },
          notes: { type: 'array', items: { type: 'object' } },
          timeline: { type: 'array', items: { type: 'object' } },
        }),
        OutcomeReport: obj({
          by: { enum: ['situation', 'track'] },
          checkpoints: { type: 'array', items: { type: 'string' } },
          categories: { type: 'array', items: { type: 'string' } },
          groups: {
            type: 'array',
            items: obj({
              group: { type: 'string' },
              rows: {
                type: 'array',
                items: obj({
                  checkpoint: { type: 'string' },
                  due: { type: 'integer' },
                  responded: { type: 'integer' },
                  responseRate: { type: ['number', 'null'] },
                  counts: { type: 'object', description: 'per outcome id, plus no_response' },
                  shares: { type: 'object', description: 'share of readers due' },
                  reconciled: { type: 'object', description: 'back together in any way (healthy, on/off, or broke up again): count, ofResponded, low, high' },
                  reconciledHealthy: { type: 'object', description: 'back together in a healthy way only, the same shape' },
                  notAsked: { type: 'integer', description: 'readers who unsubscribed, stopped check-ins or never agreed to them before this checkpoint (not in due)' },
                }),
              },
            }),
          },
        }),
      },
    },
  };
}

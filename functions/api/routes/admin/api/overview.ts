import { Overview, overview } from '../../../../core/admin/overview.js';
import { apiRoute } from './route.js';

export const overviewApi = [
  apiRoute(
    {
      id: 'getOverview',
      method: 'get',
      path: '/overview',
      summary: 'Readers by status and track, lessons sent in 7/30 days, replies awaiting review, next dispatch',
      what: 'overview',
      response: Overview,
    },
    async (c) => overview(c.var.ctx),
  ),
];

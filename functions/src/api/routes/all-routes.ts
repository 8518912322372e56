import { openApiRoutes } from '../../openapi/openapi-route';
import type { ApiDeps } from '../deps';
import type { AnyRoute } from '../router';
import { connectionRoutes } from './connections';
import { contentRoutes } from './content';
import { dashboardRoutes } from './dashboard';
import { fleetRoutes } from './fleet';
import { operatorRoutes } from './operators';
import { resultRoutes } from './results';
import { runRoutes } from './runs';
import { scenarioRoutes } from './scenarios';
import { scheduleRoutes } from './schedules';
import { sessionRoutes } from './sessions';
import { strategyPreviewRoutes } from './strategy-preview';
import { systemRoutes } from './system';
import { userRoutes } from './users';

/** Every route of the API, in one table (the OpenAPI document is generated from it). */
export function allRoutes(deps: ApiDeps): AnyRoute[] {
  const routes: AnyRoute[] = [
    ...systemRoutes(deps),
    ...connectionRoutes(deps),
    ...operatorRoutes(deps),
    ...contentRoutes(deps),
    ...strategyPreviewRoutes(deps),
    ...scenarioRoutes(deps),
    ...userRoutes(deps),
    ...scheduleRoutes(deps),
    ...dashboardRoutes(deps),
    ...fleetRoutes(deps),
    ...sessionRoutes(deps),
    ...runRoutes(deps),
    ...resultRoutes(deps),
  ];
  return [...routes, ...openApiRoutes(() => routes)];
}

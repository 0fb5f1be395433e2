/**
 * The route table, tried in order: the first route whose matcher accepts a path answers it.
 * A route for a new kind of path goes before the catch-all of its group: `<set>/…` paths before
 * {@link collectionRoute}, `<set>(<id>)/…` paths before {@link propertyRoute}; an unbound action
 * or function (`POST <Action>`, `GET <Function>(…)`) anywhere before the entity-set routes.
 */
import type { AnyRoute } from '../router.js';
import { batchRoute } from './batch.js';
import { bulkDeleteRoute } from './bulkDelete.js';
import { collectionRoute, countRoute } from './collection.js';
import { collectionNavigationRoute } from './collectionNavigation.js';
import { contactCenterRoute } from './contactCenter.js';
import { faultsRoute } from './faults.js';
import { messagesRoute } from './messages.js';
import { metadataRoute } from './metadata.js';
import { singleNavigationRoute } from './navigation.js';
import { propertyRoute } from './property.js';
import { recordRoute } from './record.js';
import { whoAmIRoute } from './whoAmI.js';

/** Every path the emulator serves, in the order the router tries them. @internal */
export const routes: readonly AnyRoute[] = [
  batchRoute,
  messagesRoute,
  faultsRoute,
  metadataRoute,
  whoAmIRoute,
  bulkDeleteRoute,
  contactCenterRoute,
  countRoute,
  collectionRoute,
  recordRoute,
  singleNavigationRoute,
  collectionNavigationRoute,
  propertyRoute,
];

/** Every check, in the order the report prints them. */
import type { Check } from '../types.js';
import { keyCheck, reachableCheck, regionCheck } from './connection.js';
import { configCheck, debugCheck, modeCheck, viteCheck } from './environment.js';
import { corsCheck, timeoutCheck } from './http.js';
import { leastPrivilegeCheck, permissionChecks } from './permissions.js';
import { queuePermissionChecks, slaSafetyCheck } from './queues-and-slas.js';
import { rateLimitCheck } from './rate-limit.js';
import { adminTokenCheck, cronSecretCheck, webhookSecretCheck } from './secrets.js';
import {
  defaultTeamCheck,
  enabledCheck,
  priorityCheck,
  routingRulesCheck,
  settingsValidCheck,
  transcriptSyncCheck,
} from './settings.js';
import {
  deadCheck,
  outboxDrainingCheck,
  retentionCheck,
  storeDurableCheck,
  storeReachableCheck,
} from './store.js';
import { storePersistenceCheck } from './store-durability.js';
import { webhookCheck } from './webhook.js';

export const ALL_CHECKS: Check[] = [
  configCheck,
  modeCheck,
  viteCheck,
  debugCheck,
  reachableCheck,
  regionCheck,
  keyCheck,
  permissionChecks,
  queuePermissionChecks,
  leastPrivilegeCheck,
  slaSafetyCheck,
  settingsValidCheck,
  enabledCheck,
  defaultTeamCheck,
  priorityCheck,
  routingRulesCheck,
  transcriptSyncCheck,
  rateLimitCheck,
  storeDurableCheck,
  storeReachableCheck,
  storePersistenceCheck,
  outboxDrainingCheck,
  deadCheck,
  retentionCheck,
  webhookSecretCheck,
  webhookCheck,
  cronSecretCheck,
  adminTokenCheck,
  corsCheck,
  timeoutCheck,
];

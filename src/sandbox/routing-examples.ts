/**
 * Templates for Queues and Routing answers, which Kustomer's Core Resources OpenAPI file does not
 * cover. The work item is the one recorded in test/fixtures/kustomer/recorded/kdev-work-item-queued.json
 * (a GET /v1/routing/work-items/{id} answer from a real org; SOURCES.md), kept equal to it by
 * test/sandbox/routing.test.ts. No recorded queue was found in public material: the queue carries
 * the attributes MeltanoLabs/tap-kustomer's queues schema reads from GET /v1/routing/queues
 * (tap_kustomer/schemas/queues.json), with values of the sandbox's own.
 */
export const WORK_ITEM_EXAMPLE = {
  id: '6066239d2e9ad3001a81baef',
  type: 'work_item',
  attributes: {
    resourceType: 'conversation',
    status: 'queued',
    paused: false,
    channel: 'email',
    firstEnterQueueAt: '2021-04-01T19:48:45.069Z',
    queuedCount: 3,
    priority: 1,
    itemSize: 1,
    ivr: {},
    handle: {},
    wrapUp: {},
    abandoned: {},
    updatedAt: '2021-04-01T20:01:05.845Z',
    modifiedAt: '2021-04-01T20:01:05.069Z',
    createdAt: '2021-04-01T19:48:45.069Z',
    resourceRev: 2,
    resourceCreatedAt: '2021-04-01T19:48:43.860Z',
    resourceDirection: 'in',
    resourceFirstQueueTime: 741985,
    resourceFirstAssignTime: 640242,
    rev: 4,
    workItemNumber: 1,
    firstRoutedResponse: {},
    lastRevision: { enteredQueueAt: '2021-04-01T20:01:05.845Z' },
  },
  relationships: {
    org: {
      data: { type: 'org', id: '5ff4bc2b5c152a0e272c923a' },
      links: { self: '/v1/orgs/5ff4bc2b5c152a0e272c923a' },
    },
    modifiedBy: {
      data: { type: 'user', id: '5ff4bc4212351668002610fd' },
      links: { self: '/v1/users/5ff4bc4212351668002610fd' },
    },
    resource: { data: { type: 'conversation', id: '6066239b7fd0a60dab0e3d53' } },
    lastRevision: { data: { type: 'work_item_revision', id: '606626817da161001a391d81' } },
    queue: {
      data: { type: 'queue', id: '600f22c52d55af001a76963c' },
      links: { self: '/v1/routing/queues/600f22c52d55af001a76963c' },
    },
    rule: {
      data: { type: 'queue-rule', id: '600f22d40ad8250019b1ebd5' },
      links: { self: '/v1/routing/queue-rules/600f22d40ad8250019b1ebd5' },
    },
  },
  links: { self: '/v1/routing/work-item/6066239d2e9ad3001a81baef' },
} as const;

export const QUEUE_EXAMPLE = {
  type: 'queue',
  id: '600f22c52d55af001a76963c',
  attributes: {
    name: 'chat',
    displayName: 'Chat',
    description: '',
    priority: 1,
    itemSize: 1,
    restrictTransfersByUsers: false,
    system: false,
    deleted: false,
    settings: {},
    createdAt: '2021-01-25T19:57:57.000Z',
    updatedAt: '2021-01-25T19:57:57.000Z',
    modifiedAt: '2021-01-25T19:57:57.000Z',
  },
  relationships: {
    org: {
      links: { self: '/v1/orgs/5ff4bc2b5c152a0e272c923a' },
      data: { type: 'org', id: '5ff4bc2b5c152a0e272c923a' },
    },
    createdBy: {
      links: { self: '/v1/users/5ff4bc4212351668002610fd' },
      data: { type: 'user', id: '5ff4bc4212351668002610fd' },
    },
    modifiedBy: {
      links: { self: '/v1/users/5ff4bc4212351668002610fd' },
      data: { type: 'user', id: '5ff4bc4212351668002610fd' },
    },
  },
  links: { self: '/v1/routing/queues/600f22c52d55af001a76963c' },
} as const;

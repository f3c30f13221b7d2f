import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formPath,
  toForm,
  toUpdate,
} from '../../../src/pages/integrations/components/settings-form-schema.js';
import { OUT_OF_HOURS_MODES } from '../../../src/shared/availability.js';
import { ESCALATION_REASONS } from '../../../src/shared/escalation.js';
import { integrationSettingsSchema, type RoutingRule } from '../../../src/shared/settings.js';

describe('formPath', () => {
  it.each([
    ['defaultTeamId', 'defaultTeamId'],
    ['routingRules.1.intents.3', 'routingRules.1.intents'],
    ['routingRules.1.keywords.0', 'routingRules.1.keywords'],
    ['routingRules.0.reasons.2', 'routingRules.0.reasons'],
    ['routingRules.0.attribute.key', 'routingRules.0.attributeKey'],
    ['routingRules.0.attribute', 'routingRules.0.attributeKey'],
    ['routingRules.0.attribute.equals', 'routingRules.0.attributeEquals'],
    ['routingRules.1', 'routingRules.1.intents'],
    ['routingRules.1.teamId', 'routingRules.1.teamId'],
    ['conversationAttributes.4', 'conversationAttributes'],
  ])('puts %s on %s', (server, field) => {
    expect(formPath(server, 2)).toBe(field);
  });

  it.each([
    ['routingRules.0.id', 'a rule id has no input'],
    ['routingRules.5.teamId', 'a rule the form does not have'],
    ['routingRules', 'the list as a whole'],
    ['enabled', 'a setting the form does not edit'],
    ['(body)', 'the body as a whole'],
  ])('has no field for %s (%s)', (server) => {
    expect(formPath(server, 2)).toBeNull();
  });
});

const token = fc.stringMatching(/^[a-z0-9-]{1,20}$/);
const teamId = fc.stringMatching(/^[0-9a-f]{24}$/);
const rule: fc.Arbitrary<RoutingRule> = fc
  .record(
    {
      id: fc.stringMatching(/^r-[a-z0-9]{1,10}$/),
      name: fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,30}[A-Za-z]$/),
      intents: fc.array(token, { minLength: 1, maxLength: 5 }),
      keywords: fc.array(token, { minLength: 1, maxLength: 5 }),
      reasons: fc.uniqueArray(fc.constantFrom(...ESCALATION_REASONS), { minLength: 1 }),
      attribute: fc.record({ key: token, equals: token }),
      teamId: fc.option(teamId, { nil: null }),
      priority: fc.integer({ min: 1, max: 5 }),
      outOfHours: fc.constantFrom(...OUT_OF_HOURS_MODES),
      queueId: teamId,
    },
    { requiredKeys: ['id', 'teamId', 'intents'] },
  )
  .map((r) => r as RoutingRule);

describe('the settings form', () => {
  it('turns any valid settings into form values and back without loss', () => {
    fc.assert(
      fc.property(
        fc.record({
          enabled: fc.boolean(),
          whenDisabled: fc.constantFrom('refuse' as const, 'queue' as const),
          defaultTeamId: fc.option(teamId, { nil: null }),
          defaultPriority: fc.integer({ min: 1, max: 5 }),
          // The form always sends it: null clears a queue set before.
          defaultQueueId: fc.option(teamId, { nil: null }),
          transcriptSync: fc.boolean(),
          debug: fc.boolean(),
          routingRules: fc.array(rule, { maxLength: 5 }),
          conversationAttributes: fc.array(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}(Str|Num)$/), {
            maxLength: 4,
          }),
        }),
        (settings) => {
          const valid = integrationSettingsSchema.parse(settings);
          const { enabled, ...edited } = valid;
          void enabled;
          expect(toUpdate(toForm(valid))).toEqual(edited);
        },
      ),
    );
  });
});

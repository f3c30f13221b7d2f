import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainRouting, route, ruleMatches, validateRules } from '../../src/escalation/routing.js';
import type { EscalationRequest } from '../../src/shared/escalation.js';
import { ESCALATION_REASONS } from '../../src/shared/escalation.js';
import { NO_TEAM, routingRuleSchema, type RoutingRule } from '../../src/shared/settings.js';

const BILLING = 'b'.repeat(24);
const TECH = 'c'.repeat(24);
const DEFAULT = 'd'.repeat(24);
const TEAMS = [
  { id: BILLING, name: 'Billing' },
  { id: TECH, name: 'Technical' },
  { id: DEFAULT, name: 'Support' },
];

function request(overrides: Partial<EscalationRequest> = {}): EscalationRequest {
  return {
    escalationId: 'esc-1',
    sessionId: 'sess-1',
    customer: { email: 'jane@example.com' },
    transcript: [
      {
        id: 'm1',
        role: 'user',
        text: 'I want my money back for order 42',
        at: '2026-01-01T10:00:00Z',
      },
      {
        id: 'm2',
        role: 'bot',
        text: 'I can help with a password reset',
        at: '2026-01-01T10:00:01Z',
      },
    ],
    reason: 'user_requested',
    ...overrides,
  };
}

const settings = (rules: RoutingRule[]) => ({
  routingRules: rules,
  defaultTeamId: DEFAULT,
  defaultPriority: 3,
});

describe('route', () => {
  it('matches intents case-insensitively and takes the rule team and priority', () => {
    const rules: RoutingRule[] = [{ id: 'r1', intents: ['Refund'], teamId: BILLING, priority: 4 }];
    const decision = route(request({ intent: 'refund' }), settings(rules), TEAMS);
    expect(decision).toMatchObject({
      teamId: BILLING,
      teamName: 'Billing',
      priority: 4,
      ruleId: 'r1',
    });
    expect(decision.explanation).toContain('r1');
  });

  it('matches keywords as whole words or phrases in what the customer wrote only', () => {
    const ruleFor = (keywords: string[]): RoutingRule[] => [{ id: 'k', keywords, teamId: TECH }];
    expect(route(request(), settings(ruleFor(['MONEY back'])), TEAMS).ruleId).toBe('k');
    expect(route(request(), settings(ruleFor(['mon'])), TEAMS).ruleId).toBeNull();
    // "password" appears only in the bot's line
    expect(route(request(), settings(ruleFor(['password'])), TEAMS).ruleId).toBeNull();
  });

  it('ANDs the conditions of a rule and ORs the items of a list', () => {
    const rule: RoutingRule = {
      id: 'and',
      intents: ['billing', 'refund'],
      reasons: ['low_confidence'],
      attribute: { key: 'plan', equals: 'enterprise' },
      teamId: BILLING,
    };
    const base = {
      intent: 'refund',
      reason: 'low_confidence' as const,
      attributes: { plan: 'enterprise' },
    };
    expect(ruleMatches(rule, request(base))).toBe(true);
    expect(ruleMatches(rule, request({ ...base, reason: 'user_requested' }))).toBe(false);
    expect(ruleMatches(rule, request({ ...base, attributes: { plan: 'free' } }))).toBe(false);
    expect(ruleMatches(rule, request({ ...base, intent: 'shipping' }))).toBe(false);
  });

  it('compares attributes as strings', () => {
    const rule: RoutingRule = { id: 'a', attribute: { key: 'seats', equals: '50' }, teamId: null };
    expect(ruleMatches(rule, request({ attributes: { seats: 50 } }))).toBe(true);
    expect(ruleMatches(rule, request({ attributes: { seats: 51 } }))).toBe(false);
  });

  it('lets an explicit team and priority from the chat override the rule', () => {
    const rules: RoutingRule[] = [{ id: 'r1', intents: ['refund'], teamId: BILLING, priority: 2 }];
    const decision = route(
      request({ intent: 'refund', teamId: TECH, priority: 5 }),
      settings(rules),
      TEAMS,
    );
    expect(decision).toMatchObject({
      teamId: TECH,
      teamName: 'Technical',
      priority: 5,
      ruleId: 'r1',
    });
  });

  it('ignores a chat team that Kustomer does not have', () => {
    const decision = route(request({ teamId: 'e'.repeat(24) }), settings([]), TEAMS);
    expect(decision.teamId).toBe(DEFAULT);
    expect(decision.explanation).toContain('does not exist');
  });

  it('gives a matched rule without a team the default team, as it gives it the default priority', () => {
    const rules: RoutingRule[] = [{ id: 'r1', intents: ['refund'], teamId: null }];
    const decision = route(request({ intent: 'refund' }), settings(rules), TEAMS);
    expect(decision).toMatchObject({ teamId: DEFAULT, teamName: 'Support', priority: 3 });
    expect(decision.ruleId).toBe('r1');
  });

  it('leaves the conversation unassigned when the matched rule says "no team"', () => {
    const rules: RoutingRule[] = [{ id: 'r1', intents: ['refund'], teamId: NO_TEAM, priority: 2 }];
    const decision = route(request({ intent: 'refund' }), settings(rules), TEAMS);
    expect(decision).toMatchObject({ teamId: null, teamName: null, priority: 2, ruleId: 'r1' });
  });

  it('falls back to the defaults when no rule matches', () => {
    const decision = route(
      request(),
      settings([{ id: 'x', intents: ['nope'], teamId: BILLING }]),
      TEAMS,
    );
    expect(decision).toEqual(
      expect.objectContaining({ teamId: DEFAULT, priority: 3, ruleId: null }),
    );
  });
});

// Property tests: requests and rules drawn from a small vocabulary so that matches are common.
const words = ['refund', 'billing', 'crash', 'login', 'cancel'];
const ruleArb: fc.Arbitrary<RoutingRule> = fc
  .record(
    {
      id: fc.uuid(),
      intents: fc.subarray(words, { minLength: 1 }),
      keywords: fc.subarray(words, { minLength: 1 }),
      reasons: fc.subarray([...ESCALATION_REASONS], { minLength: 1 }),
      teamId: fc.constantFrom(BILLING, TECH, null, NO_TEAM),
      priority: fc.integer({ min: 1, max: 5 }),
    },
    { requiredKeys: ['id', 'teamId'] },
  )
  .filter((r) => Boolean(r.intents ?? r.keywords ?? r.reasons));
const requestArb = fc
  .record({
    intent: fc.option(fc.constantFrom(...words, 'REFUND'), { nil: undefined }),
    reason: fc.constantFrom(...ESCALATION_REASONS),
    text: fc.array(fc.constantFrom(...words, 'please', 'help'), { maxLength: 6 }),
    priority: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
  })
  .map(({ intent, reason, text, priority }) =>
    request({
      intent,
      reason,
      ...(priority ? { priority: priority as 1 } : {}),
      transcript: [
        { id: 'm1', role: 'user', text: text.join(' ') || 'hi', at: '2026-01-01T10:00:00Z' },
      ],
    }),
  );

describe('route (properties)', () => {
  it('picks the first matching rule: no earlier rule matches, and the chosen one does', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 8 }), requestArb, (rules, req) => {
        const decision = route(req, settings(rules), TEAMS);
        const index = rules.findIndex((r) => r.id === decision.ruleId);
        if (decision.ruleId === null) {
          expect(rules.some((r) => ruleMatches(r, req))).toBe(false);
        } else {
          expect(ruleMatches(rules[index]!, req)).toBe(true);
          expect(rules.slice(0, index).some((r) => ruleMatches(r, req))).toBe(false);
        }
      }),
    );
  });

  it('always returns a priority from 1 to 5', () => {
    fc.assert(
      fc.property(
        fc.array(ruleArb, { maxLength: 5 }),
        requestArb,
        fc.integer({ min: 1, max: 5 }),
        (rules, req, p) => {
          const { priority } = route(req, { ...settings(rules), defaultPriority: p }, TEAMS);
          expect(priority).toBeGreaterThanOrEqual(1);
          expect(priority).toBeLessThanOrEqual(5);
        },
      ),
    );
  });

  it('order matters: putting a matching rule first makes it win', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 2, maxLength: 6 }), requestArb, (rules, req) => {
        const matching = rules.filter((r) => ruleMatches(r, req));
        fc.pre(matching.length >= 2);
        const last = matching[matching.length - 1]!;
        const reordered = [last, ...rules.filter((r) => r !== last)];
        expect(route(req, settings(reordered), TEAMS).ruleId).toBe(last.id);
        expect(route(req, settings(rules), TEAMS).ruleId).toBe(matching[0]!.id);
      }),
    );
  });

  it('with no rules applies the defaults, unless the chat chose', () => {
    fc.assert(
      fc.property(requestArb, (req) => {
        const decision = route(req, settings([]), TEAMS);
        expect(decision.teamId).toBe(DEFAULT);
        expect(decision.priority).toBe(req.priority ?? 3);
      }),
    );
  });
});

describe('explainRouting', () => {
  it('says which condition failed: a billing question against intents AND keywords', () => {
    const rules: RoutingRule[] = [
      {
        id: 'refunds',
        name: 'Refunds',
        intents: ['billing', 'refund'],
        keywords: ['refund', 'charged twice'],
        teamId: BILLING,
      },
      { id: 'billing', intents: ['billing'], teamId: TECH, priority: 4 },
    ];
    const question = request({
      intent: 'billing',
      transcript: [{ id: 'm1', role: 'user', text: 'Why is my invoice higher?', at: 'x' }],
    });
    const { decision, rules: trials } = explainRouting(question, settings(rules), TEAMS);
    expect(decision).toMatchObject({ ruleId: 'billing', teamName: 'Technical', priority: 4 });
    expect(trials).toEqual([
      {
        id: 'refunds',
        name: 'Refunds',
        matched: false,
        checks: [
          {
            condition: 'intent',
            ok: true,
            detail: 'intent "billing" is one of "billing", "refund"',
          },
          {
            condition: 'keyword',
            ok: false,
            detail: 'the customer wrote none of "refund", "charged twice"',
          },
        ],
      },
      {
        id: 'billing',
        name: null,
        matched: true,
        checks: [{ condition: 'intent', ok: true, detail: 'intent "billing" is one of "billing"' }],
      },
    ]);
  });

  it('names the keyword found, the attribute sent and the reason given', () => {
    const rule: RoutingRule = {
      id: 'r',
      keywords: ['money back'],
      reasons: ['negative_sentiment'],
      attribute: { key: 'plan', equals: 'enterprise' },
      teamId: null,
    };
    const { rules } = explainRouting(
      request({ attributes: { plan: 'free' } }),
      settings([rule]),
      TEAMS,
    );
    expect(rules[0]!.checks.map((c) => [c.ok, c.detail])).toEqual([
      [true, 'the customer wrote "money back"'],
      [false, 'reason "user_requested" is not one of "negative_sentiment"'],
      [false, 'attribute plan = "free" does not equal "enterprise"'],
    ]);
  });
});

describe('rule team', () => {
  it('accepts a team id, null (the default team) or "none", and nothing else', () => {
    const rule = (teamId: unknown) =>
      routingRuleSchema.safeParse({ id: 'r', intents: ['x'], teamId }).success;
    expect([rule(BILLING), rule(null), rule(NO_TEAM), rule('billing'), rule('')]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });
});

describe('validateRules', () => {
  it('names the rule whose team does not exist, and repeated ids', () => {
    const rules: RoutingRule[] = [
      { id: 'a', intents: ['x'], teamId: BILLING },
      { id: 'b', intents: ['x'], teamId: null },
      { id: 'c', intents: ['x'], teamId: NO_TEAM },
      { id: 'a', intents: ['x'], teamId: 'f'.repeat(24) },
    ];
    expect(validateRules(rules, TEAMS)).toEqual({
      'routingRules.3.teamId': `team ${'f'.repeat(24)} does not exist in Kustomer`,
      'routingRules.3.id': 'rule id "a" is used twice',
    });
  });
});

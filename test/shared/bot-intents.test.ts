import { describe, expect, it } from 'vitest';
import { botTurn } from '../../src/app/demo-bot.js';
import { BOT_INTENTS } from '../../src/shared/bot-intents.js';

describe('the intents offered in the routing rules editor', () => {
  it('include every intent the demo bot can report', () => {
    const samples = [
      'my invoice is wrong',
      'the app is broken',
      'where is my package',
      'let me talk to a person',
      'hmm',
    ];
    const reported = new Set(samples.map((text) => botTurn(text).intent));
    expect([...reported].sort()).toEqual([...BOT_INTENTS].sort());
  });
});

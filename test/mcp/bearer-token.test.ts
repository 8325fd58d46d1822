import { describe, expect, it } from 'vitest';
import { hasBearerToken } from '../../src/mcp/bearer-token.js';

const TOKEN = 'a-long-enough-token-value';

describe('hasBearerToken', () => {
  it.each([
    [`Bearer ${TOKEN}`, true],
    [`bearer ${TOKEN}`, true],
    [`Bearer   ${TOKEN} `, true],
    [undefined, false],
    ['', false],
    ['Bearer', false],
    [`Bearer ${TOKEN}x`, false],
    [`Bearer ${TOKEN.slice(0, -1)}`, false],
    [`Basic ${TOKEN}`, false],
    [TOKEN, false],
    [`Bearer ${TOKEN} ${TOKEN}`, false],
  ])('%j → %s', (header, expected) => {
    expect(hasBearerToken(header, TOKEN)).toBe(expected);
  });
});

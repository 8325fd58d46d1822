import { describe, expect, it } from 'vitest';
import { gitBlobSha } from '../../../src/publish/github/git-blob-sha.js';

describe('gitBlobSha()', () => {
  it('matches `git hash-object` for ASCII text', () => {
    expect(gitBlobSha('hello\n')).toBe('ce013625030ba8dba906f756967f9e9ca394464a');
  });

  it('counts UTF-8 bytes, not characters, and keeps CRLF', () => {
    expect(gitBlobSha('hé\r\n')).toBe('811a712fdabb591939ca7dc6b2584fef4d30d74e');
  });
});

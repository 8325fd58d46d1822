import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** A git-style unified diff of one file (`a/` and `b/` prefixes); empty when nothing changed. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return '';
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
  });
}

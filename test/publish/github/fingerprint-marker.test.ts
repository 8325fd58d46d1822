import { describe, expect, it } from 'vitest';
import { fingerprintMarker, readFingerprint, withFingerprint } from '../../../src/publish/github/fingerprint-marker.js';

describe('fingerprint markers', () => {
  it('reads the fingerprint of a body that ends with the marker', () => {
    expect(readFingerprint(`## Summary\n\ntext\n${fingerprintMarker('abc123')}\n`)).toBe('abc123');
  });

  it('reads nothing from a missing or marker-less body', () => {
    expect(readFingerprint(null)).toBeNull();
    expect(readFingerprint('<!-- another-bot:fingerprint=abc -->')).toBeNull();
  });

  it('appends a missing marker and replaces a stale one', () => {
    expect(withFingerprint('Body\n\n', 'f1')).toBe('Body\n\n<!-- spark-tuner:fingerprint=f1 -->\n');
    expect(withFingerprint('Body\n<!-- spark-tuner:fingerprint=old -->\n', 'f2')).toBe('Body\n<!-- spark-tuner:fingerprint=f2 -->\n');
  });
});

import { describe, expect, it } from 'vitest';
import { detectCodec } from '../../../src/metrics/eventlog/codec.js';

const plain = Buffer.from('{"Event"');

describe('detectCodec', () => {
  it('follows Spark\'s file extensions, in-progress logs included', () => {
    expect(detectCodec('app-1.zstd', plain)).toEqual({ codec: 'zstd' });
    expect(detectCodec('app-1.zst.inprogress', plain)).toEqual({ codec: 'zstd' });
    expect(detectCodec('eventlog-2021-06-15--15-00.gz', plain)).toEqual({ codec: 'gzip' });
    expect(detectCodec('app-1.lz4.inprogress', plain)).toEqual({ unsupported: 'lz4' });
    expect(detectCodec('app-1.snappy', plain)).toEqual({ unsupported: 'snappy' });
  });

  it('sniffs gzip and zstd magic numbers when the name says nothing', () => {
    expect(detectCodec('application_1_0001_1', Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))).toEqual({ codec: 'zstd' });
    expect(detectCodec('local-1430917381535_1', Buffer.from([0x1f, 0x8b, 0x08]))).toEqual({ codec: 'gzip' });
    expect(detectCodec('local-1430917381535_1', plain)).toEqual({ codec: 'none' });
  });
});

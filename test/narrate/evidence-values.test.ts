import { describe, expect, it } from 'vitest';
import { describeEvidenceValues } from '../../src/narrate/evidence-values.js';

describe('describeEvidenceValues', () => {
  it('writes each measured value in its unit, leaving out what other columns show', () => {
    expect(
      describeEvidenceValues({
        executor_memory_mb: 16384,
        executor_peak_jvm_heap_bytes: 5.5 * 1024 ** 3,
        gc_time_ratio: 0.021,
        memory_bytes_spilled: 3 * 1024 ** 3,
        max_task_skew_ratio: 12.34,
        jvm_gc_time_ms: 95_000,
        aqe_enabled: false,
        tasks_total: 12_000,
        duration_ms: 60_000,
        status: 'succeeded',
        failure_reason: null,
      }),
    ).toBe(
      'executor memory 16g, peak heap 5.5 GiB, GC 2%, memory spilled 3.0 GiB, max task skew 12.3×, jvm gc time 2 min, aqe enabled no, tasks total 12,000',
    );
  });

  it('says so when nothing was measured', () => {
    expect(describeEvidenceValues({ duration_ms: 5, executor_peak_jvm_heap_bytes: null })).toBe('–');
  });
});

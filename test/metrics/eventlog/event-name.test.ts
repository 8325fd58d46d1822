import { describe, expect, it } from 'vitest';
import { eventNameOf, SUMMARY_EVENTS } from '../../../src/metrics/eventlog/event-name.js';

describe('eventNameOf', () => {
  it('reads the name from the start of Spark\'s compact and old spaced lines', () => {
    expect(eventNameOf(Buffer.from('{"Event":"SparkListenerTaskEnd","Stage ID":1}'))).toBe('SparkListenerTaskEnd');
    expect(eventNameOf(Buffer.from('{"Event": "SparkListenerLogStart", "Spark Version": "1.4.0"}'))).toBe('SparkListenerLogStart');
    expect(eventNameOf(Buffer.from('{"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","executionId":0}')))
      .toBe('org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart');
  });

  it('returns null when the line does not start with the event key', () => {
    expect(eventNameOf(Buffer.from('{"Stage ID":1,"Event":"SparkListenerTaskEnd"}'))).toBeNull();
    expect(eventNameOf(Buffer.from('garbage'))).toBeNull();
    expect(eventNameOf(Buffer.from(''))).toBeNull();
  });

  it('keeps SQL events out of the events the summary parses', () => {
    expect(SUMMARY_EVENTS.has('SparkListenerTaskEnd')).toBe(true);
    expect(SUMMARY_EVENTS.has('org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart')).toBe(false);
  });
});

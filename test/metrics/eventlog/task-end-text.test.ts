import { describe, expect, it } from 'vitest';
import { taskEndText } from '../../../src/metrics/eventlog/task-end-text.js';

const info = '"Task Info":{"Task ID":7,"Launch Time":1,"Executor ID":"2","Finish Time":9,"Failed":false,"Accumulables":[{"ID":1,"Name":"x]},\\"Task Metrics\\":","Update":"3"}]}';

describe('taskEndText', () => {
  it('drops the Task Info accumulables of Spark\'s layout and keeps everything else', () => {
    const line = `{"Event":"SparkListenerTaskEnd","Task End Reason":{"Reason":"Success"},${info},"Task Executor Metrics":{"JVMHeapMemory":5},"Task Metrics":{"Executor Run Time":4}}`;
    const text = taskEndText(Buffer.from(line));
    expect(JSON.parse(text)).toEqual({ ...JSON.parse(line), 'Task Info': { ...JSON.parse(line)['Task Info'], Accumulables: [] } });
    expect(text.length).toBeLessThan(line.length);
  });

  it('also cuts logs without Task Executor Metrics, and leaves other layouts whole', () => {
    const old = `{"Event":"SparkListenerTaskEnd",${info},"Task Metrics":{"Executor Run Time":4}}`;
    expect(JSON.parse(taskEndText(Buffer.from(old)))['Task Info'].Accumulables).toEqual([]);
    const spaced = '{"Event": "SparkListenerTaskEnd", "Task Info": {"Finish Time": 9, "Accumulables": [{"ID": 1}]}, "Task Metrics": {}}';
    expect(taskEndText(Buffer.from(spaced))).toBe(spaced);
    const reordered = '{"Event":"SparkListenerTaskEnd","Task Info":{"Accumulables":[{"ID":1}],"Finish Time":9},"Task Metrics":{}}';
    expect(taskEndText(Buffer.from(reordered))).toBe(reordered);
  });
});

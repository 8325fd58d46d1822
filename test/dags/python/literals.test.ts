import { describe, expect, it } from 'vitest';
import type { Node } from 'web-tree-sitter';
import { describeNonLiteral, literalValue } from '../../../src/dags/python/literals.js';
import { withPythonTree } from '../../../src/dags/python/parser.js';

/** Parses `x = <expression>` and applies `read` to the expression node. */
function onValue<T>(expression: string, read: (node: Node) => T): Promise<T> {
  return withPythonTree(`x = ${expression}\n`, (root) => {
    const value = root.firstNamedChild?.firstNamedChild?.childForFieldName('right');
    if (!value) throw new Error(`no value in ${expression}`);
    return read(value);
  });
}

describe('literalValue', () => {
  it.each([
    ['"8g"', 'string', '8g', 5],
    ["'8g'", 'string', '8g', 5],
    ['u"8g"', 'string', '8g', 6],
    ['r"-Dx=1"', 'string', '-Dx=1', 6],
    ['""', 'string', '', 5],
    ['"""8g"""', 'string', '8g', 7],
    ['4', 'number', '4', 4],
    ['0.5', 'number', '0.5', 4],
  ])('reads %s', async (expression, kind, value, start) => {
    const literal = await onValue(expression, literalValue);
    expect(literal).toEqual({ kind, value, range: { start, end: start + value.length }, line: 1 });
  });

  it.each(['f"{n}g"', '"8" "g"', '"{}g".format(8)', 'MEM', 'b"8g"', '"a\\tb"', '"{{ var.value.m }}"', '-4', 'None'])(
    'does not take %s for a plain literal',
    async (expression) => {
      expect(await onValue(expression, literalValue)).toBeNull();
    },
  );
});

describe('describeNonLiteral', () => {
  it.each([
    ['f"{n}g"', 'is built by an f-string'],
    ['"8" "g"', 'is built by joining several string literals'],
    ['"{}g".format(8)', 'is built with .format()'],
    ['str(8) + "g"', 'is built with +'],
    ['"%dg" % 8', 'is built with % formatting'],
    ['Variable.get("mem")', 'is read from an Airflow Variable (Variable.get)'],
    ['os.environ["MEM"]', 'is read from an environment variable'],
    ['os.getenv("MEM")', 'is read from an environment variable'],
    ['build_conf()', 'is computed by a call to build_conf()'],
    ['settings.MEMORY', 'comes from settings.MEMORY, not a literal'],
    ['"{{ var.value.m }}"', 'is an Airflow template ({{ … }}), rendered only at run time'],
    ['b"8g"', 'is a bytes literal'],
  ])('says why %s is not a literal', async (expression, reason) => {
    expect(await onValue(expression, describeNonLiteral)).toBe(reason);
  });
});

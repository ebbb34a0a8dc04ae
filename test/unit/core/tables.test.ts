import * as assert from 'node:assert/strict';
import { toCsv, toMarkdown } from '../../../src/core/tables';

describe('core/tables', () => {
  const table = {
    headers: ['label', 'value'],
    rows: [
      ['plain', '1.5'],
      ['with, comma', '-2'],
      ['say "hi"', '3e-7'],
      ['=HYPERLINK("x")', '∞'],
      ['a|b\nc <img src=x>', ''],
    ],
  };

  it('writes RFC 4180 CSV, defusing formulas but not negative numbers', () => {
    assert.equal(
      toCsv(table),
      'label,value\r\nplain,1.5\r\n"with, comma",-2\r\n"say ""hi""",3e-7\r\n"\'=HYPERLINK(""x"")",∞\r\n"a|b\nc <img src=x>",\r\n',
    );
  });

  it('writes a Markdown table with escaped cells and right-aligned numbers', () => {
    assert.equal(
      toMarkdown(table),
      [
        '| label | value |',
        '| --- | ---: |',
        '| plain | 1.5 |',
        '| with, comma | -2 |',
        '| say "hi" | 3e-7 |',
        '| =HYPERLINK("x") | ∞ |',
        '| a\\|b c &lt;img src=x&gt; |  |',
        '',
      ].join('\n'),
    );
  });

  it('pads short rows to the header width', () => {
    assert.equal(toCsv({ headers: ['a', 'b'], rows: [['1']] }), 'a,b\r\n1,\r\n');
  });
});

import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, UTF8_BOM } from './csv.js';

describe('csv', () => {
  it('quotes what needs quoting and doubles quotes', () => {
    expect(csvCell('路灯坏了')).toBe('路灯坏了');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"快修"')).toBe('"他说""快修"""');
    expect(csvCell('两行\n文字')).toBe('"两行\n文字"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(-3)).toBe('-3');
  });

  it('keeps formulas as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+86 138')).toBe("'+86 138");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a BOM and ends rows with CRLF', () => {
    expect(csvDocument([['编号', '标题'], [1, '电梯']])).toBe(`${UTF8_BOM}编号,标题\r\n1,电梯\r\n`);
  });
});

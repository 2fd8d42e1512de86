/**
 * CSV as Excel in China opens it: UTF-8 with a byte-order mark (without it
 * Chinese shows as mojibake), CRLF line ends, RFC 4180 quoting. Cells that
 * would start a formula (= + - @, tab, CR) are prefixed with ' so a title
 * like "=HYPERLINK(...)" stays text (CSV injection).
 */
export const UTF8_BOM = '\uFEFF';

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | boolean | null | undefined)[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function csvDocument(rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return UTF8_BOM + rows.map(csvRow).join('');
}

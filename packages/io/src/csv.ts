/**
 * A small RFC 4180 CSV reader, no dependency (comma- or tab-separated): quoted fields (which may hold commas, quotes written
 * as `""`, and line breaks), CRLF or LF line ends, a UTF-8 byte-order mark (Excel writes one when
 * a residents' committee saves "CSV UTF-8"), and a last line with or without a line break.
 *
 * Every record keeps the 1-based line number it starts on, so an error can point at the line a
 * spreadsheet user sees in a text editor (the header is line 1).
 */

export interface CsvRecord {
  /** 1-based line number of the record's first character. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  override readonly name = 'CsvSyntaxError';
  readonly line: number;
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(message);
    this.line = line;
    this.column = column;
  }
}

const QUOTE = 34; // "
const TAB = 9;
const CR = 13;
const LF = 10;

/**
 * Parse CSV text into records. Blank lines (no characters at all) are skipped; a line holding
 * only commas is a record of empty fields. Throws `CsvSyntaxError` on an unterminated quoted field,
 * a quote inside an unquoted field, or text after a closing quote.
 */
export function parseCsv(text: string, delimiter: ',' | '\t' = ','): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, delimiter, (fields, line) => {
    records.push({ line, fields });
  });
  return records;
}

/**
 * `parseCsv` as a stream: `fn` gets each record's fields and line as it is read, so a caller
 * that turns records into objects keeps no array of 100,000 records alive.
 */
export function forEachCsvRecord(
  text: string,
  delimiter: ',' | '\t',
  fn: (fields: string[], line: number) => void,
): void {
  const COMMA = delimiter === '\t' ? TAB : 44;
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const n = s.length;
  let i = 0;
  let line = 1;
  let col = 1;

  while (i < n) {
    // Skip blank lines between records.
    const c0 = s.charCodeAt(i);
    if (c0 === LF || c0 === CR) {
      i += c0 === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      col = 1;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      if (i < n && s.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openCol = col;
        i++;
        col++;
        let closed = false;
        let from = i;
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === QUOTE) {
            if (s.charCodeAt(i + 1) === QUOTE) {
              value += `${s.slice(from, i)}"`;
              i += 2;
              col += 2;
              from = i;
              continue;
            }
            value += s.slice(from, i);
            i++;
            col++;
            closed = true;
            break;
          }
          if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) {
            line++;
            col = 1;
          } else if (c !== CR) col++;
          i++;
        }
        if (!closed) {
          throw new CsvSyntaxError(
            `a quoted field opened at line ${openLine}, column ${openCol} is never closed`,
            openLine,
            openCol,
          );
        }
        if (i < n) {
          const c = s.charCodeAt(i);
          if (c !== COMMA && c !== CR && c !== LF) {
            throw new CsvSyntaxError(
              `unexpected text after a closing quote; write a quote inside a quoted field as ""`,
              line,
              col,
            );
          }
        }
      } else {
        const from = i;
        while (i < n) {
          const c = s.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          if (c === QUOTE) {
            throw new CsvSyntaxError(
              'a quote inside an unquoted field; quote the whole field and write the quote as ""',
              line,
              col,
            );
          }
          i++;
          col++;
        }
        value = s.slice(from, i);
      }
      fields.push(value);
      if (i >= n) {
        endOfRecord = true;
      } else {
        const c = s.charCodeAt(i);
        if (c === COMMA) {
          i++;
          col++;
        } else {
          // CR, LF or CRLF ends the record.
          i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
          col = 1;
          endOfRecord = true;
        }
      }
    }
    fn(fields, startLine);
  }
}

/**
 * The separator of a table in text: a tab when the first line has more tabs than commas (Excel's
 * "Unicode 文本" and .tsv files), a comma otherwise.
 */
export function detectDelimiter(text: string): ',' | '\t' {
  let end = text.indexOf('\n');
  if (end === -1) end = text.length;
  let tabs = 0;
  let commas = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === TAB) tabs++;
    else if (c === 44) commas++;
  }
  return tabs > commas ? '\t' : ',';
}

/** Quote a field if it needs it (comma, quote, CR or LF; or leading/trailing space). */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows to CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + (rows.length > 0 ? '\r\n' : '');
}

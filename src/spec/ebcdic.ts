/**
 * D-306: a TCPPARMS member transferred from z/OS in binary (FTP `binary`, `zowe files download
 * --binary`) is EBCDIC, which z/OS reads as such but a UTF-8 reader sees as noise: every statement
 * unknown, the profile empty, the verdict a pass. A file that is not valid UTF-8 and whose bytes
 * are nearly all EBCDIC text (letters, digits, blanks, the punctuation of a profile, line ends)
 * is read as code page IBM-1047 (the z/OS UNIX default; the letters, digits and punctuation of a
 * profile are the same in IBM-037), and the reader says so. Without a line end in it and of a
 * length divisible by 80 it is an unloaded fixed-length data set (RECFM=FB, LRECL=80): one line per
 * 80 bytes. A file that starts with a UTF-16 byte order mark (saved as "Unicode" on Windows) is
 * read as UTF-16, said too.
 */

import type { Finding } from './config.js';

/** What a reader says of a profile file it read as EBCDIC or UTF-16 (`read` of decodeText). */
export const encodingNote = (file: string, read: string, stack?: string): Finding => (read.startsWith('EBCDIC') ? {
  severity: 'warning', code: 'profile-ebcdic', pos: { file, line: 1, column: 1 }, ...(stack ? { stack } : {}),
  message: `not UTF-8 text: read as ${read}, as z/OS reads a TCPPARMS member (D-306)`,
  hint: 'transfer TCPPARMS members as text (FTP ascii, zowe files download without --binary), or convert: iconv -f IBM-1047 -t UTF-8',
} : {
  severity: 'warning', code: 'profile-encoding', pos: { file, line: 1, column: 1 }, ...(stack ? { stack } : {}),
  message: `not UTF-8 text: read as ${read} (D-306)`, hint: 'save the file as UTF-8 (or ASCII) text',
});

/** IBM-1047 to Unicode (iconv's table), with NL (0x15) read as a line end, as LF (0x25) is. */
const IBM1047 = '\u0000\u0001\u0002\u0003\u009c\u0009\u0086\u007f\u0097\u008d\u008e\u000b\u000c\u000d\u000e\u000f'
  + '\u0010\u0011\u0012\u0013\u009d\u000a\u0008\u0087\u0018\u0019\u0092\u008f\u001c\u001d\u001e\u001f'
  + '\u0080\u0081\u0082\u0083\u0084\u000a\u0017\u001b\u0088\u0089\u008a\u008b\u008c\u0005\u0006\u0007'
  + '\u0090\u0091\u0016\u0093\u0094\u0095\u0096\u0004\u0098\u0099\u009a\u009b\u0014\u0015\u009e\u001a'
  + ' \u00a0\u00e2\u00e4\u00e0\u00e1\u00e3\u00e5\u00e7\u00f1\u00a2.<(+|'
  + '&\u00e9\u00ea\u00eb\u00e8\u00ed\u00ee\u00ef\u00ec\u00df!$*);^'
  + '-/\u00c2\u00c4\u00c0\u00c1\u00c3\u00c5\u00c7\u00d1\u00a6,%_>?'
  + '\u00f8\u00c9\u00ca\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc`:#@\u0027="'
  + '\u00d8abcdefghi\u00ab\u00bb\u00f0\u00fd\u00fe\u00b1'
  + '\u00b0jklmnopqr\u00aa\u00ba\u00e6\u00b8\u00c6\u00a4'
  + '\u00b5~stuvwxyz\u00a1\u00bf\u00d0[\u00de\u00ae'
  + '\u00ac\u00a3\u00a5\u00b7\u00a9\u00a7\u00b6\u00bc\u00bd\u00be\u00dd\u00a8\u00af]\u00b4\u00d7'
  + '{ABCDEFGHI\u00ad\u00f4\u00f6\u00f2\u00f3\u00f5'
  + '}JKLMNOPQR\u00b9\u00fb\u00fc\u00f9\u00fa\u00ff'
  + '\u005c\u00f7STUVWXYZ\u00b2\u00d4\u00d6\u00d2\u00d3\u00d5'
  + '0123456789\u00b3\u00db\u00dc\u00d9\u00da\u009f';

/** A byte a profile in EBCDIC is made of: a blank, a letter, a digit, punctuation, a line end. */
function textByte(b: number): boolean {
  return b === 0x40 || b === 0x15 || b === 0x25 || b === 0x0d || (b >= 0x4b && b <= 0x50) || (b >= 0x5a && b <= 0x61) || (b >= 0x6b && b <= 0x6f)
    || (b >= 0x7a && b <= 0x7f) || (b >= 0x81 && b <= 0x89) || (b >= 0x91 && b <= 0x99) || (b >= 0xa2 && b <= 0xa9)
    || (b >= 0xc1 && b <= 0xc9) || (b >= 0xd1 && b <= 0xd9) || (b >= 0xe2 && b <= 0xe9) || (b >= 0xf0 && b <= 0xf9);
}

/**
 * D-330, D-335: a lone CR (classic Mac line ends, some transfers from z/OS) is a line break, as
 * LF and CRLF are. It becomes an LF: one character for one, so every offset, and so every line
 * and column, stays where it was (a CR counts as a line end).
 */
export const loneCrAsLf = (text: string): string => (text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text);

/** The file's text (lone CRs read as line breaks), and how it was read when not as UTF-8 (null: UTF-8). */
export function decodeText(buf: Buffer): { text: string; read: string | null } {
  const got = decode(buf);
  return { ...got, text: loneCrAsLf(got.text) };
}

function decode(buf: Buffer): { text: string; read: string | null } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), read: null };
  } catch { /* not UTF-8 */ }
  // a file saved as "Unicode" on Windows: UTF-16 with its byte order mark
  if (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff))) {
    const le = buf[0] === 0xff;
    return { text: new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(buf), read: `UTF-16${le ? 'LE' : 'BE'} (it starts with a byte order mark)` };
  }
  let text = 0, blanks = 0;
  for (const b of buf) { if (textByte(b)) text++; if (b === 0x40) blanks++; }
  if (buf.length === 0 || text < buf.length * 0.95 || blanks < buf.length * 0.03) return { text: buf.toString('utf8'), read: null };
  let out = '';
  for (const b of buf) out += IBM1047[b];
  const records = !/[\n\r]/.test(out) && buf.length % 80 === 0;
  if (records) out = out.replace(/[^]{80}/g, (r) => `${r}\n`);
  return { text: out, read: `EBCDIC (code page IBM-1047${records ? ', 80-byte records' : ''})` };
}

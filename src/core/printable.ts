/**
 * Names and messages made safe for a terminal: a file may be called `a\nb.html` or carry an escape
 * sequence that clears the screen, and both reach stdout/stderr through reports. Pure; no I/O.
 */

// C0 controls, DEL, C1 controls (U+009B is a one-byte CSI on some terminals) and the bidirectional
// overrides/isolates that can make a name display as something else.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/** The text with every control or bidi-control character written as a visible escape (`\n`, `\e`, `\u202e`). */
export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

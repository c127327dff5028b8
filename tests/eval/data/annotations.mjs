// Hand annotations as typed (per paragraph id, the mentions in text order as "TYPE surface"), and
// their placement in the paragraph text: each mention is found in order at word boundaries, ignoring
// zero-width joiners (Hindi text carries U+200C/U+200D that typed surfaces lack). Used by the
// build-gold.mjs scripts of entities-news and pib-hindi-ner.
import { readFileSync } from 'node:fs';

/** Reads annotation files into id → [{type, text}], refusing a mention before any id and a repeated id. */
export function readAnnotations(files) {
  const ann = new Map();
  for (const file of files) {
    let cur = null;
    for (const raw of readFileSync(file, 'utf8').split('\n')) {
      const line = raw.trimEnd();
      if (!line || line.startsWith('#')) continue;
      const m = /^(PER|LOC|ORG) (.+)$/.exec(line);
      if (m) {
        if (!cur) throw new Error(`${file}: mention before any id: ${line}`);
        ann.get(cur).push({ type: m[1], text: m[2] });
      } else {
        cur = line.trim();
        if (ann.has(cur)) throw new Error(`${file}: duplicate id ${cur}`);
        ann.set(cur, []);
      }
    }
  }
  return ann;
}

const wordChar = /[\p{L}\p{M}\p{N}]/u;
/** Whether flat[s, e) is a whole word or words: no letter, mark or digit on either side (joiners are already out). */
const bounded = (flat, s, e) =>
  !(s > 0 && wordChar.test(flat[s - 1])) && !(e < flat.length && wordChar.test(flat[e]));

/** क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़ as the single code points U+0958–U+095F (which NFC never produces). */
const composeNukta = (t) =>
  t.replace(/([\u0915\u0916\u0917\u091c\u0921\u0922\u092b\u092f])\u093c/g, (_, base) =>
    String.fromCharCode(0x0958 + '\u0915\u0916\u0917\u091c\u0921\u0922\u092b\u092f'.indexOf(base)),
  );

/** Drops U+200C/U+200D, keeping for each kept character its offset in the original. */
function stripJoiners(t) {
  let s = '';
  const map = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\u200c' || t[i] === '\u200d') continue;
    s += t[i];
    map.push(i);
  }
  map.push(t.length);
  return { s, map };
}

/**
 * Places a paragraph's mentions: `mentions` ({start, end, text, type}, with text === slice), `missing`
 * (surfaces not found in order after the previous mention) and `repeats` (word-bounded occurrences of a
 * labelled surface that no mention covers, for review). With `glued`, a surface found nowhere with a word
 * boundary after it may end inside a word (a source that runs a postposition on: "एलएनजेपीमें"); those are
 * listed in `glued`.
 */
export function placeMentions(text, list, { glued = false } = {}) {
  const { s: flat, map } = stripJoiners(text);
  // The first occurrence of the surface as typed, in NFC, or with its nukta letters precomposed: NFC
  // decomposes U+0958–U+095F (ढ़ is ढ + nukta in NFC), and a text may hold either form.
  const find = (surface, at, rightOpen = false) => {
    const nfc = surface.normalize('NFC');
    let best = null;
    for (const form of new Set([surface, nfc, composeNukta(nfc)])) {
      const needle = stripJoiners(form).s;
      const from = map.findIndex((o) => o >= at);
      let i = from < 0 ? -1 : flat.indexOf(needle, from);
      while (i >= 0 && !bounded(flat, i, rightOpen ? flat.length : i + needle.length))
        i = flat.indexOf(needle, i + 1);
      if (i >= 0 && (!best || map[i] < best[0])) best = [map[i], map[i + needle.length - 1] + 1];
    }
    return best;
  };
  const mentions = [];
  const missing = [];
  const gluedOn = [];
  let from = 0;
  for (const { type, text: typed } of list) {
    let hit = find(typed, from);
    if (!hit && glued) {
      hit = find(typed, from, true);
      if (hit) gluedOn.push({ text: typed, start: hit[0] });
    }
    if (!hit) {
      missing.push({ type, text: typed, after: from });
      continue;
    }
    const [s, e] = hit;
    const surface = text.slice(s, e);
    if (stripJoiners(surface).s.normalize('NFC') !== stripJoiners(typed).s.normalize('NFC'))
      throw new Error('mismatch');
    mentions.push({ start: s, end: e, text: surface, type });
    from = e;
  }
  const repeats = [];
  for (const { text: typed } of list) {
    for (let hit = find(typed, 0); hit; hit = find(typed, hit[0] + 1)) {
      const [s, e] = hit;
      if (!mentions.some((m) => m.start < e && s < m.end)) repeats.push({ text: typed, start: s });
    }
  }
  return { mentions, missing, repeats, glued: gluedOn };
}

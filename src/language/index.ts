/**
 * Language stage: script census, per-paragraph language identification (Hindi, English, Marathi,
 * Nepali, Urdu, romanised Hindi) and document language. Pure; see `detect.ts` for the approach.
 */

export {
  type DetectLanguageOptions,
  type DocumentLanguages,
  detectDocumentLanguage,
  detectDocumentLanguages,
  detectLanguage,
  type LanguageGuess,
  type LanguageParagraph,
  normalizeLangTag,
} from './detect.ts';
export {
  type Accuracy,
  evaluateLanguageId,
  formatLanguageIdReport,
  type LabelledLine,
  type LanguageIdReport,
  parseLabelledLines,
  SHORT_LINE_CHARS,
  type SystemReport,
} from './eval.ts';
export { countScripts, type ScriptCounts, type ScriptLabel, scriptLabel } from './script.ts';

/**
 * `npm run eval [-- SUITE]`: `extraction` scores main-text extraction on ../shared/data/extraction-dev;
 * `entities-news` scores entities on real news paragraphs (tests/eval/entities-news.ts);
 * with no suite, the NLP evaluation (language ID, entities, dates, incidents) of tests/eval/run.ts.
 */
const suite = process.argv[2];
if (suite === 'extraction') {
  const { main } = await import('./extraction.ts');
  process.exitCode = main();
} else if (suite === 'entities-news') {
  const { main } = await import('./entities-news.ts');
  process.exitCode = main();
} else {
  await import('./run.ts');
}

export {};

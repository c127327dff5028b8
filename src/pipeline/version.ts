/**
 * Version stamped on every analysed article (provenance for exported datasets). Bump the stage part when
 * a stage's output changes in a way a researcher should know about.
 */
export const PIPELINE_VERSION = 'khabar-pipeline/0.1.0';

import type { Command } from 'commander';
import { CONFIG_SCHEMA, describeConfig, resolveConfig } from '../../core/config.ts';
import { bold, dim, printable, writeLine } from '../output.ts';

/** `khabar config`: the effective configuration (secrets redacted), or the schema that documents it. */
export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print the effective configuration: every setting, its KHABAR_* variable, value and source')
    .option('--json', 'print as JSON')
    .option('--schema', 'print the JSON Schema of the settings (types, defaults, variables, descriptions)')
    .addHelpText(
      'after',
      '\nSecrets (API keys, passwords, credentials in URLs) are shown as ***.\n\nExamples:\n  khabar config\n  KHABAR_STORE=elasticsearch KHABAR_ELASTICSEARCH_URL=http://localhost:9200 khabar config --json',
    )
    .action((opts: { json?: boolean; schema?: boolean }) => {
      if (opts.schema) return writeLine(JSON.stringify(CONFIG_SCHEMA, null, 2));
      const rows = describeConfig(resolveConfig(undefined, {}, { combinations: false }));
      if (opts.json) return writeLine(JSON.stringify(Object.fromEntries(rows.map((r) => [r.key, r.value]))));
      const width = Math.max(...rows.map((r) => r.env.length));
      for (const r of rows) {
        const value = r.value === undefined ? dim('(unset)') : printable(JSON.stringify(r.value));
        writeLine(
          `${bold(r.env.padEnd(width))}  ${value}${r.source === 'default' ? '' : dim(`  (from ${r.source})`)}`,
        );
        writeLine(`${' '.repeat(width)}  ${dim(r.description)}`);
      }
    });
}

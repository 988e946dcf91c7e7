/** The product version the CLI, the language server (`serverInfo`) and `--version` report; package.json's
 *  `version` must match it (test/unit/meta.test.mjs checks). */
export const VERSION = '0.1.0';

/** Entry point that VS Code loads with --extensionTestsPath (bundled to dist/test/e2e/suite/index.js). */
import { runAll } from './runner';
import { tests } from './extension.test';

export function run(): Promise<void> {
  return runAll('cors-lint in VS Code (extension development host)', tests);
}

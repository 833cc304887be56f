import { readMountedFile, readTextFile } from '../src/cli/files';
import { runImportCli } from '../src/import/cli';
import { runGuarded } from './guard';

runGuarded('import', () => runImportCli(process.argv.slice(2), (p) => readTextFile(p), readMountedFile));

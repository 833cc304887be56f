/** npm run plan -- --spans-per-second N --span-size B --retention 14d [...]: the capacity planner. */
import { runPlanCli } from '../src/plan/cli';
import { runGuarded } from './guard';

runGuarded('plan', () => runPlanCli(process.argv.slice(2)));

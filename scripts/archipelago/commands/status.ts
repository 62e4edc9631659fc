import { readRunState } from '../run-state';
import { printStatusTable } from '../status-table';
import { planTopology } from '../topology-plan';

/** `status <topology>`: exit 0 when every process of a detached run is alive and healthy. */
export async function status(topology: string): Promise<number> {
  const { dataDir } = await planTopology(topology);
  const state = readRunState(dataDir);
  if (!state) {
    console.log(`topology "${topology}" is not running in the background (no ${dataDir}/up.json)`);
    return 1;
  }
  console.log(`topology "${topology}", started ${state.startedAt}, data in ${dataDir}\n`);
  return (await printStatusTable(state.processes)) ? 0 : 1;
}

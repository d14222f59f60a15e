// A bridge in its own process for the benchmark (so that its memory and CPU are its own): the
// configuration comes from the environment the benchmark sets, the URL goes back over IPC.
import { loadConfig } from '../../bridge/config/config';
import { createLogger } from '../../bridge/log/logger';
import { startBridge } from '../../bridge/server';

const config = loadConfig({ env: process.env, envFileDir: null });
const logger = createLogger({ level: config.logLevel, format: 'json' });
const bridge = await startBridge(config, { logger, embeddedFsync: false });
process.send!({ url: bridge.url, pid: process.pid });
const stop = () => {
  bridge.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);

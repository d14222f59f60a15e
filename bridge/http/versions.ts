// The versions /status and /health/live answer: the bridge's release and its contract's.
import packageJson from '../../package.json' with { type: 'json' };
import { API_VERSION } from '../contract/api-version';
import type { Versions } from '../contract/responses';

export const VERSIONS: Versions = { version: packageJson.version, api_version: API_VERSION };

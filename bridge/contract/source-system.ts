// How the bridge signs the rows it writes to digital_twin_updates. The upstream system names its
// engine 'g04_engine'; retention, the webhook outbox and the history view tell the bridge's rows
// from other systems' by it. Plain constants, so the plugin can import them too.
export const BRIDGE_SOURCE_SYSTEM = 'g04_engine';
export const BRIDGE_UPDATE_TYPE = 'status_sync';

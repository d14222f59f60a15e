// The Node flags the bridge runs with, wherever it runs (npm start, the container, the desktop
// service, the benchmark): a young generation of 8 MB semi-spaces, and an old generation capped well above what the
// bridge holds (about 20 MB), so that V8 collects instead of growing the heap under load.
export const BRIDGE_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256'] as const;

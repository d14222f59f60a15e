// The Node flags the bridge runs with, wherever it runs (npm start, the container, the desktop
// service, the benchmark): 8 MB semi-spaces for the young generation, and an old generation capped
// well above what the bridge holds (about 20 MB), so that V8 collects instead of growing the heap
// under load (without the cap, 50 connections took the process from 95 MB to 175–183 MB). The
// collector works on the main thread only: after a burst of requests V8 shrinks the heap with three
// full collections, and with its four helper threads they cost 140 ms of CPU against 85 ms alone (the
// idle bridge's largest cost); cached /status answers 5–15 % fewer requests a second for it.
export const BRIDGE_NODE_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=256', '--single-threaded-gc'] as const;

// A full garbage collection on demand, without starting Node with --expose-gc: what a busy
// process does at some moment of its own, done here at the moment a test needs it.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

export function collectGarbage(): void {
  gc();
}

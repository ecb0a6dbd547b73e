/**
 * The one place that chooses the TF.js backend: wasm (fast kernels, SIMD) with the .wasm
 * files loaded from node_modules by file path, else the pure-JS cpu backend.
 * `tfjs-node` cannot be installed here (its install step downloads libtensorflow).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';

export type TfBackendName = 'wasm' | 'cpu';

let chosen: Promise<TfBackendName> | undefined;

async function choose(): Promise<TfBackendName> {
  if (process.env.MODELS_TF_BACKEND !== 'cpu') {
    try {
      const require = createRequire(import.meta.url);
      const dist = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep;
      // usePlatformFetch=false: Node's fetch cannot read file paths; emscripten reads them with fs.
      setWasmPaths(dist, false);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
    } catch {
      // fall through to cpu
    }
  }
  await tf.setBackend('cpu');
  await tf.ready();
  return 'cpu';
}

/** Initialises TF.js once and returns the library plus the backend in use. */
export async function getTf(): Promise<{ tf: typeof tf; backend: TfBackendName }> {
  chosen ??= choose();
  return { tf, backend: await chosen };
}

/** The backend in use, or undefined before the first getTf(). */
export function currentTfBackend(): string | undefined {
  return chosen ? tf.getBackend() : undefined;
}

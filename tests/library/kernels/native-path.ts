import type { TestContext } from 'node:test';
import { nativeBinding, nativeStatus, nativeTurnedOff, type NativeBinding } from '../../../src/library/native/index';

/**
 * The addon for a test of the native path, or undefined after skipping the test with the reason.
 * Skips when the path is off by choice (PAPERLAB_NATIVE=off) or, outside CI, because it did not
 * build here; with PAPERLAB_REQUIRE_NATIVE=1 (set by .ci/run) an addon that should be there and is
 * not fails the test.
 */
export function nativeOrSkip(t: TestContext): NativeBinding | undefined {
  const binding = nativeBinding();
  if (binding) return binding;
  const status = nativeStatus();
  const reason = status.reason ?? 'on';
  const byChoice = nativeTurnedOff();
  if (!byChoice && process.env.PAPERLAB_REQUIRE_NATIVE === '1') throw new Error(`the native path should run here (PAPERLAB_REQUIRE_NATIVE=1) but is off: ${reason}`);
  t.skip(`native compute off: ${reason}`);
  return undefined;
}

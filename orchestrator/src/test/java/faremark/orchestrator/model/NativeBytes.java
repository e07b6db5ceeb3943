package faremark.orchestrator.model;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * Frees a direct buffer's native memory at once, through {@code sun.misc.Unsafe.invokeCleaner} (in
 * jdk.unsupported: not a memory-access method, so not among those JDK 24+ warns about). Without
 * it a direct buffer is freed only after a collection finds it unreachable, and a model that means
 * to hold K bytes per request in flight would hold them for longer. Where the method cannot be
 * reached, the buffers are left to the collector and {@link #explicit()} says so.
 */
final class NativeBytes {
  private static final Object UNSAFE;
  private static final Method INVOKE_CLEANER;

  static {
    Object unsafe = null;
    Method cleaner = null;
    try {
      Class<?> type = Class.forName("sun.misc.Unsafe");
      Field f = type.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      unsafe = f.get(null);
      cleaner = type.getMethod("invokeCleaner", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      unsafe = null;
      cleaner = null;
    }
    UNSAFE = unsafe;
    INVOKE_CLEANER = cleaner;
  }

  private NativeBytes() {}

  /** True when buffers are freed as their request ends, false when left to the collector. */
  static boolean explicit() {
    return INVOKE_CLEANER != null;
  }

  static void free(ByteBuffer buffer) {
    if (INVOKE_CLEANER == null) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(UNSAFE, buffer);
    } catch (ReflectiveOperationException e) {
      // left to the collector, as where the method is missing
    }
  }
}

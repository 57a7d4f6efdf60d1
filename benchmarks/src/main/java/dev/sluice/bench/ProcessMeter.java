package dev.sluice.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * What a measured run costs the process: CPU seconds of all its threads (operators, generator,
 * garbage collector and JIT compiler alike), and two heap figures: the peak of heap in use
 * (garbage included, as the heap pools saw it) and the peak left after a collection (the live
 * data, which is what bounded state must keep small).
 */
final class ProcessMeter implements AutoCloseable {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final List<MemoryPoolMXBean> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
  private final AtomicLong peakAfterCollection = new AtomicLong();
  private final NotificationListener afterCollection = (notification, handback) -> {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long used = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (isHeapPool(pool.getKey())) used += pool.getValue().getUsed();
    }
    peakAfterCollection.accumulateAndGet(used, Math::max);
  };
  private final long startNanos;
  private final long startCpuNanos;

  /** The JVM the figures belong to: its version, garbage collectors and heap limit. */
  static String jvm() {
    String collectors = String.join(" + ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
    return String.format(java.util.Locale.ROOT, "%s %s, collectors %s, max heap %,d MiB", System.getProperty("java.vm.name"),
        Runtime.version(), collectors, Runtime.getRuntime().maxMemory() >> 20);
  }

  /** Starts measuring now: CPU from here, heap peaks reset. */
  ProcessMeter() {
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener(afterCollection, null, null);
    }
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    startCpuNanos = OS.getProcessCpuTime();
    startNanos = System.nanoTime();
  }

  double elapsedSeconds() {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  double cpuSeconds() {
    return (OS.getProcessCpuTime() - startCpuNanos) / 1e9;
  }

  /** The largest heap in use seen by any pool's peak, summed over pools (an upper bound). */
  long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : heapPools) sum += pool.getPeakUsage().getUsed();
    return sum;
  }

  /** The most heap left in use after any collection during the run; 0 if none ran. */
  long peakLiveHeapBytes() {
    return peakAfterCollection.get();
  }

  private boolean isHeapPool(String name) {
    for (MemoryPoolMXBean pool : heapPools) if (pool.getName().equals(name)) return true;
    return false;
  }

  @Override
  public void close() {
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      try {
        ((NotificationEmitter) gc).removeNotificationListener(afterCollection);
      } catch (javax.management.ListenerNotFoundException e) {
        // never added to this collector: nothing to remove
      }
    }
  }
}

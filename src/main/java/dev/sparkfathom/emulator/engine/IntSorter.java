package dev.sparkfathom.emulator.engine;

/**
 * Sorts an int array with a comparator on ints, without boxing: a merge sort (stable,
 * n log n) with insertion sort for short runs. The engine sorts group numbers with it.
 */
final class IntSorter {
  private static final int INSERTION = 24;

  /** Compares two ints, as {@link java.util.Comparator} does objects. */
  @FunctionalInterface
  interface IntComparator {
    int compare(int a, int b);
  }

  private IntSorter() {}

  static void sort(int[] a, IntComparator c) {
    int[] buffer = a.clone();
    mergeSort(buffer, a, 0, a.length, c);
  }

  /** Sorts src[from, to) into dst[from, to); both hold the same values on entry. */
  private static void mergeSort(int[] src, int[] dst, int from, int to, IntComparator c) {
    int n = to - from;
    if (n <= INSERTION) {
      for (int i = from + 1; i < to; i++) {
        int v = dst[i];
        int j = i - 1;
        while (j >= from && c.compare(dst[j], v) > 0) {
          dst[j + 1] = dst[j];
          j--;
        }
        dst[j + 1] = v;
      }
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(dst, src, from, mid, c);
    mergeSort(dst, src, mid, to, c);
    if (c.compare(src[mid - 1], src[mid]) <= 0) {
      System.arraycopy(src, from, dst, from, n);
      return;
    }
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && c.compare(src[i], src[j]) <= 0)) {
        dst[k] = src[i++];
      } else {
        dst[k] = src[j++];
      }
    }
  }
}

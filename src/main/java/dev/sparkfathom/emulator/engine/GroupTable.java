package dev.sparkfathom.emulator.engine;

import java.util.Arrays;

/**
 * An open-addressing hash map from fixed-width int tuples (dictionary codes) to int values
 * (group numbers). Keys live in one flat int array, so a lookup allocates nothing. The engine
 * keeps one table per date bucket: records come roughly in time order, so the table in use
 * stays small enough for the CPU cache.
 */
final class GroupTable {
  private final int width;
  private int[] keys;
  private int[] values;
  private int[] hashes;
  private int[] slots;
  private int mask;
  private int size;

  GroupTable(int width) {
    this.width = width;
    keys = new int[8 * width];
    values = new int[8];
    hashes = new int[8];
    slots = new int[16];
    mask = slots.length - 1;
  }

  /**
   * The value of {@code key} (its first {@code width} ints); when absent, adds it with
   * {@code valueIfAbsent} and answers that.
   */
  int getOrPut(int[] key, int valueIfAbsent) {
    int hash = hash(key);
    int slot = hash & mask;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        add(key, hash, slot, valueIfAbsent);
        return valueIfAbsent;
      }
      int index = entry - 1;
      if (hashes[index] == hash && sameKey(index, key)) {
        return values[index];
      }
      slot = (slot + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  private boolean sameKey(int index, int[] key) {
    int base = index * width;
    for (int i = 0; i < width; i++) {
      if (keys[base + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private void add(int[] key, int hash, int slot, int value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
      keys = Arrays.copyOf(keys, size * 2 * width);
    }
    System.arraycopy(key, 0, keys, size * width, width);
    values[size] = value;
    hashes[size] = hash;
    slots[slot] = size + 1;
    size++;
    if (size * 2 > slots.length) {
      rehash();
    }
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int index = 0; index < size; index++) {
      int slot = hashes[index] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = index + 1;
    }
  }

  private int hash(int[] key) {
    int h = 0;
    for (int i = 0; i < width; i++) {
      h = (h + key[i]) * 0x9E3779B1;
    }
    // murmur3's finaliser: spreads high-bit differences into the low bits the mask keeps
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }
}

package dev.sparkfathom.emulator.engine;

import java.util.Arrays;

/**
 * An open-addressing hash map from fixed-width int tuples (a date group and dictionary codes)
 * to dense group numbers 0, 1, 2, ... in order of first appearance. Keys are kept in one flat
 * int array, so a lookup allocates nothing.
 */
final class GroupTable {
  private final int width;
  private int[] keys;
  private int[] hashes;
  private int[] slots;
  private int mask;
  private int size;

  GroupTable(int width) {
    this.width = width;
    keys = new int[16 * width];
    hashes = new int[16];
    slots = new int[64];
    mask = slots.length - 1;
  }

  /** The group of {@code key} (its first {@code width} ints), adding it when new. */
  int findOrAdd(int[] key) {
    int hash = hash(key);
    int slot = hash & mask;
    while (true) {
      int entry = slots[slot];
      if (entry == 0) {
        return add(key, hash, slot);
      }
      int group = entry - 1;
      if (hashes[group] == hash && sameKey(group, key)) {
        return group;
      }
      slot = (slot + 1) & mask;
    }
  }

  int size() {
    return size;
  }

  /** Element {@code index} of the key of {@code group}. */
  int key(int group, int index) {
    return keys[group * width + index];
  }

  private boolean sameKey(int group, int[] key) {
    int base = group * width;
    for (int i = 0; i < width; i++) {
      if (keys[base + i] != key[i]) {
        return false;
      }
    }
    return true;
  }

  private int add(int[] key, int hash, int slot) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      keys = Arrays.copyOf(keys, size * 2 * width);
    }
    System.arraycopy(key, 0, keys, size * width, width);
    hashes[size] = hash;
    slots[slot] = size + 1;
    size++;
    if (size * 2 > slots.length) {
      rehash();
    }
    return size - 1;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int group = 0; group < size; group++) {
      int slot = hashes[group] & mask;
      while (slots[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slots[slot] = group + 1;
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

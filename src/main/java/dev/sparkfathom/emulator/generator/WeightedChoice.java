package dev.sparkfathom.emulator.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks one of a fixed list of values (null allowed) with given weights, or with Zipf-like
 * weights {@code 1 / rank^s}: a cumulative table and a binary search.
 */
final class WeightedChoice {
  private final String[] values;
  private final double[] cumulative;

  private WeightedChoice(String[] values, double[] weights) {
    if (values.length == 0 || values.length != weights.length) {
      throw new IllegalArgumentException(
          "need as many weights as values, at least one; got " + values.length + " values and "
              + weights.length + " weights");
    }
    this.values = values.clone();
    this.cumulative = new double[weights.length];
    double sum = 0;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i];
      cumulative[i] = sum;
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= sum;
    }
  }

  /** Alternating value, weight pairs: {@code of("Chrome", 60, "Safari", 20, null, 1)}. */
  static WeightedChoice of(Object... pairs) {
    String[] values = new String[pairs.length / 2];
    double[] weights = new double[pairs.length / 2];
    for (int i = 0; i < values.length; i++) {
      values[i] = (String) pairs[2 * i];
      weights[i] = ((Number) pairs[2 * i + 1]).doubleValue();
    }
    return new WeightedChoice(values, weights);
  }

  /** {@code values[k]} with weight {@code 1 / (k + 1)^exponent}. */
  static WeightedChoice zipf(String[] values, double exponent) {
    double[] weights = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      weights[k] = 1 / StrictMath.pow(k + 1, exponent);
    }
    return new WeightedChoice(values, weights);
  }

  String pick(SplittableRandom random) {
    return values[index(random)];
  }

  int index(SplittableRandom random) {
    int i = Arrays.binarySearch(cumulative, random.nextDouble());
    i = i < 0 ? -i - 1 : i;
    return Math.min(i, values.length - 1);
  }

  int size() {
    return values.length;
  }

  String value(int index) {
    return values[index];
  }
}

package dev.sparkfathom.emulator.generator;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cities of the countries {@link Vocabulary#COUNTRIES} draws, each with its region (the
 * first-level subdivision: a US state, a German Land, an English nation, a French région)
 * and, for countries whose subdivisions are states (US, AU, IN, BR, MX, DE, NG), the same
 * name as {@code state}; elsewhere {@code state} is null. An unknown ({@code un}) or missing
 * country has no city, region or state. Shares are rough, bigger cities first.
 */
final class Geography {
  /** One place: {@code state} may be null. */
  record Place(String city, String region, String state) {}

  private static final Map<String, Place[]> PLACES = new HashMap<>();
  private static final Map<String, WeightedChoice> CHOICES = new HashMap<>();

  static {
    states("US", "New York", "New York", "Los Angeles", "California", "San Francisco",
        "California", "Chicago", "Illinois", "Austin", "Texas", "Seattle", "Washington",
        "Boston", "Massachusetts", "Denver", "Colorado");
    regions("GB", "London", "England", "Manchester", "England", "Edinburgh", "Scotland",
        "Cardiff", "Wales", "Belfast", "Northern Ireland");
    states("DE", "Berlin", "Berlin", "Munich", "Bavaria", "Hamburg", "Hamburg", "Cologne",
        "North Rhine-Westphalia", "Leipzig", "Saxony");
    states("IN", "Bengaluru", "Karnataka", "Mumbai", "Maharashtra", "Delhi", "Delhi",
        "Hyderabad", "Telangana", "Pune", "Maharashtra");
    regions("FR", "Paris", "Île-de-France", "Lyon", "Auvergne-Rhône-Alpes", "Toulouse",
        "Occitanie", "Nantes", "Pays de la Loire");
    regions("CA", "Toronto", "Ontario", "Vancouver", "British Columbia", "Montréal", "Quebec");
    regions("NL", "Amsterdam", "North Holland", "Rotterdam", "South Holland", "Utrecht",
        "Utrecht");
    states("AU", "Sydney", "New South Wales", "Melbourne", "Victoria", "Brisbane",
        "Queensland");
    states("BR", "São Paulo", "São Paulo", "Rio de Janeiro", "Rio de Janeiro",
        "Belo Horizonte", "Minas Gerais");
    regions("JP", "Tokyo", "Tokyo", "Osaka", "Osaka", "Fukuoka", "Fukuoka");
    regions("ES", "Madrid", "Community of Madrid", "Barcelona", "Catalonia", "Valencia",
        "Valencian Community");
    regions("IT", "Milan", "Lombardy", "Rome", "Lazio", "Turin", "Piedmont");
    regions("SE", "Stockholm", "Stockholm County", "Gothenburg", "Västra Götaland");
    regions("PL", "Warsaw", "Masovian Voivodeship", "Kraków", "Lesser Poland Voivodeship");
    regions("CH", "Zurich", "Zurich", "Geneva", "Geneva", "Bern", "Bern");
    states("MX", "Mexico City", "Mexico City", "Guadalajara", "Jalisco", "Monterrey",
        "Nuevo León");
    regions("KR", "Seoul", "Seoul", "Busan", "Busan");
    states("NG", "Lagos", "Lagos", "Abuja", "Federal Capital Territory");
    regions("ZA", "Cape Town", "Western Cape", "Johannesburg", "Gauteng");
    regions("NZ", "Auckland", "Auckland", "Wellington", "Wellington");
  }

  private Geography() {}

  private static void states(String country, String... cityRegion) {
    add(country, true, cityRegion);
  }

  private static void regions(String country, String... cityRegion) {
    add(country, false, cityRegion);
  }

  private static void add(String country, boolean states, String... cityRegion) {
    int n = cityRegion.length / 2;
    Place[] places = new Place[n];
    Object[] pairs = new Object[2 * n];
    for (int i = 0; i < n; i++) {
      String region = cityRegion[2 * i + 1];
      places[i] = new Place(cityRegion[2 * i], region, states ? region : null);
      pairs[2 * i] = Integer.toString(i);
      pairs[2 * i + 1] = 1.0 / (i + 1);
    }
    PLACES.put(country, places);
    CHOICES.put(country, WeightedChoice.of(pairs));
  }

  /** A place in the country; null for an unknown or missing country. */
  static Place pick(SplittableRandom r, String countryCode) {
    WeightedChoice choice = countryCode == null ? null : CHOICES.get(countryCode);
    return choice == null ? null : PLACES.get(countryCode)[choice.index(r)];
  }

  /** The places of a country (empty for one without), for tests. */
  static Place[] places(String countryCode) {
    Place[] p = PLACES.get(countryCode);
    return p == null ? new Place[0] : p.clone();
  }
}

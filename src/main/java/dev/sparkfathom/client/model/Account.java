package dev.sparkfathom.client.model;

/** The account that owns the token. {@code id} is kept as text: Fathom sends it as a number. */
public record Account(String id, String name, String email) {}

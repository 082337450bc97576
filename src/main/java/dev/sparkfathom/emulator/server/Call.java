package dev.sparkfathom.emulator.server;

import java.time.Instant;

/** One authenticated {@code /v1} request, as the endpoints see it. */
record Call(Route.Match match, Params params, TokenGrant token, Instant now) {
  Permission permission() {
    return token.permission();
  }

  /** @throws ApiException 401 when the token may not write */
  void requireWrite() {
    if (!permission().mayWrite()) {
      throw EndpointErrors.forbidden();
    }
  }

  /** @throws ApiException 401 when the token may not change the site (today's API) */
  void requireManage(String siteId) {
    if (!permission().mayManage(siteId)) {
      throw EndpointErrors.forbidden();
    }
  }

  /** @throws ApiException 401 without full access (today's API) */
  void requireFull() {
    if (!permission().full()) {
      throw EndpointErrors.forbidden();
    }
  }

  /** @throws ApiException 401 when the token may not read the site */
  void requireRead(String siteId) {
    if (!permission().mayRead(siteId)) {
      throw EndpointErrors.forbidden();
    }
  }
}

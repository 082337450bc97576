package dev.sparkfathom.client;

import dev.sparkfathom.client.model.Page;
import dev.sparkfathom.client.model.PageRequest;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Walks every page of a list lazily: fetches a page only when the previous one is used up,
 * keeps the first request (limit, direction) and only moves its cursor to the last object of
 * each page. With {@code ending_before} Fathom answers newest first, so the last object is the
 * oldest and the walk goes backwards.
 */
final class PagingIterator<T> implements Iterator<T> {
  private final Function<PageRequest, Page<T>> fetch;
  private final Function<T, String> id;
  private PageRequest request;
  private Iterator<T> current;
  private boolean more = true;

  PagingIterator(PageRequest first, Function<PageRequest, Page<T>> fetch, Function<T, String> id) {
    this.request = Objects.requireNonNull(first, "first");
    this.fetch = fetch;
    this.id = id;
  }

  @Override
  public boolean hasNext() {
    while ((current == null || !current.hasNext()) && more) {
      Page<T> page = fetch.apply(request);
      more = page.hasMore();
      current = page.data().iterator();
      if (more) {
        request = advance(page);
      }
    }
    return current != null && current.hasNext();
  }

  private PageRequest advance(Page<T> page) {
    if (page.data().isEmpty()) {
      throw stuck("has_more is true but the page is empty");
    }
    String last = id.apply(page.data().get(page.data().size() - 1));
    if (last == null) {
      // Today's events may come without an id: there is then no cursor to continue from.
      throw stuck("has_more is true but the page's last object has no id to continue from");
    }
    String previous = request.backwards() ? request.endingBefore() : request.startingAfter();
    if (last.equals(previous)) {
      throw stuck("the next cursor " + last + " is the one just used");
    }
    return request.next(last);
  }

  private FathomDecodeException stuck(String why) {
    return new FathomDecodeException("pagination cannot advance: " + why + " (request " + request
        + ")", 200, null, null);
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}

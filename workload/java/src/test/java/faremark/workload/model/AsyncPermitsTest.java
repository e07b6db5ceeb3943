package faremark.workload.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncPermitsTest {

  @Test
  void runsAtOnceWhileFreeThenHandsReleasedPermitsToWaitersInOrder() {
    AsyncPermits permits = new AsyncPermits(2);
    List<String> granted = new ArrayList<>();
    permits.acquire(() -> granted.add("a"));
    permits.acquire(() -> granted.add("b"));
    permits.acquire(() -> granted.add("c"));
    permits.acquire(() -> granted.add("d"));
    assertThat(granted).containsExactly("a", "b");

    permits.release();
    assertThat(granted).containsExactly("a", "b", "c");
    permits.release();
    permits.release();
    permits.release();
    assertThat(granted).containsExactly("a", "b", "c", "d");
    permits.acquire(() -> granted.add("e"));
    assertThat(granted).endsWith("e");
  }
}

package dev.yubin.mta.relay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    @Test
    void commitsUpToTheLowestRecordNotDone() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.dispatched(10);
        tracker.dispatched(11);
        tracker.dispatched(12);

        assertThat(tracker.committable()).isEqualTo(10);
        tracker.done(11);
        tracker.done(12);
        assertThat(tracker.committable()).isEqualTo(10); // 10 is slow: nothing past it
        tracker.done(10);
        assertThat(tracker.committable()).isEqualTo(13);
    }

    @Test
    void saysNothingWhenNothingMovedSinceTheLastCommit() {
        OffsetTracker tracker = new OffsetTracker();
        assertThat(tracker.committable()).isEqualTo(-1);
        tracker.dispatched(0);
        tracker.done(0);
        tracker.committed(tracker.committable());

        assertThat(tracker.committable()).isEqualTo(-1);
        assertThat(tracker.done(0)).isFalse();
    }
}

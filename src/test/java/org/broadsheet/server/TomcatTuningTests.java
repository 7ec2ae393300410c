package org.broadsheet.server;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TomcatTuningTests {

	@Test
	void theConnectionLimitFollowsTheHeap() {
		assertThat(TomcatTuning.maxConnections(64L << 20)).isEqualTo(384);
		assertThat(TomcatTuning.maxConnections(128L << 20)).isEqualTo(1408);
		assertThat(TomcatTuning.maxConnections(6L << 30)).as("Tomcat's default").isEqualTo(8192);
		assertThat(TomcatTuning.maxConnections(32L << 20)).as("the floor").isEqualTo(64);
	}

}

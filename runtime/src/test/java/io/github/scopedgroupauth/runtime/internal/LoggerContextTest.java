package io.github.scopedgroupauth.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoggerContextTest {

    @Test
    void silentContextLogsNothing_andNeverRunsOutOfTime() {
        LambdaLogger logger = LoggerContext.silent().getLogger();

        assertThat(logger).isNotNull();
        assertThatCode(() -> {
                    logger.log("line");
                    logger.log("line", LogLevel.WARN);
                    logger.log("line".getBytes(StandardCharsets.UTF_8));
                })
                .doesNotThrowAnyException();
        assertThat(LoggerContext.silent().getRemainingTimeInMillis()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void handsOutTheGivenLogger_orNone() {
        LambdaLogger logger = LoggerContext.silent().getLogger();

        assertThat(new LoggerContext(logger).getLogger()).isSameAs(logger);
        assertThat(new LoggerContext(null).getLogger()).isNull();
    }
}

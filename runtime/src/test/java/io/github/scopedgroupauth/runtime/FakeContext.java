package io.github.scopedgroupauth.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda {@link Context} with fixed values and a given logger (possibly null). */
final class FakeContext implements Context {

    private final LambdaLogger logger;

    FakeContext(LambdaLogger logger) {
        this.logger = logger;
    }

    @Override
    public String getAwsRequestId() {
        return "00000000-0000-4000-8000-00000000aaaa";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/example-pre-token";
    }

    @Override
    public String getLogStreamName() {
        return "2026/01/01/[$LATEST]0000000000000000";
    }

    @Override
    public String getFunctionName() {
        return "example-pre-token";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:111122223333:function:example-pre-token";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 5_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}

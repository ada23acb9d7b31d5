package io.github.scopedgroupauth.runtime.reliability;

import java.io.OutputStream;

/**
 * Standard output that only counts lines, so the handler's metric lines are written on every input without the
 * soak test keeping them.
 */
final class CountingOutput extends OutputStream {

    private long lines;

    long lines() {
        return lines;
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            lines++;
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }
}

package io.sipvista.testkit;

/** The 16-bit ones' complement sum of RFC 1071, over one or more byte ranges added in turn. */
final class InternetChecksum {
    private long sum;
    private boolean odd;

    InternetChecksum add(byte[] data) {
        return add(data, 0, data.length);
    }

    InternetChecksum add(byte[] data, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int b = data[i] & 0xff;
            sum += odd ? b : b << 8;
            odd = !odd;
        }
        return this;
    }

    InternetChecksum addShort(int value) {
        return add(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    InternetChecksum addInt(long value) {
        return addShort((int) (value >>> 16) & 0xffff).addShort((int) value & 0xffff);
    }

    /** The checksum to put in a header: the complement of the folded sum. */
    int value() {
        long s = sum;
        while ((s >>> 16) != 0) {
            s = (s & 0xffff) + (s >>> 16);
        }
        return (int) (~s & 0xffff);
    }

    static int of(byte[] data, int offset, int length) {
        return new InternetChecksum().add(data, offset, length).value();
    }
}

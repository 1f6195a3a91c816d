package io.sipvista.net;

import io.sipvista.bytes.IpText;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointTextTest {
    @Test
    void addressesReadTheSameAsIpTextWhateverCollidesInTheTable() {
        EndpointText text = new EndpointText();
        Random r = new Random(7);
        byte[] b = new byte[4];
        for (int i = 0; i < 50_000; i++) {
            // a small pool, so that entries are met again, and a large one, so that slots are taken over
            int v = i % 2 == 0 ? r.nextInt(300) : r.nextInt();
            b[0] = (byte) (v >>> 24);
            b[1] = (byte) (v >>> 16);
            b[2] = (byte) (v >>> 8);
            b[3] = (byte) v;
            assertThat(text.v4(b, 0)).isEqualTo(IpText.v4(b, 0));
        }
    }

    @Test
    void endpointsReadTheSameAsPacketEndpointAndARepeatBuildsNoNewString() {
        EndpointText text = new EndpointText();
        Random r = new Random(11);
        for (int i = 0; i < 50_000; i++) {
            String address = i % 3 == 0 ? "2001:db8::" + Integer.toHexString(r.nextInt(50)) : "10.0.0." + r.nextInt(256);
            int port = i % 5 == 0 ? -1 : r.nextInt(65536);
            assertThat(text.endpoint(address, port)).isEqualTo(Packet.endpoint(address, port));
        }
        String first = text.endpoint("192.168.1.1", 5060);
        assertThat(text.endpoint(new String("192.168.1.1"), 5060)).isSameAs(first);
        assertThat(text.endpoint(null, 5060)).isNull();
    }
}

package io.sipvista.correlate;

import java.util.Objects;

/**
 * What identifies a transaction on the wire (RFC 3261 §17.1.3, §17.2.3). An RFC 3261 element marks its branch
 * with the magic cookie {@code z9hG4bK} and the branch alone (with sent-by and method) is the key; an older element
 * (RFC 2543) gives no such promise and the key is made of the dialog and sequence fields instead.
 */
public sealed interface TransactionKey permits TransactionKey.Branch, TransactionKey.Legacy {
    /** The method part of the key: the CSeq method, INVITE for an ACK that joins an INVITE transaction. */
    String method();

    /**
     * RFC 3261 key: top Via branch, top Via sent-by and method. A CANCEL shares the branch of the INVITE it
     * cancels and differs by method; an ACK for a non-2xx response is matched with method INVITE.
     *
     * @param branch the branch parameter as written (compared exactly)
     * @param sentBy the top Via sent-by, lower case ({@code "192.168.1.2:5060"})
     * @param method the transaction's method
     */
    record Branch(String branch, String sentBy, String method) implements TransactionKey {
        public Branch {
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(sentBy, "sentBy");
            Objects.requireNonNull(method, "method");
        }

        // equals and hashCode written out: the record's generated ones go through method handles, which the quick
        // compiler runs slowly (SDP lines, transaction and dialog keys are compared for every message). The hash is the
        // generated one's: 31 * h + each component's hash, in order.
        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof Branch b && branch.equals(b.branch) && sentBy.equals(b.sentBy)
                    && method.equals(b.method);
        }

        @Override
        public int hashCode() {
            return (branch.hashCode() * 31 + sentBy.hashCode()) * 31 + method.hashCode();
        }

        @Override
        public String toString() {
            return method + " " + branch + " " + sentBy;
        }
    }

    /**
     * RFC 2543 fallback key (RFC 3261 §17.2.3): Call-ID, CSeq number, method, From tag and the top Via without
     * the parameters a server adds on the way back ({@code received}, {@code rport}). The Request-URI and the To
     * tag are checked on matching, not keyed.
     *
     * @param callId  the Call-ID
     * @param cseq    the CSeq number
     * @param method  the transaction's method
     * @param fromTag the From tag, empty when the From has none
     * @param via     top Via transport, sent-by (lower case) and branch if any: {@code "UDP 10.0.0.1:5060;branch=x"}
     */
    record Legacy(String callId, long cseq, String method, String fromTag, String via) implements TransactionKey {
        public Legacy {
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(fromTag, "fromTag");
            Objects.requireNonNull(via, "via");
        }

        @Override
        public boolean equals(Object o) { // written out, as Branch's
            return o == this || o instanceof Legacy l && cseq == l.cseq && callId.equals(l.callId)
                    && method.equals(l.method) && fromTag.equals(l.fromTag) && via.equals(l.via);
        }

        @Override
        public int hashCode() {
            return (((callId.hashCode() * 31 + Long.hashCode(cseq)) * 31 + method.hashCode()) * 31
                    + fromTag.hashCode()) * 31 + via.hashCode();
        }

        @Override
        public String toString() {
            return method + " " + callId + " " + cseq + " " + fromTag + " " + via;
        }
    }
}

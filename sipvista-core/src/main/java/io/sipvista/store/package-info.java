/**
 * Finished summaries kept compact until the output is written: values encoded to bytes ({@link Codec}, the
 * reflective {@link RecordCodec} for records), held in deflated blocks ({@link StoredList}) and read back equal, one
 * at a time. The analysis keeps every finished call and stream for the output; as objects that cost ~4 KB a call, as
 * bytes in a block a small fraction of it. Depends on nothing of sipvista.
 */
package io.sipvista.store;

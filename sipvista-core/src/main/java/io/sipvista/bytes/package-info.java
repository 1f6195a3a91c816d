/** Bounds-checked reads of unsigned integers from byte arrays, and hex for messages. Depends on nothing. */
package io.sipvista.bytes;

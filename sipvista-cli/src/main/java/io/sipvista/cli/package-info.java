/**
 * The {@code sipvista} command line (picocli): commands, options, exit codes (0 ok, 1 error, 2 usage) and the
 * wording of user-facing errors. Wires core packages together; holds no decoding logic.
 */
package io.sipvista.cli;

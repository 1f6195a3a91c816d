package io.sipvista.store;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Codec} of one record class, worked out once from its components: each component is written in
 * declaration order and read back through the canonical constructor, so the record's own checks and copies run
 * again. Built by {@link #of}; immutable and safe to share between threads once built.
 *
 * <p>A component may be a primitive, a boxed primitive, a {@link String}, an {@link Instant}, a {@link Duration},
 * an enum, a record of such components, or a {@link List} of any of these; a class given in {@code extra} with its
 * own codec; nothing else. Every value but a primitive may be null, a list's elements included. Lists come back
 * unmodifiable and equal to the ones written. Lists of {@link Long} or {@link Integer} are written as differences
 * from the element before, so ascending numbers (frame numbers) take a byte or two each.
 *
 * <p>A type that cannot be encoded fails {@link #of} with {@link IllegalArgumentException} naming the record and
 * component, never {@link #write} later.
 *
 * @param <T> the record class
 */
public final class RecordCodec<T extends Record> implements Codec<T> {
    private final Class<T> type;
    private final Shape shape;

    private RecordCodec(Class<T> type, Shape shape) {
        this.type = type;
        this.shape = shape;
    }

    /**
     * The codec of {@code type}.
     *
     * @throws IllegalArgumentException if a component, or a component of a record or list in it, has a type this
     *                                  codec cannot encode
     */
    public static <T extends Record> RecordCodec<T> of(Class<T> type) {
        return of(type, Map.of());
    }

    /**
     * The codec of {@code type}, encoding the classes of {@code extra} with their codecs wherever one is a
     * component's type or a list's element type (a null value is marked before the codec is called, so it never
     * sees null). A class in {@code extra} is taken from there even when this codec could encode it itself
     * (primitives excepted).
     *
     * @throws IllegalArgumentException if a component, or a component of a record or list in it, has a type this
     *                                  codec cannot encode and {@code extra} has no codec for
     */
    public static <T extends Record> RecordCodec<T> of(Class<T> type, Map<Class<?>, Codec<?>> extra) {
        Objects.requireNonNull(type, "type");
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        Builder b = new Builder(Map.copyOf(extra));
        return new RecordCodec<>(type, b.shape(type));
    }

    /** The record class encoded. */
    public Class<T> type() {
        return type;
    }

    /** Appends the components of {@code value} (not null). */
    @Override
    public void write(T value, ByteSink out) {
        Objects.requireNonNull(value, "value");
        out.forgetRecent(); // strings refer back only within this record: it can be read alone
        try {
            shape.write(value, out);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot encode a " + type.getName(), e);
        }
    }

    /** Reads one record written by {@link #write}, through its canonical constructor. */
    @Override
    public T read(ByteSource in) {
        in.forgetRecent();
        try {
            return type.cast(shape.read(in));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot decode a " + type.getName(), e);
        }
    }

    @Override
    public String toString() {
        return "RecordCodec[" + type.getName() + "]";
    }

    /** Writes and reads one value of a component, list element or record; null included unless primitive. */
    private interface Value {
        void write(Object v, ByteSink out) throws Throwable;

        Object read(ByteSource in) throws Throwable;
    }

    /** One component of a record: reads it from the record through its accessor, writes it, reads it back. */
    private interface Part {
        void write(Object record, ByteSink out) throws Throwable;

        /** The component as the canonical constructor takes it (a primitive boxed). */
        Object read(ByteSource in) throws Throwable;
    }

    /** A record's components in order and its canonical constructor, taking them as an {@code Object[]}. */
    private static final class Shape {
        /** Filled in by the {@link Builder} right after this shape is registered, so a record may contain itself. */
        private final Part[] parts;
        private final Constructor<?> constructor;

        Shape(int components, Constructor<?> constructor) {
            this.parts = new Part[components];
            this.constructor = constructor;
        }

        void write(Object record, ByteSink out) throws Throwable {
            for (Part p : parts) {
                p.write(record, out);
            }
        }

        Object read(ByteSource in) throws Throwable {
            Object[] args = new Object[parts.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = parts[i].read(in);
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                throw e.getCause(); // what the record's constructor threw
            }
        }
    }

    /** Works out the shapes and values of one record class and everything it contains; used once. */
    private static final class Builder {
        private final MethodHandles.Lookup lookup = MethodHandles.lookup();
        private final Map<Class<?>, Codec<?>> extra;
        private final Map<Class<?>, Shape> shapes = new HashMap<>();

        Builder(Map<Class<?>, Codec<?>> extra) {
            this.extra = extra;
        }

        Shape shape(Class<?> type) {
            Shape known = shapes.get(type);
            if (known != null) {
                return known;
            }
            RecordComponent[] components = type.getRecordComponents();
            Class<?>[] raw = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                raw[i] = components[i].getType();
            }
            Constructor<?> constructor;
            try {
                constructor = type.getDeclaredConstructor(raw);
            } catch (NoSuchMethodException e) {
                throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
            }
            // Called through reflection, not a method handle: the handle spread over an Object[] made the JVM
            // generate classes for each record's shape when the codec was made, at every start (analyze on the
            // included capture, 10 alternating runs: median 0.415 -> 0.38 s), and the reflective call reads no
            // slower (SummaryStoreBench).
            if (!constructor.canAccess(null)) {
                try {
                    constructor.setAccessible(true);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("cannot access " + constructor, e);
                }
            }
            Shape shape = new Shape(components.length, constructor);
            shapes.put(type, shape);
            for (int i = 0; i < components.length; i++) {
                shape.parts[i] = part(type, components[i]);
            }
            return shape;
        }

        private Part part(Class<?> record, RecordComponent component) {
            String where = record.getName() + "." + component.getName();
            Method m = component.getAccessor();
            MethodHandle accessor = unreflect(m, () -> lookup.unreflect(m));
            Class<?> t = component.getType();
            if (t.isPrimitive()) {
                return primitive(t, accessor, where);
            }
            Value v = value(component.getGenericType(), where);
            MethodHandle get = accessor.asType(MethodType.methodType(Object.class, Object.class));
            return new Part() {
                @Override
                public void write(Object r, ByteSink out) throws Throwable {
                    v.write((Object) get.invokeExact(r), out);
                }

                @Override
                public Object read(ByteSource in) throws Throwable {
                    return v.read(in);
                }
            };
        }

        private static Part primitive(Class<?> t, MethodHandle accessor, String where) {
            MethodHandle get = accessor.asType(MethodType.methodType(t, Object.class));
            if (t == boolean.class) {
                return new Part() {
                    @Override
                    public void write(Object r, ByteSink out) throws Throwable {
                        out.writeBoolean((boolean) get.invokeExact(r));
                    }

                    @Override
                    public Object read(ByteSource in) {
                        return in.readBoolean();
                    }
                };
            } else if (t == int.class) {
                return new Part() {
                    @Override
                    public void write(Object r, ByteSink out) throws Throwable {
                        out.writeZigZag((int) get.invokeExact(r));
                    }

                    @Override
                    public Object read(ByteSource in) {
                        return toInt(in.readZigZag());
                    }
                };
            } else if (t == long.class) {
                return new Part() {
                    @Override
                    public void write(Object r, ByteSink out) throws Throwable {
                        out.writeZigZag((long) get.invokeExact(r));
                    }

                    @Override
                    public Object read(ByteSource in) {
                        return in.readZigZag();
                    }
                };
            } else if (t == double.class) {
                return new Part() {
                    @Override
                    public void write(Object r, ByteSink out) throws Throwable {
                        out.writeDouble((double) get.invokeExact(r));
                    }

                    @Override
                    public Object read(ByteSource in) {
                        return in.readDouble();
                    }
                };
            } else if (t == byte.class || t == short.class || t == char.class || t == float.class) {
                // Rare: through the boxed value's codec, never null here.
                Value v = boxed(t);
                MethodHandle boxedGet = accessor.asType(MethodType.methodType(Object.class, Object.class));
                return new Part() {
                    @Override
                    public void write(Object r, ByteSink out) throws Throwable {
                        v.write((Object) boxedGet.invokeExact(r), out);
                    }

                    @Override
                    public Object read(ByteSource in) throws Throwable {
                        Object o = v.read(in);
                        if (o == null) {
                            throw new IllegalStateException("a null " + t + " at " + in.position());
                        }
                        return o;
                    }
                };
            }
            throw new IllegalArgumentException(where + ": cannot encode " + t);
        }

        /** The value of a declared type, or {@link IllegalArgumentException} naming {@code where}. */
        private Value value(Type declared, String where) {
            if (declared instanceof Class<?> c) {
                Codec<?> own = extra.get(c);
                if (own != null) {
                    return extraValue(own);
                }
                Value v = boxedOrNull(c);
                if (v != null) {
                    return v;
                }
                if (c == String.class) {
                    return STRING;
                }
                if (c == Instant.class) {
                    return INSTANT;
                }
                if (c == Duration.class) {
                    return DURATION;
                }
                if (c.isEnum()) {
                    return enumValue(c);
                }
                if (c.isRecord()) {
                    Shape s = shape(c);
                    return new Value() {
                        @Override
                        public void write(Object o, ByteSink out) throws Throwable {
                            if (o == null) {
                                out.writeByte(0);
                            } else {
                                out.writeByte(1);
                                s.write(o, out);
                            }
                        }

                        @Override
                        public Object read(ByteSource in) throws Throwable {
                            return in.readBoolean() ? s.read(in) : null;
                        }
                    };
                }
                if (c == List.class) {
                    throw new IllegalArgumentException(where + ": a List needs its element type");
                }
                throw new IllegalArgumentException(where + ": cannot encode " + c.getTypeName()
                        + " (not a record, enum, String, Instant, Duration, List or primitive, nor given in extra)");
            }
            if (declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
                Codec<?> own = extra.get(raw);
                if (own != null) {
                    return extraValue(own);
                }
                if (raw == List.class) {
                    Type e = p.getActualTypeArguments()[0];
                    String inner = where + "[]";
                    if (e == Long.class) {
                        return new LongList(false, value(e, inner));
                    }
                    if (e == Integer.class) {
                        return new LongList(true, value(e, inner));
                    }
                    return new AnyList(value(e, inner));
                }
                throw new IllegalArgumentException(where + ": cannot encode " + declared.getTypeName()
                        + " (not a List, nor given in extra)");
            }
            throw new IllegalArgumentException(where + ": cannot encode " + declared.getTypeName()
                    + " (a type variable or wildcard)");
        }

        /** A handle on {@code what}, made accessible first only when it is not already. */
        private static MethodHandle unreflect(AccessibleObject what, Unreflect how) {
            try {
                return how.get();
            } catch (IllegalAccessException first) {
                try {
                    what.setAccessible(true);
                    return how.get();
                } catch (IllegalAccessException | RuntimeException e) {
                    throw new IllegalArgumentException("cannot access " + what, e);
                }
            }
        }

        private interface Unreflect {
            MethodHandle get() throws IllegalAccessException;
        }
    }

    private static Value extraValue(Codec<?> codec) {
        @SuppressWarnings("unchecked")
        Codec<Object> c = (Codec<Object>) codec;
        return new Value() {
            @Override
            public void write(Object o, ByteSink out) {
                if (o == null) {
                    out.writeByte(0);
                } else {
                    out.writeByte(1);
                    c.write(o, out);
                }
            }

            @Override
            public Object read(ByteSource in) {
                return in.readBoolean() ? c.read(in) : null;
            }
        };
    }

    private static Value enumValue(Class<?> type) {
        Object[] constants = type.getEnumConstants();
        return new Value() {
            @Override
            public void write(Object o, ByteSink out) {
                out.writeVarLong(o == null ? 0 : ((Enum<?>) o).ordinal() + 1L);
            }

            @Override
            public Object read(ByteSource in) {
                long n = in.readVarLong();
                if (n > constants.length || n < 0) {
                    throw new IllegalStateException("no constant " + (n - 1) + " in " + type.getName());
                }
                return n == 0 ? null : constants[(int) (n - 1)];
            }
        };
    }

    private static int toInt(long v) {
        if (v != (int) v) {
            throw new IllegalStateException("not an int: " + v);
        }
        return (int) v;
    }

    /** The value of a boxed primitive's class (as {@link Builder#value}), or null when {@code c} is none. */
    private static Value boxedOrNull(Class<?> c) {
        if (c == Boolean.class) {
            return BOOLEAN;
        } else if (c == Integer.class) {
            return INTEGER;
        } else if (c == Long.class) {
            return LONG;
        } else if (c == Double.class) {
            return DOUBLE;
        } else if (c == Byte.class) {
            return BYTE;
        } else if (c == Short.class) {
            return SHORT;
        } else if (c == Character.class) {
            return CHARACTER;
        } else if (c == Float.class) {
            return FLOAT;
        }
        return null;
    }

    /** The value of a primitive's boxed class. */
    private static Value boxed(Class<?> primitive) {
        return boxedOrNull(MethodType.methodType(primitive).wrap().returnType());
    }

    /** 0 for null, 1 for false, 2 for true. */
    private static final Value BOOLEAN = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            out.writeByte(o == null ? 0 : (Boolean) o ? 2 : 1);
        }

        @Override
        public Object read(ByteSource in) {
            int b = in.readByte();
            if (b > 2) {
                throw new IllegalStateException("not a Boolean: " + b + " at " + (in.position() - 1));
            }
            return b == 0 ? null : b == 2;
        }
    };

    /** 0 for null, else the zig-zag value + 1 (an int's zig-zag value leaves room). */
    private static final Value INTEGER = integral("an int", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
    private static final Value SHORT = integral("a short", Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
    private static final Value BYTE = integral("a byte", Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);

    /**
     * A boxed whole number of at most 32 bits: 0 for null, else its zig-zag value + 1; read back checked against
     * {@code min} and {@code max} and boxed by {@code box}.
     */
    private static Value integral(String name, long min, long max, java.util.function.LongFunction<Object> box) {
        return new Value() {
            @Override
            public void write(Object o, ByteSink out) {
                out.writeVarLong(o == null ? 0 : ByteSink.zigZag(((Number) o).longValue()) + 1);
            }

            @Override
            public Object read(ByteSource in) {
                long n = in.readVarLong();
                if (n == 0) {
                    return null;
                }
                long v = ByteSink.unZigZag(n - 1);
                if (v < min || v > max) {
                    throw new IllegalStateException("not " + name + ": " + v);
                }
                return box.apply(v);
            }
        };
    }

    private static final Value CHARACTER = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            out.writeVarLong(o == null ? 0 : (Character) o + 1L);
        }

        @Override
        public Object read(ByteSource in) {
            long n = in.readVarLong();
            if (n > Character.MAX_VALUE + 1L) {
                throw new IllegalStateException("not a char: " + (n - 1));
            }
            return n == 0 ? null : (char) (n - 1);
        }
    };

    /** A presence byte, then the zig-zag value. */
    private static final Value LONG = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1).writeZigZag((Long) o);
            }
        }

        @Override
        public Object read(ByteSource in) {
            return in.readBoolean() ? in.readZigZag() : null;
        }
    };

    /** A presence byte, then the eight bytes of the bits. */
    private static final Value DOUBLE = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1).writeDouble((Double) o);
            }
        }

        @Override
        public Object read(ByteSource in) {
            return in.readBoolean() ? in.readDouble() : null;
        }
    };

    /** A presence byte, then the bits as an unsigned varint. */
    private static final Value FLOAT = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
            } else {
                out.writeByte(1).writeVarLong(Float.floatToRawIntBits((Float) o) & 0xFFFF_FFFFL);
            }
        }

        @Override
        public Object read(ByteSource in) {
            return in.readBoolean() ? Float.intBitsToFloat((int) in.readVarLong()) : null;
        }
    };

    /**
     * 0 for null; 1 to {@link ByteSink#RECENT} for a string written lately in the same record, the same object (a
     * call's Call-ID, its parties' URIs and addresses come back again and again in its legs and dialogs); else its
     * UTF-8 length + {@link ByteSink#RECENT} + 1 and its bytes. Read back, a repeat is one string again.
     */
    private static final Value STRING = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
                return;
            }
            String s = (String) o;
            int slot = out.recentSlot(s);
            if (slot >= 0) {
                out.writeVarLong(1 + slot);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeVarLong(utf8.length + 1L + ByteSink.RECENT).writeBytes(utf8, 0, utf8.length);
            out.remember(s);
        }

        @Override
        public Object read(ByteSource in) {
            long v = in.readVarLong();
            if (v == 0) {
                return null;
            }
            if (v <= ByteSink.RECENT) {
                return in.recent((int) v - 1);
            }
            if (v - 1 - ByteSink.RECENT > Integer.MAX_VALUE) {
                throw new IllegalStateException("a string of " + (v - 1 - ByteSink.RECENT) + " bytes");
            }
            String s = in.readUtf8((int) (v - 1 - ByteSink.RECENT));
            in.remember(s);
            return s;
        }
    };

    /** The nanoseconds + 1 (0 for null), then the seconds zig-zag. */
    private static final Value INSTANT = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
            } else {
                Instant t = (Instant) o;
                out.writeVarLong(t.getNano() + 1L).writeZigZag(t.getEpochSecond());
            }
        }

        @Override
        public Object read(ByteSource in) {
            long n = in.readVarLong();
            return n == 0 ? null : Instant.ofEpochSecond(in.readZigZag(), nanos(n - 1));
        }
    };

    /** As {@link #INSTANT}. */
    private static final Value DURATION = new Value() {
        @Override
        public void write(Object o, ByteSink out) {
            if (o == null) {
                out.writeByte(0);
            } else {
                Duration d = (Duration) o;
                out.writeVarLong(d.getNano() + 1L).writeZigZag(d.getSeconds());
            }
        }

        @Override
        public Object read(ByteSource in) {
            long n = in.readVarLong();
            return n == 0 ? null : Duration.ofSeconds(in.readZigZag(), nanos(n - 1));
        }
    };

    private static long nanos(long n) {
        if (n >= 1_000_000_000L || n < 0) {
            throw new IllegalStateException("nanoseconds out of range: " + n);
        }
        return n;
    }

    /** The number of elements of a list header, checked against what is left to read (a byte an element at least). */
    private static int count(long n, ByteSource in) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("a list of " + n + " elements with " + in.remaining()
                    + " bytes left at " + in.position());
        }
        return (int) n;
    }

    /** {@code elements} as an unmodifiable list: {@link List#of} unless one is null. */
    private static List<Object> listOf(Object[] elements, boolean anyNull) {
        return anyNull ? Collections.unmodifiableList(Arrays.asList(elements)) : List.of(elements);
    }

    /** A list: 0 for null, else its size + 1, then each element (nulls marked by the element's value). */
    private static final class AnyList implements Value {
        private final Value element;

        AnyList(Value element) {
            this.element = element;
        }

        @Override
        public void write(Object o, ByteSink out) throws Throwable {
            if (o == null) {
                out.writeByte(0);
                return;
            }
            List<?> list = (List<?>) o;
            out.writeVarLong(list.size() + 1L);
            int written = 0;
            for (Object e : list) {
                element.write(e, out);
                written++;
            }
            if (written != list.size()) {
                throw new IllegalStateException("a list of " + list.size() + " elements gave " + written);
            }
        }

        @Override
        public Object read(ByteSource in) throws Throwable {
            long n = in.readVarLong();
            if (n == 0) {
                return null;
            }
            Object[] elements = new Object[count(n - 1, in)];
            boolean anyNull = false;
            for (int i = 0; i < elements.length; i++) {
                elements[i] = element.read(in);
                anyNull |= elements[i] == null;
            }
            return listOf(elements, anyNull);
        }
    }

    /**
     * A list of Long or Integer: 0 for null, else size * 2 + 1 and each element's difference from the one before
     * (the first's from 0), zig-zag; or, when an element is null, size * 2 + 2 and each element as its own value.
     */
    private static final class LongList implements Value {
        private final boolean ints;
        private final Value element;

        LongList(boolean ints, Value element) {
            this.ints = ints;
            this.element = element;
        }

        @Override
        public void write(Object o, ByteSink out) throws Throwable {
            if (o == null) {
                out.writeByte(0);
                return;
            }
            List<?> list = (List<?>) o;
            int size = list.size();
            int mark = out.size();
            out.writeVarLong(size * 2L + 1);
            long previous = 0;
            int written = 0;
            for (Object e : list) {
                if (e == null) {
                    out.truncate(mark);
                    writeWithNulls(list, out);
                    return;
                }
                long v = ints ? (Integer) e : (Long) e;
                out.writeZigZag(v - previous);
                previous = v;
                written++;
            }
            if (written != size) {
                throw new IllegalStateException("a list of " + size + " elements gave " + written);
            }
        }

        private void writeWithNulls(List<?> list, ByteSink out) throws Throwable {
            out.writeVarLong(list.size() * 2L + 2);
            for (Object e : list) {
                element.write(e, out);
            }
        }

        @Override
        public Object read(ByteSource in) throws Throwable {
            long n = in.readVarLong();
            if (n == 0) {
                return null;
            }
            Object[] elements = new Object[count((n - 1) >>> 1, in)];
            if (((n - 1) & 1) != 0) {
                boolean anyNull = false;
                for (int i = 0; i < elements.length; i++) {
                    elements[i] = element.read(in);
                    anyNull |= elements[i] == null;
                }
                return listOf(elements, anyNull);
            }
            long previous = 0;
            for (int i = 0; i < elements.length; i++) {
                previous += in.readZigZag();
                elements[i] = ints ? (Object) toInt(previous) : (Object) previous;
            }
            return List.of(elements);
        }
    }
}

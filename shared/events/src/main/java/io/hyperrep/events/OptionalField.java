package io.hyperrep.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component added to an event after its v1 records were first written: {@link JsonEventCodec}
 * decodes a record without it as {@code null}, so the topics' older records stay readable, while every
 * component without this mark stays required. Such a component is a reference type (never a primitive),
 * and its readers handle {@code null}.
 */
@Target(ElementType.RECORD_COMPONENT)
@Retention(RetentionPolicy.RUNTIME)
public @interface OptionalField {}
